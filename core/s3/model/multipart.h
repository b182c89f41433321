#pragma once
// Multipart upload documents: initiate, complete, list parts, list uploads.

#include "s3/model/common.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace coffer::s3 {

struct InitiateMultipartUploadResult {
    QString bucket;
    QString key;
    QString uploadId;
    bool operator==(const InitiateMultipartUploadResult &) const = default;
};

struct CompletedPart {
    int partNumber = 0;
    QString etag; // quoted
    Checksums checksums;
    bool operator==(const CompletedPart &) const = default;
};

// The CompleteMultipartUpload request body.
struct CompleteMultipartUpload {
    QList<CompletedPart> parts;
    bool operator==(const CompleteMultipartUpload &) const = default;
};

struct CompleteMultipartUploadResult {
    QString location;
    QString bucket;
    QString key;
    QString etag; // quoted, "<md5 of part md5s>-N"
    Checksums checksums;
    QString checksumType;
    bool operator==(const CompleteMultipartUploadResult &) const = default;
};

struct PartEntry {
    int partNumber = 0;
    QDateTime lastModified;
    QString etag;
    qint64 size = 0;
    Checksums checksums;
    bool operator==(const PartEntry &) const = default;
};

struct ListPartsPage {
    QString bucket;
    QString key;
    QString uploadId;
    std::optional<int> partNumberMarker;
    std::optional<int> nextPartNumberMarker;
    std::optional<int> maxParts;
    bool isTruncated = false;
    QList<PartEntry> parts;
    std::optional<Owner> initiator;
    std::optional<Owner> owner;
    QString storageClass;
    QString checksumAlgorithm;
    QString checksumType;
    bool operator==(const ListPartsPage &) const = default;
};

struct MultipartUploadEntry {
    QString key;
    QString uploadId;
    QDateTime initiated;
    QString storageClass;
    std::optional<Owner> owner;
    std::optional<Owner> initiator;
    QString checksumAlgorithm;
    QString checksumType;
    bool operator==(const MultipartUploadEntry &) const = default;
};

struct ListMultipartUploadsPage {
    QString bucket;
    QString keyMarker;
    QString uploadIdMarker;
    QString nextKeyMarker;
    QString nextUploadIdMarker;
    QString prefix;
    QString delimiter;
    std::optional<int> maxUploads;
    bool isTruncated = false;
    QList<MultipartUploadEntry> uploads;
    QStringList commonPrefixes;
    KeyEncoding encodingType = KeyEncoding::None;
    bool operator==(const ListMultipartUploadsPage &) const = default;
};

} // namespace coffer::s3
