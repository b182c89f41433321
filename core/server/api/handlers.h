#pragma once
// One handler per endpoint, each answering through its Call. Overloads of run(), so that
// dispatch is a std::visit and a new endpoint without a handler does not compile.

#include "endpoint.h"

namespace coffer::server::api {

class Call;

// bucket_handlers.cpp
void run(Call &call, const ListBuckets &e);
void run(Call &call, const CreateBucket &e);
void run(Call &call, const HeadBucket &e);
void run(Call &call, const DeleteBucket &e);
void run(Call &call, const GetBucketLocation &e);
// listing_handlers.cpp
void run(Call &call, const ListObjectsV2 &e);
void run(Call &call, const ListObjectsV1 &e);
void run(Call &call, const ListObjectVersions &e);
void run(Call &call, const ListMultipartUploads &e);
// object_handlers.cpp
void run(Call &call, const PutObject &e);
void run(Call &call, const GetObject &e);
void run(Call &call, const HeadObject &e);
void run(Call &call, const DeleteObject &e);
// copy_handlers.cpp
void run(Call &call, const CopyObject &e);
void run(Call &call, const UploadPartCopy &e);
void run(Call &call, const DeleteObjects &e);
// multipart_handlers.cpp
void run(Call &call, const CreateMultipartUpload &e);
void run(Call &call, const UploadPart &e);
void run(Call &call, const CompleteMultipartUpload &e);
void run(Call &call, const AbortMultipartUpload &e);
void run(Call &call, const ListParts &e);
// config_handlers.cpp
void run(Call &call, const GetBucketCors &e);
void run(Call &call, const PutBucketCors &e);
void run(Call &call, const DeleteBucketCors &e);
void run(Call &call, const GetBucketLifecycle &e);
void run(Call &call, const PutBucketLifecycle &e);
void run(Call &call, const DeleteBucketLifecycle &e);
void run(Call &call, const GetBucketVersioning &e);
void run(Call &call, const PutBucketVersioning &e);
// policy_handlers.cpp
void run(Call &call, const GetBucketPolicy &e);
void run(Call &call, const PutBucketPolicy &e);
void run(Call &call, const DeleteBucketPolicy &e);
void run(Call &call, const GetBucketPolicyStatus &e);
void run(Call &call, const GetPublicAccessBlock &e);
void run(Call &call, const PutPublicAccessBlock &e);
void run(Call &call, const DeletePublicAccessBlock &e);
// s3_request_handler.cpp
void run(Call &call, const Options &e);
void run(Call &call, const Unsupported &e);

// Reads a small request body (an XML document) whole, proven like any body, then calls
// done with it. Bodies above maxBytes fail with MaxMessageLengthExceeded.
void readSmallBody(Call &call, qint64 maxBytes, std::function<void(const QByteArray &body)> done);

} // namespace coffer::server::api
