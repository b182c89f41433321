#pragma once
// A typed endpoint per request: the router turns method + target + Host into exactly one
// of these, and authorization and the handlers are decided from it. Keys are raw bytes,
// percent-decoded once from the path as it arrived ("a//b", "..", "%2F" stay distinct).

#include <QByteArray>
#include <QString>

#include <optional>
#include <variant>

namespace coffer::server::api {

struct BucketTarget {
    QString bucket;
};
struct ObjectTarget {
    QString bucket;
    QByteArray key; // decoded bytes (UTF-8), never a file path
};

// The x-amz-copy-source header, decoded.
struct CopySource {
    QString bucket;
    QByteArray key;
};

struct ListBuckets {
    QByteArray prefix;
    QByteArray continuationToken; // cf-continuation-token (R2's paging) or continuation-token
    int maxBuckets = 0;           // 0: no limit asked
};
struct CreateBucket : BucketTarget {};
struct HeadBucket : BucketTarget {};
struct DeleteBucket : BucketTarget {};
struct GetBucketLocation : BucketTarget {};

inline constexpr int kDefaultMaxKeys = 1000;

struct ListObjectsV2 : BucketTarget {
    QByteArray prefix;
    QByteArray delimiter;
    QByteArray continuationToken;
    QByteArray startAfter;
    int maxKeys = kDefaultMaxKeys;
    bool fetchOwner = false;
    bool encodingTypeUrl = false;
};
struct ListObjectsV1 : BucketTarget {
    QByteArray prefix;
    QByteArray delimiter;
    QByteArray marker;
    int maxKeys = kDefaultMaxKeys;
    bool encodingTypeUrl = false;
};
struct ListObjectVersions : BucketTarget {
    QByteArray prefix;
    QByteArray delimiter;
    QByteArray keyMarker;
    QByteArray versionIdMarker;
    int maxKeys = kDefaultMaxKeys;
    bool encodingTypeUrl = false;
};

struct PutObject : ObjectTarget {};
struct CopyObject : ObjectTarget {
    CopySource source;
};
struct GetObject : ObjectTarget {
    int partNumber = 0; // 0: the whole object
};
struct HeadObject : ObjectTarget {
    int partNumber = 0;
};
struct DeleteObject : ObjectTarget {};
struct DeleteObjects : BucketTarget {};

struct CreateMultipartUpload : ObjectTarget {};
struct UploadPart : ObjectTarget {
    QByteArray uploadId;
    int partNumber = 0;
};
struct UploadPartCopy : UploadPart {
    CopySource source;
};
struct CompleteMultipartUpload : ObjectTarget {
    QByteArray uploadId;
};
struct AbortMultipartUpload : ObjectTarget {
    QByteArray uploadId;
};
struct ListParts : ObjectTarget {
    QByteArray uploadId;
    int maxParts = kDefaultMaxKeys;
    int partNumberMarker = 0;
};
struct ListMultipartUploads : BucketTarget {
    QByteArray prefix;
    QByteArray delimiter;
    QByteArray keyMarker;
    QByteArray uploadIdMarker;
    int maxUploads = kDefaultMaxKeys;
    bool encodingTypeUrl = false;
};

struct GetBucketCors : BucketTarget {};
struct PutBucketCors : BucketTarget {};
struct DeleteBucketCors : BucketTarget {};
struct GetBucketLifecycle : BucketTarget {};
struct PutBucketLifecycle : BucketTarget {};
struct DeleteBucketLifecycle : BucketTarget {};
struct GetBucketPolicy : BucketTarget {};
struct PutBucketPolicy : BucketTarget {};
struct DeleteBucketPolicy : BucketTarget {};
struct GetBucketPolicyStatus : BucketTarget {};
struct GetPublicAccessBlock : BucketTarget {};
struct PutPublicAccessBlock : BucketTarget {};
struct DeletePublicAccessBlock : BucketTarget {};
struct GetBucketVersioning : BucketTarget {};
struct PutBucketVersioning : BucketTarget {};

// A CORS preflight; key is empty for a bucket-level preflight.
struct Options {
    QString bucket;
    QByteArray key;
};

// A call S3 has and this server deliberately does not implement (ACLs, tagging,
// object lock, website, ...): answered 501 NotImplemented, naming what.
struct Unsupported {
    QString bucket;
    QByteArray key;
    QByteArray what; // the subresource or operation, e.g. "acl", "tagging"
};

using Endpoint = std::variant<
    ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation,
    ListObjectsV2, ListObjectsV1, ListObjectVersions,
    PutObject, CopyObject, GetObject, HeadObject, DeleteObject, DeleteObjects,
    CreateMultipartUpload, UploadPart, UploadPartCopy, CompleteMultipartUpload,
    AbortMultipartUpload, ListParts, ListMultipartUploads,
    GetBucketCors, PutBucketCors, DeleteBucketCors,
    GetBucketLifecycle, PutBucketLifecycle, DeleteBucketLifecycle,
    GetBucketPolicy, PutBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus,
    GetPublicAccessBlock, PutPublicAccessBlock, DeletePublicAccessBlock,
    GetBucketVersioning, PutBucketVersioning,
    Options, Unsupported>;

// The S3 operation name, e.g. "ListObjectsV2" (logs, tests, Unsupported messages).
QByteArray endpointName(const Endpoint &endpoint);
// The bucket the request addresses; empty for ListBuckets.
QString endpointBucket(const Endpoint &endpoint);
// The object key the request addresses; std::nullopt for a bucket-level endpoint.
std::optional<QByteArray> endpointKey(const Endpoint &endpoint);
// A one-line description of every field, for table-driven tests and debug logs.
QByteArray describeEndpoint(const Endpoint &endpoint);

} // namespace coffer::server::api
