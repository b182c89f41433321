// Opening the store, and buckets.
#include "server/store/object_store.h"

#include "server/store/body_sink.h"
#include "server/store/store_internals.h"

#include "lcServer.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

ObjectStore::ObjectStore(std::unique_ptr<StoreInternals> internals) : d(std::move(internals)) {}

ObjectStore::~ObjectStore() = default;

StoreResult<std::unique_ptr<ObjectStore>> ObjectStore::open(const StoreOptions &options)
{
    if (options.directory.isEmpty())
        return StoreError::io(u"No directory was given for the object store"_s);
    auto internals = std::make_unique<StoreInternals>(options);
    if (StoreError error = internals->blobs.prepare(); error.isError())
        return error;
    StoreResult<std::unique_ptr<SqliteDatabase>> db =
        SqliteDatabase::open(options.directory + u"/index.sqlite"_s);
    if (!db.ok())
        return db.error();
    if (StoreError error = createSchema(*db.value()); error.isError())
        return error;
    // Make the index and its WAL file names durable too, not only their contents.
    if (StoreError error = BlobDirectory::syncDirectory(options.directory); error.isError())
        return error;
    StoreResult<SweepReport> sweep = sweepOrphans(*db.value(), internals->blobs);
    if (!sweep.ok())
        return sweep.error();
    internals->sweep = sweep.value();
    if (internals->sweep.tempFilesRemoved || internals->sweep.orphanBlobsRemoved) {
        qCInfo(lcServer, "store %s: removed %d temp file(s) and %d orphan blob(s)",
               qUtf8Printable(options.directory), internals->sweep.tempFilesRemoved,
               internals->sweep.orphanBlobsRemoved);
    }
    internals->committer = std::make_unique<CommitQueue>(std::move(db.value()));
    return std::unique_ptr<ObjectStore>(new ObjectStore(std::move(internals)));
}

const StoreOptions &ObjectStore::options() const
{
    return d->options;
}

const SweepReport &ObjectStore::sweepReport() const
{
    return d->sweep;
}

quint64 ObjectStore::commitBatches() const
{
    return d->committer->batchCount();
}

StoreError ObjectStore::createBucket(const QString &name, const QString &region)
{
    if (name.isEmpty())
        return {StoreError::Code::InvalidArgument, u"A bucket name cannot be empty."_s};
    return d->commit([&](SqliteDatabase &db, CommitQueue::Effects &) -> StoreError {
        if (!checkBucket(db, name).isError()) {
            return {StoreError::Code::BucketAlreadyExists,
                    u"The bucket \"%1\" already exists. Pick another name."_s.arg(name)};
        }
        SqliteStatement &q =
            db.prepare("INSERT INTO buckets (name, created_ms, region) VALUES (?1, ?2, ?3)");
        q.bindText(1, name).bind(2, nowMs()).bindText(3, region);
        return q.run();
    });
}

StoreError ObjectStore::deleteBucket(const QString &name)
{
    return d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        if (StoreError error = checkBucket(db, name); error.isError())
            return error;
        SqliteStatement &any = db.prepare("SELECT 1 FROM objects WHERE bucket = ?1 LIMIT 1");
        any.bindText(1, name);
        const bool hasObjects = any.next();
        any.reset();
        if (hasObjects) {
            return {StoreError::Code::BucketNotEmpty,
                    u"The bucket \"%1\" is not empty. Delete its objects first."_s.arg(name)};
        }
        // Unfinished multipart uploads do not keep a bucket alive (they are invisible to
        // listings); they go with it, and their part blobs are freed.
        SqliteStatement &parts = db.prepare(
            "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = ?1)"
            " RETURNING blob_id");
        parts.bindText(1, name);
        QList<QByteArray> freed;
        while (parts.next())
            freed.append(parts.blob(0));
        if (parts.error().isError())
            return parts.error();
        parts.reset();
        for (const QByteArray &id : freed) {
            if (StoreError error = dropBlobRef(db, id, effects); error.isError())
                return error;
        }
        SqliteStatement &uploads = db.prepare("DELETE FROM uploads WHERE bucket = ?1");
        uploads.bindText(1, name);
        if (StoreError error = uploads.run(); error.isError())
            return error;
        SqliteStatement &q = db.prepare("DELETE FROM buckets WHERE name = ?1");
        q.bindText(1, name);
        return q.run();
    });
}

