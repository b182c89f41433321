// Schema and the row helpers every commit job and read uses.
#include "server/store/store_internals.h"

#include <QDateTime>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

// Columns added after a store could already exist on disk: an index created by an older
// build gains them here (CREATE TABLE IF NOT EXISTS leaves an existing table as it was).
StoreError addMissingColumns(SqliteDatabase &db)
{
    SqliteStatement &q = db.prepare(
        "SELECT 1 FROM pragma_table_info('buckets') WHERE name = 'custom_domains'");
    const bool present = q.next();
    if (q.error().isError())
        return q.error();
    q.reset();
    if (present)
        return {};
    return db.exec("ALTER TABLE buckets ADD COLUMN custom_domains BLOB");
}

} // namespace

StoreError createSchema(SqliteDatabase &db)
{
    // Keys are BLOBs so SQLite compares them with memcmp: S3's bytewise UTF-8 order.
    // Inline bytes are the last column, so listing never walks their overflow pages.
    const StoreError error = db.exec(R"sql(
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS buckets (
    name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL, region TEXT NOT NULL,
    cors BLOB, lifecycle BLOB, policy BLOB, public_access_block BLOB,
    r2_public INTEGER NOT NULL DEFAULT 0, custom_domains BLOB);
CREATE TABLE IF NOT EXISTS objects (
    id INTEGER PRIMARY KEY, bucket TEXT NOT NULL, key BLOB NOT NULL,
    size INTEGER NOT NULL, etag TEXT NOT NULL, modified_ms INTEGER NOT NULL,
    storage_class TEXT NOT NULL, checksum_algorithm TEXT NOT NULL,
    checksum_value TEXT NOT NULL, checksum_type TEXT NOT NULL,
    meta BLOB NOT NULL, part_sizes BLOB NOT NULL, segments BLOB NOT NULL, inline_data BLOB);
CREATE UNIQUE INDEX IF NOT EXISTS objects_by_key ON objects (bucket, key);
CREATE TABLE IF NOT EXISTS blobs (id BLOB PRIMARY KEY, refs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY, bucket TEXT NOT NULL, key BLOB NOT NULL,
    initiated_ms INTEGER NOT NULL, meta BLOB NOT NULL, checksum_algorithm TEXT NOT NULL,
    checksum_type TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads (bucket, key, upload_id);
CREATE TABLE IF NOT EXISTS parts (
    upload_id TEXT NOT NULL, part_number INTEGER NOT NULL, size INTEGER NOT NULL,
    md5 BLOB NOT NULL, checksum BLOB NOT NULL, modified_ms INTEGER NOT NULL,
    blob_id BLOB NOT NULL, PRIMARY KEY (upload_id, part_number)) WITHOUT ROWID;
COMMIT;
)sql");
    if (error.isError())
        return error;
    return addMissingColumns(db);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString quotedEtag(QByteArrayView md5Raw)
{
    return u'"' + QString::fromLatin1(md5Raw.toByteArray().toHex()) + u'"';
}

StoreError keyError(QByteArrayView key)
{
    if (key.isEmpty())
        return {StoreError::Code::InvalidArgument, u"An object key cannot be empty."_s};
    if (key.size() > 1024) {
        return {StoreError::Code::InvalidArgument,
                u"The object key is %1 bytes long; S3 allows at most 1,024 bytes. Use a shorter key."_s
                    .arg(key.size())};
    }
    return {};
}

StoreError checkBucket(SqliteDatabase &db, const QString &bucket)
{
    SqliteStatement &q = db.prepare("SELECT 1 FROM buckets WHERE name = ?1");
    q.bindText(1, bucket);
    if (q.next()) {
        q.reset();
        return {};
    }
    if (q.error().isError())
        return q.error();
    return {StoreError::Code::NoSuchBucket,
            u"The bucket \"%1\" does not exist. Check its name or create it first."_s.arg(bucket)};
}

namespace {

QByteArray encodeSizes(const QList<qint64> &sizes)
{
    QByteArray out;
    for (qint64 size : sizes) {
        char bytes[8];
        qToBigEndian(quint64(size), bytes);
        out.append(bytes, 8);
    }
    return out;
}

QList<qint64> decodeSizes(const QByteArray &encoded)
{
    QList<qint64> sizes;
    for (qsizetype at = 0; at + 8 <= encoded.size(); at += 8)
        sizes.append(qint64(qFromBigEndian<quint64>(encoded.constData() + at)));
    return sizes;
}

} // namespace

StoreResult<std::optional<StoredObject>> readObject(SqliteDatabase &db, const QString &bucket,
                                                     QByteArrayView key)
{
    SqliteStatement &q = db.prepare(
        "SELECT size, etag, modified_ms, checksum_algorithm, checksum_value, checksum_type,"
        " meta, part_sizes, segments, inline_data FROM objects WHERE bucket = ?1 AND key = ?2");
    q.bindText(1, bucket).bindBlob(2, key);
    if (!q.next()) {
        if (q.error().isError())
            return q.error();
        return std::optional<StoredObject>();
    }
    StoredObject o;
    o.record.bucket = bucket;
    o.record.key = key.toByteArray();
    o.record.size = q.int64(0);
    o.record.etag = q.text(1);
    o.record.lastModifiedMs = q.int64(2);
    if (const auto algorithm = s3::checksumAlgorithmFromName(q.text(3).toLatin1())) {
        if (QString *slot = checksumSlot(o.record.checksums, *algorithm))
            *slot = q.text(4);
        o.record.checksumType = q.text(5);
    }
    o.record.metadata = decodeMetadata(q.blob(6));
    o.record.partSizes = decodeSizes(q.blob(7));
    o.segments = decodeSegments(q.blob(8));
    o.inlineData = q.blob(9);
    q.reset();
    return std::optional<StoredObject>(std::move(o));
}

StoreError insertObject(SqliteDatabase &db, const StoredObject &o)
{
    const ObjectRecord &r = o.record;
    QString algorithm;
    QString value;
    for (s3::ChecksumAlgorithm a : s3::allChecksumAlgorithms()) {
        const QString *slot = checksumSlot(r.checksums, a);
        if (slot && !slot->isEmpty()) {
            algorithm = QString::fromLatin1(s3::checksumAlgorithmName(a));
            value = *slot;
            break;
        }
    }
    SqliteStatement &q = db.prepare(
        "INSERT INTO objects (bucket, key, size, etag, modified_ms, storage_class,"
        " checksum_algorithm, checksum_value, checksum_type, meta, part_sizes, segments,"
        " inline_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    q.bindText(1, r.bucket).bindBlob(2, r.key).bind(3, r.size).bindText(4, r.etag);
    q.bind(5, r.lastModifiedMs).bindText(6, r.metadata.storageClass);
    q.bindText(7, algorithm).bindText(8, value).bindText(9, algorithm.isEmpty() ? QString() : r.checksumType);
    q.bindBlob(10, encodeMetadata(r.metadata)).bindBlob(11, encodeSizes(r.partSizes));
    q.bindBlob(12, encodeSegments(o.segments));
    if (o.segments.isEmpty())
        q.bindBlob(13, o.inlineData);
    else
        q.bindNull(13);
    return q.run();
}

StoreError addBlobRef(SqliteDatabase &db, const QByteArray &id)
{
    SqliteStatement &q = db.prepare(
        "INSERT INTO blobs (id, refs) VALUES (?1, 1) ON CONFLICT (id) DO UPDATE SET refs = refs + 1");
    q.bindBlob(1, id);
    return q.run();
}

StoreError dropBlobRef(SqliteDatabase &db, const QByteArray &id, CommitQueue::Effects &effects)
{
    SqliteStatement &q = db.prepare("UPDATE blobs SET refs = refs - 1 WHERE id = ?1 RETURNING refs");
    q.bindBlob(1, id);
    qint64 refs = 0;
    if (q.next())
        refs = q.int64(0);
    else if (q.error().isError())
        return q.error();
    q.reset();
    if (refs <= 0) {
        SqliteStatement &del = db.prepare("DELETE FROM blobs WHERE id = ?1");
        del.bindBlob(1, id);
        if (StoreError error = del.run(); error.isError())
            return error;
        effects.freedBlobs.append(id);
    }
    return {};
}

StoreError deleteObjectRow(SqliteDatabase &db, const QString &bucket, QByteArrayView key,
                           CommitQueue::Effects &effects)
{
    SqliteStatement &q = db.prepare(
        "DELETE FROM objects WHERE bucket = ?1 AND key = ?2 RETURNING segments");
    q.bindText(1, bucket).bindBlob(2, key);
    QList<Segment> segments;
    if (q.next())
        segments = decodeSegments(q.blob(0));
    else if (q.error().isError())
        return q.error();
    q.reset();
    for (const Segment &segment : segments) {
        if (StoreError error = dropBlobRef(db, segment.blobId, effects); error.isError())
            return error;
    }
    return {};
}

StoreError checkConditions(const WriteConditions &conditions,
                           const std::optional<StoredObject> &current, StoreError::Code failure)
{
    if (conditions.ifNoneMatchAny && current) {
        return {failure, failure == StoreError::Code::Conflict
                             ? u"Another upload created this key while yours was in progress "
                               u"(If-None-Match: *). Read the object and decide whether to retry."_s
                             : u"The key already exists and the request asked to write only if "
                               u"it did not (If-None-Match: *)."_s};
    }
    if (!conditions.ifMatch.isEmpty()) {
        QString wanted = conditions.ifMatch.trimmed();
        if (!wanted.startsWith(u'"'))
            wanted = u'"' + wanted + u'"';
        if (!current && failure != StoreError::Code::Conflict) {
            return {StoreError::Code::NoSuchKey,
                    u"The key does not exist, so it cannot match the If-Match ETag."_s};
        }
        if (!current || current->record.etag != wanted) {
            return {failure, failure == StoreError::Code::Conflict
                                 ? u"Another upload changed this key while yours was in progress "
                                   u"(If-Match). Read the object again and retry."_s
                                 : u"The object's ETag does not match If-Match %1."_s.arg(wanted)};
        }
    }
    return {};
}

ReadPool::Lease::~Lease()
{
    if (m_db) {
        m_db->resetAll();
        std::lock_guard lock(m_pool->m_mutex);
        m_pool->m_free.push_back(std::move(m_db));
    }
}

StoreResult<ReadPool::Lease> ReadPool::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            std::unique_ptr<SqliteDatabase> db = std::move(m_free.back());
            m_free.pop_back();
            return Lease(this, std::move(db));
        }
    }
    StoreResult<std::unique_ptr<SqliteDatabase>> db = SqliteDatabase::open(m_path);
    if (!db.ok())
        return db.error();
    return Lease(this, std::move(db.value()));
}

std::shared_ptr<void> BlobPins::pinLocked(const QList<QByteArray> &ids)
{
    for (const QByteArray &id : ids)
        ++m_pins[id];
    return std::shared_ptr<void>(nullptr, [this, ids](void *) { unpin(ids); });
}

void BlobPins::unpin(const QList<QByteArray> &ids)
{
    std::lock_guard guard(m_mutex);
    for (const QByteArray &id : ids) {
        auto it = m_pins.find(id);
        if (it == m_pins.end() || --it.value() > 0)
            continue;
        m_pins.erase(it);
        if (m_deferred.remove(id))
            m_directory.removeBlob(id);
    }
}

void BlobPins::removeOrDefer(const QList<QByteArray> &ids)
{
    std::lock_guard guard(m_mutex);
    for (const QByteArray &id : ids) {
        if (m_pins.contains(id))
            m_deferred.insert(id);
        else
            m_directory.removeBlob(id);
    }
}

StoreError StoreInternals::commit(CommitQueue::Job job)
{
    CommitQueue::Outcome outcome = committer->run(std::move(job));
    if (!outcome.effects.freedBlobs.isEmpty())
        pins.removeOrDefer(outcome.effects.freedBlobs);
    return outcome.error;
}

} // namespace coffer::server
