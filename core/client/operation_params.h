#pragma once
// The inputs and header-borne outputs of S3Client's calls. Documents that travel as
// XML (pages, configurations) are the coffer_s3 domain types themselves.

#include "s3/checksum/checksum.h"
#include "s3/model/common.h"
#include "s3/model/multipart.h"
#include "s3/model/objects.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace coffer::client {

using MetadataList = QList<std::pair<QString, QString>>; // x-amz-meta-<name>: value

// ListBuckets. On R2 these travel as cf-* request headers, elsewhere as query parameters.
struct ListBucketsParams {
    QString prefix{};
    QString startAfter{};        // R2 only
    QString continuationToken{};
    std::optional<int> maxKeys{};
};

struct BucketHead {
    QString region{}; // x-amz-bucket-region, when the store sends it
};

struct ListObjectsV2Params {
    QString bucket{};
    QString prefix{};
    QString delimiter{};
    QString continuationToken{};
    QString startAfter{};
    std::optional<int> maxKeys{};
    bool fetchOwner = false;
};

struct ListObjectVersionsParams {
    QString bucket{};
    QString prefix{};
    QString delimiter{};
    QString keyMarker{};
    QString versionIdMarker{};
    std::optional<int> maxKeys{};
};

// Preconditions on the object (GetObject, HeadObject) or on a copy's source.
struct Conditions {
    QString ifMatch{};           // an ETag, quoted as S3 sends it
    QString ifNoneMatch{};
    QDateTime ifModifiedSince{};
    QDateTime ifUnmodifiedSince{};
};

// bytes=first-last (last inclusive); without last: from first to the end; with only
// suffixLength: the last suffixLength bytes.
struct ByteRange {
    qint64 first = 0;
    std::optional<qint64> last{};
    std::optional<qint64> suffixLength{};
    QByteArray toHeader() const;
};

// Headers stored with an object (PutObject, CreateMultipartUpload, CopyObject REPLACE).
struct ObjectAttributes {
    QString contentType{};
    QString cacheControl{};
    QString contentDisposition{};
    QString contentEncoding{};
    QString contentLanguage{};
    MetadataList metadata{};  // names without the x-amz-meta- prefix
    QString storageClass{};   // empty: not sent (R2 refuses an empty x-amz-storage-class)
};

struct HeadObjectParams {
    QString bucket{};
    QString key{};
    QString versionId{};
    Conditions conditions{};
};

struct GetObjectParams {
    QString bucket{};
    QString key{};
    QString versionId{};
    std::optional<ByteRange> range{};
    Conditions conditions{};
};

// What HeadObject and GetObject report from the response headers.
struct ObjectHead {
    qint64 contentLength = 0; // of this response's body (the range for a ranged GET)
    QString etag{};
    QDateTime lastModified{};
    QString contentType{};
    QString contentEncoding{};
    QString contentDisposition{};
    QString contentLanguage{};
    QString cacheControl{};
    QString contentRange{};     // "bytes 0-9/100" on a ranged GET
    QString storageClass{};     // empty means STANDARD
    QString versionId{};
    MetadataList metadata{};    // lowercase names without the prefix, in header order
    s3::Checksums checksums{};
    QString checksumType{};
    qint64 objectSize() const; // the whole object's size, also for a ranged GET
};

struct PutObjectParams {
    QString bucket{};
    QString key{};
    QIODevice *body = nullptr; // open for reading; streamed, never read whole
    qint64 size = 0;
    ObjectAttributes attributes{};
    // x-amz-checksum-<alg> with its base64 value (computed by the caller, e.g. while
    // hashing the file off the GUI thread).
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm{};
    QByteArray checksumBase64{};
    QByteArray contentMd5Base64{}; // optional Content-MD5
    bool ifNoneMatchAny = false; // If-None-Match: * (do not overwrite)
    QString ifMatch{};
    bool createBucketIfMissing = false; // R2's cf-create-bucket-if-missing
};

struct PutObjectResult {
    QString etag{};
    QString versionId{};
    s3::Checksums checksums{};
};

struct DeleteObjectParams {
    QString bucket{};
    QString key{};
    QString versionId{};
};

struct DeleteObjectsParams {
    QString bucket{};
    QList<s3::ObjectIdentifier> objects{}; // any number: sent 1,000 per request
    bool quiet = true;
};

enum class MetadataDirective { Copy, Replace, Merge /* R2 only */ };

struct CopySource {
    QString bucket{};
    QString key{};
    QString versionId{};
    QByteArray toHeader() const; // the x-amz-copy-source value, encoded
};

struct CopyObjectParams {
    CopySource source{};
    QString bucket{};
    QString key{};
    MetadataDirective directive = MetadataDirective::Copy;
    ObjectAttributes attributes{}; // sent with Replace/Merge (storage class always)
    Conditions sourceConditions{};
};

struct CreateMultipartUploadParams {
    QString bucket{};
    QString key{};
    ObjectAttributes attributes{};
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm{};
};

struct UploadPartParams {
    QString bucket{};
    QString key{};
    QString uploadId{};
    int partNumber = 1;
    QIODevice *body = nullptr;
    qint64 size = 0;
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm{};
    QByteArray checksumBase64{};
    QByteArray contentMd5Base64{};
};

struct UploadPartResult {
    QString etag{};
    s3::Checksums checksums{};
};

struct UploadPartCopyParams {
    CopySource source{};
    QString bucket{};
    QString key{};
    QString uploadId{};
    int partNumber = 1;
    std::optional<std::pair<qint64, qint64>> range{}; // first, last (inclusive)
};

struct CompleteMultipartUploadParams {
    QString bucket{};
    QString key{};
    QString uploadId{};
    QList<s3::CompletedPart> parts{};
};

struct MultipartUploadRef {
    QString bucket{};
    QString key{};
    QString uploadId{};
};

struct ListPartsParams {
    QString bucket{};
    QString key{};
    QString uploadId{};
    std::optional<int> maxParts{};
    std::optional<int> partNumberMarker{};
};

struct ListMultipartUploadsParams {
    QString bucket{};
    QString prefix{};
    QString delimiter{};
    QString keyMarker{};
    QString uploadIdMarker{};
    std::optional<int> maxUploads{};
};

struct PolicyStatus {
    bool isPublic = false;
};

struct PresignParams {
    QByteArray method = "GET"; // GET, HEAD, PUT or DELETE
    QString bucket{};
    QString key{};
    qint64 expiresSeconds = 3600; // 1 s to 7 days
    QString versionId{};
};

} // namespace coffer::client
