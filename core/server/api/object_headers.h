#pragma once
// The headers an object is written with and read back with: Content-Type and the other
// stored representation headers, x-amz-meta-*, storage class and checksums; and the
// request headers S3 refuses in R2 mode (ACLs, tagging, object lock).

#include "api_error.h"
#include "cors_policy.h"

#include "server/http/requesthead.h"
#include "server/store/store_types.h"

#include <optional>

namespace coffer::server::api {

// The metadata a PUT, CopyObject (REPLACE) or CreateMultipartUpload carries.
// InvalidStorageClass for anything but STANDARD/STANDARD_IA; MetadataTooLarge past 2 KB.
std::optional<ApiError> readMetadata(const http::RequestHead &head, ObjectMetadata &metadata);

// x-amz-checksum-* request headers (values base64) and x-amz-checksum-algorithm:
// which checksum to keep and which values to verify. InvalidRequest when they disagree.
struct ChecksumRequest {
    std::optional<coffer::s3::ChecksumAlgorithm> algorithm;
    coffer::s3::Checksums expected;
    QByteArray expectedMd5; // raw Content-MD5
};
std::optional<ApiError> readChecksums(const http::RequestHead &head, ChecksumRequest &request);

// Headers a GET/HEAD answers with: ETag, Last-Modified, Content-Type, stored headers,
// x-amz-meta-*, storage class, x-amz-mp-parts-count; checksums only when withChecksums.
ResponseHeaders objectHeaders(const ObjectRecord &record, bool withChecksums);

// R2 mode: the ACL, tagging and object-lock headers it answers 501 for.
std::optional<ApiError> refuseR2OnlyHeaders(const http::RequestHead &head);

// "If-None-Match: *" / "If-Match: <etag>" on a write.
WriteConditions writeConditions(const http::RequestHead &head);

} // namespace coffer::server::api
