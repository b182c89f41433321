// Multipart uploads: create, upload part, abort, complete. Each part is its own blob file;
// completing references those blobs from the object row in one transaction, so no byte
// is copied.
#include "server/store/object_store.h"

#include "server/store/body_sink.h"
#include "server/store/store_internals.h"

#include "s3/checksum/multipart.h"

#include <QRandomGenerator>

#include <atomic>

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

// Hex milliseconds, then a counter for uploads created in the same millisecond, then
// random bytes: upload ids of one key sort in the order they were created.
QString newUploadId()
{
    static std::atomic<quint32> sequence{0};
    QByteArray random(8, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 2);
    return QString::number(nowMs(), 16).rightJustified(12, u'0')
        + QString::number(sequence++ & 0xFFFFFF, 16).rightJustified(6, u'0')
        + QString::fromLatin1(random.toHex());
}

QString normalizedEtag(const QString &etag)
{
    const QString trimmed = etag.trimmed();
    return trimmed.startsWith(u'"') ? trimmed : u'"' + trimmed + u'"';
}

struct StoredPart {
    int number = 0;
    qint64 size = 0;
    QByteArray md5;
    QByteArray checksum;
    QByteArray blobId;
};

} // namespace

PartUpload::PartUpload(ObjectStore &store, QString uploadId, int partNumber)
    : m_store(store), m_uploadId(std::move(uploadId)), m_partNumber(partNumber)
{
}

PartUpload::~PartUpload() = default;

StoreError PartUpload::write(QByteArrayView data)
{
    if (!m_sink)
        return StoreError::io(u"This part was already committed"_s);
    return m_sink->write(data);
}

qint64 PartUpload::size() const
{
    return m_sink ? m_sink->size() : 0;
}

StoreResult<PartRecord> PartUpload::commit()
{
    if (!m_sink)
        return StoreError::io(u"This part was already committed"_s);
    return m_store.commitPart(*this);
}

StoreResult<MultipartUploadRecord> ObjectStore::createMultipartUpload(
    const QString &bucket, const QByteArray &key, const ObjectMetadata &metadata,
    std::optional<s3::ChecksumAlgorithm> checksumAlgorithm, const QString &checksumType)
{
    if (StoreError error = keyError(key); error.isError())
        return error;
    MultipartUploadRecord upload;
    upload.uploadId = newUploadId();
    upload.bucket = bucket;
    upload.key = key;
    upload.metadata = metadata;
    upload.checksumAlgorithm = checksumAlgorithm;
    if (checksumAlgorithm == s3::ChecksumAlgorithm::Md5) {
        return StoreError(StoreError::Code::InvalidArgument,
                          u"MD5 is not a checksum algorithm for multipart uploads; use CRC32, "
                          u"CRC32C, CRC64NVME, SHA1 or SHA256."_s);
    }
    if (checksumAlgorithm) {
        upload.checksumType = checksumType.isEmpty() ? u"COMPOSITE"_s : checksumType.toUpper();
        if (upload.checksumType != u"COMPOSITE"_s && upload.checksumType != u"FULL_OBJECT"_s) {
            return StoreError(StoreError::Code::InvalidArgument,
                              u"The checksum type must be COMPOSITE or FULL_OBJECT."_s);
        }
        if (upload.checksumType == u"FULL_OBJECT"_s && !s3::isCrc(*checksumAlgorithm)) {
            return StoreError(StoreError::Code::InvalidArgument,
                              u"Full-object multipart checksums need a CRC algorithm "
                              u"(CRC32, CRC32C or CRC64NVME)."_s);
        }
    }
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &) -> StoreError {
        if (StoreError e = checkBucket(db, bucket); e.isError())
            return e;
        upload.initiatedMs = nowMs();
        SqliteStatement &q = db.prepare(
            "INSERT INTO uploads (" COFFER_UPLOAD_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.bindText(1, upload.uploadId).bindText(2, bucket).bindBlob(3, key);
        q.bind(4, upload.initiatedMs).bindBlob(5, encodeMetadata(metadata));
        q.bindText(6, checksumAlgorithm
                          ? QString::fromLatin1(s3::checksumAlgorithmName(*checksumAlgorithm))
                          : QString());
        q.bindText(7, upload.checksumType);
        return q.run();
    });
    if (error.isError())
        return error;
    return upload;
}

