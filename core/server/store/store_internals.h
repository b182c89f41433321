#pragma once
// What ObjectStore's parts share: the blob directory, the committer, the read pool, the
// blob pins, and the row helpers every commit job uses (all run on the committer's or a
// pooled connection, inside a transaction).

#include "server/store/blob_directory.h"
#include "server/store/commit_queue.h"
#include "server/store/object_layout.h"
#include "server/store/object_store.h"
#include "server/store/sqlite_db.h"

#include <QHash>
#include <QSet>

#include <mutex>
#include <optional>
#include <vector>

namespace coffer::server {

// Read connections, lent one per call and returned when the lease ends.
class ReadPool
{
public:
    explicit ReadPool(QString path) : m_path(std::move(path)) {}

    class Lease
    {
    public:
        Lease(ReadPool *pool, std::unique_ptr<SqliteDatabase> db)
            : m_pool(pool), m_db(std::move(db)) {}
        Lease(Lease &&) noexcept = default;
        Lease &operator=(Lease &&) noexcept = default;
        ~Lease();
        SqliteDatabase &db() { return *m_db; }

    private:
        ReadPool *m_pool;
        std::unique_ptr<SqliteDatabase> m_db;
    };

    StoreResult<Lease> acquire();

private:
    QString m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<SqliteDatabase>> m_free;
};

// Blob files a live ObjectReader streams from. Removing a freed blob that is pinned is
// deferred until its last reader is gone.
class BlobPins
{
public:
    explicit BlobPins(const BlobDirectory &directory) : m_directory(directory) {}
    // Hold lock() while reading the row whose blobs you pin, so a concurrent commit cannot
    // free them between the read and the pin.
    std::unique_lock<std::mutex> lock() { return std::unique_lock(m_mutex); }
    std::shared_ptr<void> pinLocked(const QList<QByteArray> &ids);
    void removeOrDefer(const QList<QByteArray> &ids);

private:
    void unpin(const QList<QByteArray> &ids);
    const BlobDirectory &m_directory;
    std::mutex m_mutex;
    QHash<QByteArray, int> m_pins;
    QSet<QByteArray> m_deferred;
};

// An object row as stored.
struct StoredObject {
    ObjectRecord record;
    QByteArray inlineData;
    QList<Segment> segments;
    qint64 generation = 0;
};

class StoreInternals
{
public:
    explicit StoreInternals(const StoreOptions &opts)
        : options(opts), blobs(opts.directory), pins(blobs),
          reads(opts.directory + QLatin1StringView("/index.sqlite"))
    {
    }

    StoreOptions options;
    BlobDirectory blobs;
    BlobPins pins;
    ReadPool reads;
    std::unique_ptr<CommitQueue> committer;
    SweepReport sweep;

    // Runs a write job and removes the blobs it freed once it is durable.
    StoreError commit(CommitQueue::Job job);
};

StoreError createSchema(SqliteDatabase &db);
StoreResult<SweepReport> sweepOrphans(SqliteDatabase &db, const BlobDirectory &blobs);

// Row helpers.
StoreError checkBucket(SqliteDatabase &db, const QString &bucket); // NoSuchBucket
StoreResult<std::optional<StoredObject>> readObject(SqliteDatabase &db, const QString &bucket,
                                                     QByteArrayView key);
StoreError insertObject(SqliteDatabase &db, const StoredObject &object);
// Deletes the row (if any) and drops its blob references.
StoreError deleteObjectRow(SqliteDatabase &db, const QString &bucket, QByteArrayView key,
                           CommitQueue::Effects &effects);
StoreError addBlobRef(SqliteDatabase &db, const QByteArray &id);
StoreError dropBlobRef(SqliteDatabase &db, const QByteArray &id, CommitQueue::Effects &effects);
// Evaluates If-None-Match * / If-Match against the current row; returns the failure code
// to use (PreconditionFailed or NoSuchKey) or None.
StoreError checkConditions(const WriteConditions &conditions,
                           const std::optional<StoredObject> &current,
                           StoreError::Code failure);

QString quotedEtag(QByteArrayView md5Raw);
qint64 nowMs();
StoreError keyError(QByteArrayView key); // InvalidArgument for an empty or > 1,024-byte key

} // namespace coffer::server

namespace coffer::server {

// Uploads as rows: the columns uploadFromRow() expects, in order.
#define COFFER_UPLOAD_COLUMNS \
    "upload_id, bucket, key, initiated_ms, meta, checksum_algorithm, checksum_type"
MultipartUploadRecord uploadFromRow(const SqliteStatement &q);
// The upload, checked against bucket and key (NoSuchUpload otherwise).
StoreResult<MultipartUploadRecord> readUpload(SqliteDatabase &db, const QString &bucket,
                                              QByteArrayView key, const QString &uploadId);

} // namespace coffer::server
