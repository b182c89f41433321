#pragma once
// What the store keeps and answers with. Keys are opaque bytes (S3 keys are UTF-8; the
// handlers pass QString::toUtf8()) and compare bytewise, as S3 orders them.

#include "s3/checksum/checksum.h"
#include "s3/model/common.h"

#include <QByteArray>
#include <QDateTime>
#include <QTimeZone>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace coffer::server {

// The headers an object keeps and GetObject replays.
struct ObjectMetadata {
    QString contentType;
    QString contentEncoding;
    QString contentDisposition;
    QString contentLanguage;
    QString cacheControl;
    QString expires;
    QString websiteRedirectLocation;
    QString storageClass; // empty: STANDARD
    QList<std::pair<QString, QString>> userMetadata; // x-amz-meta-<name> (name lowercase)
    bool operator==(const ObjectMetadata &) const = default;
};

// Conditional writes, evaluated inside the commit transaction.
struct WriteConditions {
    bool ifNoneMatchAny = false; // If-None-Match: *
    QString ifMatch;             // If-Match: an ETag, quoted or not; empty: none
};

struct PutRequest {
    ObjectMetadata metadata;
    // The checksum to compute and keep (x-amz-checksum-algorithm or the header sent).
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm;
    // Values the client sent (x-amz-checksum-*, base64); a mismatch fails with BadDigest.
    s3::Checksums expectedChecksums;
    QByteArray expectedMd5; // Content-MD5, raw 16 bytes; empty: none
    WriteConditions conditions;
};

struct ObjectRecord {
    QString bucket;
    QByteArray key;
    qint64 size = 0;
    QString etag; // quoted
    qint64 lastModifiedMs = 0;
    ObjectMetadata metadata;
    s3::Checksums checksums;
    QString checksumType;      // FULL_OBJECT or COMPOSITE; empty without a checksum
    QList<qint64> partSizes;   // multipart objects: each part's size, in order
    QDateTime lastModified() const { return QDateTime::fromMSecsSinceEpoch(lastModifiedMs, QTimeZone::UTC); }
    int partCount() const { return int(partSizes.size()); }
};

// One row of a listing.
struct ObjectSummary {
    QByteArray key;
    qint64 size = 0;
    QString etag;
    qint64 lastModifiedMs = 0;
    QString storageClass;
    QString checksumAlgorithm; // e.g. CRC32; empty when none
    QString checksumType;
};

struct ListRequest {
    QByteArray prefix;
    QByteArray delimiter;  // empty: no roll-up
    QByteArray startAfter; // exclusive; marker, start-after or a decoded continuation token
    int maxKeys = 1000;    // clamped to 0..1000
};

struct ListResult {
    QList<ObjectSummary> objects;
    QList<QByteArray> commonPrefixes;
    bool isTruncated = false;
    // The last key or common prefix returned: pass it back as startAfter for the next page
    // (as NextMarker, or encoded as the continuation token).
    QByteArray nextStartAfter;
};

struct BucketRecord {
    QString name;
    qint64 createdMs = 0;
    QString region;
};

// Per-bucket configuration documents, kept opaquely (the handlers parse and validate).
// CustomDomains: the R2 custom domains the emulated Cloudflare API attaches (JSON).
enum class BucketDocument { Cors, Lifecycle, Policy, PublicAccessBlock, CustomDomains };

struct MultipartUploadRecord {
    QString uploadId;
    QString bucket;
    QByteArray key;
    qint64 initiatedMs = 0;
    ObjectMetadata metadata;
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm;
    QString checksumType; // COMPOSITE (default with an algorithm) or FULL_OBJECT
};

struct PartRecord {
    int partNumber = 0;
    qint64 size = 0;
    QString etag; // quoted MD5
    qint64 lastModifiedMs = 0;
    QString checksum; // base64 of the upload's checksum algorithm; empty: none
};

struct PartPage {
    QList<PartRecord> parts;
    bool isTruncated = false;
    int nextPartNumberMarker = 0;
};

struct UploadListRequest {
    QByteArray prefix;
    QByteArray delimiter;
    QByteArray keyMarker;
    QString uploadIdMarker;
    int maxUploads = 1000;
};

struct UploadPage {
    QList<MultipartUploadRecord> uploads;
    QList<QByteArray> commonPrefixes;
    bool isTruncated = false;
    QByteArray nextKeyMarker;
    QString nextUploadIdMarker;
};

struct SweepReport {
    int tempFilesRemoved = 0;
    int orphanBlobsRemoved = 0;
};

// The checksum value of one algorithm inside s3::Checksums (Md5 has no slot).
QString *checksumSlot(s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm);
const QString *checksumSlot(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm);

} // namespace coffer::server