StoreResult<std::unique_ptr<PartUpload>> ObjectStore::beginPart(const QString &bucket,
                                                               const QByteArray &key,
                                                               const QString &uploadId,
                                                               int partNumber,
                                                               const s3::Checksums &expected,
                                                               const QByteArray &expectedMd5)
{
    if (partNumber < 1 || partNumber > 10000) {
        return StoreError(StoreError::Code::InvalidArgument,
                          u"Part number %1 is out of range: use 1 to 10,000."_s.arg(partNumber));
    }
    StoreResult<MultipartUploadRecord> upload = multipartUpload(bucket, key, uploadId);
    if (!upload.ok())
        return upload.error();
    std::unique_ptr<PartUpload> part(new PartUpload(*this, uploadId, partNumber));
    // Parts always get a blob file (inline limit -1): completion references them.
    part->m_sink = std::make_unique<BodySink>(d->blobs, -1, upload->checksumAlgorithm, expected,
                                              expectedMd5);
    return part;
}

StoreResult<PartRecord> ObjectStore::commitPart(PartUpload &upload)
{
    std::unique_ptr<BodySink> sink = std::move(upload.m_sink);
    StoreResult<BodySink::Body> body = sink->finish();
    if (!body.ok())
        return body.error();
    PartRecord part;
    part.partNumber = upload.m_partNumber;
    part.size = body->size;
    part.etag = quotedEtag(body->md5);
    if (!body->checksum.isEmpty())
        part.checksum = QString::fromLatin1(body->checksum.toBase64());
    const QString uploadId = upload.m_uploadId;
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        SqliteStatement &exists = db.prepare("SELECT 1 FROM uploads WHERE upload_id = ?1");
        exists.bindText(1, uploadId);
        const bool found = exists.next();
        exists.reset();
        if (!found) {
            return {StoreError::Code::NoSuchUpload,
                    u"The multipart upload %1 was completed or aborted while this part was "
                    u"uploading."_s.arg(uploadId)};
        }
        SqliteStatement &old = db.prepare(
            "DELETE FROM parts WHERE upload_id = ?1 AND part_number = ?2 RETURNING blob_id");
        old.bindText(1, uploadId).bind(2, part.partNumber);
        QByteArray replaced;
        if (old.next())
            replaced = old.blob(0);
        old.reset();
        if (!replaced.isEmpty()) {
            if (StoreError e = dropBlobRef(db, replaced, effects); e.isError())
                return e;
        }
        part.lastModifiedMs = nowMs();
        SqliteStatement &q = db.prepare(
            "INSERT INTO parts (upload_id, part_number, size, md5, checksum, modified_ms, blob_id)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.bindText(1, uploadId).bind(2, part.partNumber).bind(3, part.size);
        q.bindBlob(4, body->md5).bindBlob(5, body->checksum).bind(6, part.lastModifiedMs);
        q.bindBlob(7, body->blobId);
        if (StoreError e = q.run(); e.isError())
            return e;
        return addBlobRef(db, body->blobId);
    });
    if (error.isError()) {
        d->blobs.removeBlob(body->blobId);
        return error;
    }
    return part;
}

StoreResult<PartRecord> ObjectStore::uploadPart(const QString &bucket, const QByteArray &key,
                                                const QString &uploadId, int partNumber,
                                                QByteArrayView body,
                                                const s3::Checksums &expected)
{
    StoreResult<std::unique_ptr<PartUpload>> part =
        beginPart(bucket, key, uploadId, partNumber, expected);
    if (!part.ok())
        return part.error();
    if (StoreError error = part.value()->write(body); error.isError())
        return error;
    return part.value()->commit();
}

namespace {

// Deletes the upload and all its parts, dropping the parts' blob references.
StoreError dropUpload(SqliteDatabase &db, const QString &uploadId, CommitQueue::Effects &effects)
{
    SqliteStatement &parts = db.prepare("DELETE FROM parts WHERE upload_id = ?1 RETURNING blob_id");
    parts.bindText(1, uploadId);
    QList<QByteArray> blobs;
    while (parts.next())
        blobs.append(parts.blob(0));
    if (parts.error().isError())
        return parts.error();
    parts.reset();
    for (const QByteArray &id : blobs) {
        if (StoreError error = dropBlobRef(db, id, effects); error.isError())
            return error;
    }
    SqliteStatement &upload = db.prepare("DELETE FROM uploads WHERE upload_id = ?1");
    upload.bindText(1, uploadId);
    return upload.run();
}

} // namespace

StoreError ObjectStore::abortMultipartUpload(const QString &bucket, const QByteArray &key,
                                             const QString &uploadId)
{
    return d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        if (StoreResult<MultipartUploadRecord> upload = readUpload(db, bucket, key, uploadId); !upload.ok())
            return upload.error();
        return dropUpload(db, uploadId, effects);
    });
}

