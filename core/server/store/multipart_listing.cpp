// Reading multipart state: one upload, its parts (paged), the uploads of a bucket (paged,
// with prefix/delimiter roll-up) and the uploads a lifecycle rule would abort.
#include "server/store/object_store.h"

#include "server/store/key_range.h"
#include "server/store/page_scan.h"
#include "server/store/store_internals.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

MultipartUploadRecord uploadFromRow(const SqliteStatement &q)
{
    MultipartUploadRecord u;
    u.uploadId = q.text(0);
    u.bucket = q.text(1);
    u.key = q.blob(2);
    u.initiatedMs = q.int64(3);
    u.metadata = decodeMetadata(q.blob(4));
    u.checksumAlgorithm = s3::checksumAlgorithmFromName(q.text(5).toLatin1());
    u.checksumType = q.text(6);
    return u;
}

StoreResult<MultipartUploadRecord> readUpload(SqliteDatabase &db, const QString &bucket,
                                              QByteArrayView key, const QString &uploadId)
{
    SqliteStatement &q =
        db.prepare("SELECT " COFFER_UPLOAD_COLUMNS " FROM uploads WHERE upload_id = ?1");
    q.bindText(1, uploadId);
    std::optional<MultipartUploadRecord> upload;
    if (q.next())
        upload = uploadFromRow(q);
    else if (q.error().isError())
        return q.error();
    q.reset();
    if (!upload || upload->bucket != bucket || upload->key != key) {
        if (StoreError error = checkBucket(db, bucket); error.isError())
            return error;
        return StoreError(StoreError::Code::NoSuchUpload,
                          u"The multipart upload %1 does not exist: it may have been completed "
                          u"or aborted. Start a new upload."_s.arg(uploadId));
    }
    return *upload;
}

StoreResult<MultipartUploadRecord> ObjectStore::multipartUpload(const QString &bucket,
                                                                const QByteArray &key,
                                                                const QString &uploadId)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    ReadTransaction snapshot(lease->db());
    return readUpload(lease->db(), bucket, key, uploadId);
}

StoreResult<PartPage> ObjectStore::listParts(const QString &bucket, const QByteArray &key,
                                             const QString &uploadId, int partNumberMarker,
                                             int maxParts)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteDatabase &db = lease->db();
    ReadTransaction snapshot(db);
    if (StoreResult<MultipartUploadRecord> upload = readUpload(db, bucket, key, uploadId); !upload.ok())
        return upload.error();
    maxParts = qBound(0, maxParts, 1000);
    SqliteStatement &q = db.prepare(
        "SELECT part_number, size, md5, modified_ms, checksum FROM parts"
        " WHERE upload_id = ?1 AND part_number > ?2 ORDER BY part_number LIMIT ?3");
    q.bindText(1, uploadId).bind(2, partNumberMarker).bind(3, maxParts + 1);
    PartPage page;
    while (q.next()) {
        if (page.parts.size() == maxParts) {
            page.isTruncated = true;
            break;
        }
        PartRecord part;
        part.partNumber = int(q.int64(0));
        part.size = q.int64(1);
        part.etag = quotedEtag(q.blob(2));
        part.lastModifiedMs = q.int64(3);
        const QByteArray checksum = q.blob(4);
        if (!checksum.isEmpty())
            part.checksum = QString::fromLatin1(checksum.toBase64());
        page.parts.append(part);
    }
    if (q.error().isError())
        return q.error();
    q.reset();
    if (page.isTruncated && !page.parts.isEmpty())
        page.nextPartNumberMarker = page.parts.last().partNumber;
    return page;
}

StoreResult<UploadPage> ObjectStore::listUploads(const QString &bucket,
                                                 const UploadListRequest &request)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteDatabase &db = lease->db();
    ReadTransaction snapshot(db);
    if (StoreError error = checkBucket(db, bucket); error.isError())
        return error;
    const int maxUploads = qBound(0, request.maxUploads, 1000);

    // Position: (key, upload id) pairs after (lowerKey, lowerId). An id of "" takes the
    // whole lowerKey; "~" (after every hex id) skips it.
    QByteArray lowerKey = request.prefix;
    QString lowerId;
    if (!request.keyMarker.isEmpty() && request.keyMarker >= request.prefix) {
        lowerKey = request.keyMarker;
        lowerId = request.uploadIdMarker.isEmpty() ? u"~"_s : request.uploadIdMarker;
        const QByteArray rolled =
            commonPrefixOf(request.keyMarker, request.prefix, request.delimiter);
        if (!rolled.isEmpty()) {
            const std::optional<QByteArray> past = prefixSuccessor(rolled);
            if (!past)
                return UploadPage{};
            lowerKey = *past;
            lowerId.clear();
        }
    }
    UploadPage page;
    const PageScanResult scanned = scanPage(
        PageScan{request.prefix, request.delimiter, maxUploads},
        [&](int limit) -> SqliteStatement & {
            SqliteStatement &q = db.prepare(
                "SELECT " COFFER_UPLOAD_COLUMNS " FROM uploads WHERE bucket = ?1"
                " AND (key > ?2 OR (key = ?2 AND upload_id > ?3)) ORDER BY key, upload_id LIMIT ?4");
            q.bindText(1, bucket).bindBlob(2, lowerKey).bindText(3, lowerId).bind(4, limit);
            return q;
        },
        [](const SqliteStatement &q) { return q.blob(2); },
        [&](const SqliteStatement &q, const QByteArray &) {
            MultipartUploadRecord upload = uploadFromRow(q);
            lowerKey = upload.key;
            lowerId = upload.uploadId;
            page.nextKeyMarker = upload.key;
            page.nextUploadIdMarker = upload.uploadId;
            page.uploads.append(std::move(upload));
        },
        [&](const QByteArray &rolled, const QByteArray &past) {
            page.commonPrefixes.append(rolled);
            page.nextKeyMarker = rolled;
            page.nextUploadIdMarker.clear();
            lowerKey = past;
            lowerId.clear();
        });
    if (scanned.error.isError())
        return scanned.error;
    page.isTruncated = scanned.truncated;
    if (!page.isTruncated) {
        page.nextKeyMarker.clear();
        page.nextUploadIdMarker.clear();
    }
    return page;
}

StoreResult<QList<MultipartUploadRecord>> ObjectStore::uploadsInitiatedBefore(
    const QString &bucket, const QByteArray &prefix, qint64 cutoffMs, int limit)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteDatabase &db = lease->db();
    ReadTransaction snapshot(db);
    if (StoreError error = checkBucket(db, bucket); error.isError())
        return error;
    SqliteStatement &q = db.prepare(
        "SELECT " COFFER_UPLOAD_COLUMNS " FROM uploads WHERE bucket = ?1 AND key >= ?2"
        " AND initiated_ms < ?3 ORDER BY key, upload_id");
    q.bindText(1, bucket).bindBlob(2, prefix).bind(3, cutoffMs);
    QList<MultipartUploadRecord> uploads;
    while (q.next() && uploads.size() < limit) {
        MultipartUploadRecord upload = uploadFromRow(q);
        if (!upload.key.startsWith(prefix))
            break; // keys are in order: past the prefix, nothing more can match
        uploads.append(std::move(upload));
    }
    if (q.error().isError())
        return q.error();
    q.reset();
    return uploads;
}

} // namespace coffer::server