StoreResult<BucketRecord> ObjectStore::bucket(const QString &name)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteStatement &q =
        lease->db().prepare("SELECT created_ms, region FROM buckets WHERE name = ?1");
    q.bindText(1, name);
    if (!q.next()) {
        if (q.error().isError())
            return q.error();
        return StoreError(StoreError::Code::NoSuchBucket,
                          u"The bucket \"%1\" does not exist."_s.arg(name));
    }
    BucketRecord record{name, q.int64(0), q.text(1)};
    q.reset();
    return record;
}

StoreResult<QList<BucketRecord>> ObjectStore::listBuckets()
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteStatement &q =
        lease->db().prepare("SELECT name, created_ms, region FROM buckets ORDER BY name");
    QList<BucketRecord> buckets;
    while (q.next())
        buckets.append({q.text(0), q.int64(1), q.text(2)});
    if (q.error().isError())
        return q.error();
    q.reset();
    return buckets;
}

namespace {

const char *documentSetter(BucketDocument which)
{
    switch (which) {
    case BucketDocument::Cors: return "UPDATE buckets SET cors = ?2 WHERE name = ?1";
    case BucketDocument::Lifecycle: return "UPDATE buckets SET lifecycle = ?2 WHERE name = ?1";
    case BucketDocument::Policy: return "UPDATE buckets SET policy = ?2 WHERE name = ?1";
    case BucketDocument::PublicAccessBlock:
        return "UPDATE buckets SET public_access_block = ?2 WHERE name = ?1";
    case BucketDocument::CustomDomains:
        return "UPDATE buckets SET custom_domains = ?2 WHERE name = ?1";
    }
    return "";
}

const char *documentGetter(BucketDocument which)
{
    switch (which) {
    case BucketDocument::Cors: return "SELECT cors FROM buckets WHERE name = ?1";
    case BucketDocument::Lifecycle: return "SELECT lifecycle FROM buckets WHERE name = ?1";
    case BucketDocument::Policy: return "SELECT policy FROM buckets WHERE name = ?1";
    case BucketDocument::PublicAccessBlock:
        return "SELECT public_access_block FROM buckets WHERE name = ?1";
    case BucketDocument::CustomDomains:
        return "SELECT custom_domains FROM buckets WHERE name = ?1";
    }
    return "";
}

} // namespace

StoreError ObjectStore::setBucketDocument(const QString &bucket, BucketDocument which,
                                          const QByteArray &document)
{
    return d->commit([&](SqliteDatabase &db, CommitQueue::Effects &) -> StoreError {
        if (StoreError error = checkBucket(db, bucket); error.isError())
            return error;
        SqliteStatement &q = db.prepare(documentSetter(which));
        q.bindText(1, bucket);
        if (document.isEmpty())
            q.bindNull(2);
        else
            q.bindBlob(2, document);
        return q.run();
    });
}

StoreResult<QByteArray> ObjectStore::bucketDocument(const QString &bucket, BucketDocument which)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteStatement &q = lease->db().prepare(documentGetter(which));
    q.bindText(1, bucket);
    if (!q.next()) {
        if (q.error().isError())
            return q.error();
        return checkBucket(lease->db(), bucket);
    }
    QByteArray document = q.blob(0);
    q.reset();
    return document;
}

StoreError ObjectStore::setBucketPublic(const QString &bucket, bool isPublic)
{
    return d->commit([&](SqliteDatabase &db, CommitQueue::Effects &) -> StoreError {
        if (StoreError error = checkBucket(db, bucket); error.isError())
            return error;
        SqliteStatement &q = db.prepare("UPDATE buckets SET r2_public = ?2 WHERE name = ?1");
        q.bindText(1, bucket).bind(2, isPublic ? 1 : 0);
        return q.run();
    });
}

StoreResult<bool> ObjectStore::isBucketPublic(const QString &bucket)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteStatement &q = lease->db().prepare("SELECT r2_public FROM buckets WHERE name = ?1");
    q.bindText(1, bucket);
    if (!q.next()) {
        if (q.error().isError())
            return q.error();
        return checkBucket(lease->db(), bucket);
    }
    const bool isPublic = q.int64(0) != 0;
    q.reset();
    return isPublic;
}

} // namespace coffer::server