StoreResult<ObjectRecord> ObjectStore::completeMultipartUpload(const QString &bucket,
                                                               const QByteArray &key,
                                                               const QString &uploadId,
                                                               const QList<s3::CompletedPart> &parts,
                                                               const WriteConditions &conditions)
{
    if (parts.isEmpty()) {
        return StoreError(StoreError::Code::InvalidArgument,
                          u"A multipart upload needs at least one part to complete."_s);
    }
    for (qsizetype i = 1; i < parts.size(); ++i) {
        if (parts[i].partNumber <= parts[i - 1].partNumber) {
            return StoreError(StoreError::Code::InvalidPartOrder,
                              u"The list of parts was not in ascending order. List them by "
                              u"increasing part number, each once."_s);
        }
    }
    const qint64 minPartSize = d->options.minPartSize;
    const bool equalParts = d->options.requireEqualParts;
    StoredObject object;
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        StoreResult<MultipartUploadRecord> upload = readUpload(db, bucket, key, uploadId);
        if (!upload.ok())
            return upload.error();
        QList<StoredPart> chosen;
        SqliteStatement &q = db.prepare(
            "SELECT size, md5, checksum, blob_id FROM parts WHERE upload_id = ?1 AND part_number = ?2");
        for (const s3::CompletedPart &listed : parts) {
            q.reset();
            q.bindText(1, uploadId).bind(2, listed.partNumber);
            if (!q.next()) {
                if (q.error().isError())
                    return q.error();
                return {StoreError::Code::InvalidPart,
                        u"Part %1 was never uploaded (or was replaced). Upload it, or leave it "
                        u"out of the list."_s.arg(listed.partNumber)};
            }
            StoredPart part{listed.partNumber, q.int64(0), q.blob(1), q.blob(2), q.blob(3)};
            if (normalizedEtag(listed.etag) != quotedEtag(part.md5)) {
                return {StoreError::Code::InvalidPart,
                        u"The ETag given for part %1 does not match the part that was uploaded."_s
                            .arg(listed.partNumber)};
            }
            if (upload->checksumAlgorithm) {
                const QString *sent = checksumSlot(listed.checksums, *upload->checksumAlgorithm);
                if (sent && !sent->isEmpty() && sent->toLatin1() != part.checksum.toBase64()) {
                    return {StoreError::Code::InvalidPart,
                            u"The checksum given for part %1 does not match the part that was "
                            u"uploaded."_s.arg(listed.partNumber)};
                }
            }
            chosen.append(part);
        }
        q.reset();
        for (qsizetype i = 0; i + 1 < chosen.size(); ++i) {
            if (chosen[i].size < minPartSize) {
                return {StoreError::Code::EntityTooSmall,
                        u"Part %1 is %2 bytes; every part but the last must be at least %3 bytes."_s
                            .arg(chosen[i].number).arg(chosen[i].size).arg(minPartSize)};
            }
            if (equalParts && chosen[i].size != chosen[0].size) {
                return {StoreError::Code::InvalidPart,
                        u"All non-trailing parts must have the same length"_s};
            }
        }
        StoreResult<std::optional<StoredObject>> current = readObject(db, bucket, key);
        if (!current.ok())
            return current.error();
        if (StoreError e = checkConditions(conditions, current.value(),
                                           StoreError::Code::PreconditionFailed);
            e.isError()) {
            return e;
        }

        ObjectRecord &r = object.record;
        r.bucket = bucket;
        r.key = key;
        r.metadata = upload->metadata;
        QList<QByteArray> md5s;
        QList<QByteArray> checksums;
        QList<s3::PartCrc> crcs;
        for (const StoredPart &part : chosen) {
            r.size += part.size;
            r.partSizes.append(part.size);
            md5s.append(part.md5);
            checksums.append(part.checksum);
            object.segments.append({part.blobId, part.size});
            if (upload->checksumAlgorithm && s3::isCrc(*upload->checksumAlgorithm)) {
                crcs.append({s3::crcFromBytes(*upload->checksumAlgorithm, part.checksum).value_or(0),
                             part.size});
            }
        }
        r.etag = QString::fromLatin1(s3::multipartEtag(md5s));
        if (const auto algorithm = upload->checksumAlgorithm) {
            QString *slot = checksumSlot(r.checksums, *algorithm);
            r.checksumType = upload->checksumType;
            if (upload->checksumType == u"FULL_OBJECT"_s)
                *slot = QString::fromLatin1(s3::fullObjectCrc(*algorithm, crcs).value_or(QByteArray()).toBase64());
            else
                *slot = QString::fromLatin1(s3::compositeChecksum(*algorithm, checksums));
        }
        // The object takes a reference to each listed part's blob before the upload's own
        // references go, so listed parts survive and unlisted ones are freed.
        for (const Segment &segment : object.segments) {
            if (StoreError e = addBlobRef(db, segment.blobId); e.isError())
                return e;
        }
        if (StoreError e = dropUpload(db, uploadId, effects); e.isError())
            return e;
        if (StoreError e = deleteObjectRow(db, bucket, key, effects); e.isError())
            return e;
        r.lastModifiedMs = nowMs();
        return insertObject(db, object);
    });
    if (error.isError())
        return error;
    return object.record;
}

} // namespace coffer::server
