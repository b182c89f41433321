// PUT, HEAD, GET, DELETE and COPY of single objects.
#include "server/store/object_store.h"

#include "server/store/body_sink.h"
#include "server/store/store_internals.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

StoreError noSuchKey(QByteArrayView key)
{
    return {StoreError::Code::NoSuchKey,
            u"The object \"%1\" does not exist. Check the key and the bucket."_s.arg(
                QString::fromUtf8(key))};
}

} // namespace

ObjectUpload::ObjectUpload(ObjectStore &store, QString bucket, QByteArray key,
                           PutRequest request, bool existedAtBegin)
    : m_store(store),
      m_bucket(std::move(bucket)),
      m_key(std::move(key)),
      m_request(std::move(request)),
      m_existedAtBegin(existedAtBegin)
{
}

ObjectUpload::~ObjectUpload() = default;

StoreError ObjectUpload::write(QByteArrayView data)
{
    if (!m_sink)
        return StoreError::io(u"This upload was already committed"_s);
    return m_sink->write(data);
}

qint64 ObjectUpload::size() const
{
    return m_sink ? m_sink->size() : 0;
}

StoreResult<ObjectRecord> ObjectUpload::commit()
{
    if (!m_sink)
        return StoreError::io(u"This upload was already committed"_s);
    return m_store.commitPut(*this);
}

StoreResult<std::unique_ptr<ObjectUpload>> ObjectStore::beginPut(const QString &bucket,
                                                                 const QByteArray &key,
                                                                 const PutRequest &request)
{
    if (StoreError error = keyError(key); error.isError())
        return error;
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    bool existed = false;
    {
        ReadTransaction snapshot(lease->db());
        if (StoreError error = checkBucket(lease->db(), bucket); error.isError())
            return error;
        const auto &conditions = request.conditions;
        if (conditions.ifNoneMatchAny || !conditions.ifMatch.isEmpty()) {
            StoreResult<std::optional<StoredObject>> current = readObject(lease->db(), bucket, key);
            if (!current.ok())
                return current.error();
            existed = current.value().has_value();
            if (StoreError error = checkConditions(conditions, current.value(),
                                                   StoreError::Code::PreconditionFailed);
                error.isError()) {
                return error;
            }
        }
    }
    std::unique_ptr<ObjectUpload> upload(new ObjectUpload(*this, bucket, key, request, existed));
    upload->m_sink = std::make_unique<BodySink>(d->blobs, d->options.inlineLimit,
                                                request.checksumAlgorithm,
                                                request.expectedChecksums, request.expectedMd5);
    return upload;
}

StoreResult<ObjectRecord> ObjectStore::commitPut(ObjectUpload &upload)
{
    std::unique_ptr<BodySink> sink = std::move(upload.m_sink);
    StoreResult<BodySink::Body> body = sink->finish();
    if (!body.ok())
        return body.error();
    StoredObject object;
    ObjectRecord &r = object.record;
    r.bucket = upload.m_bucket;
    r.key = upload.m_key;
    r.size = body->size;
    r.etag = quotedEtag(body->md5);
    r.metadata = upload.m_request.metadata;
    if (body->checksumAlgorithm) {
        if (QString *slot = checksumSlot(r.checksums, *body->checksumAlgorithm))
            *slot = QString::fromLatin1(body->checksum.toBase64());
        r.checksumType = u"FULL_OBJECT"_s;
    }
    if (body->isInline())
        object.inlineData = body->inlineData;
    else
        object.segments.append({body->blobId, body->size});

    const WriteConditions conditions = upload.m_request.conditions;
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        if (StoreError e = checkBucket(db, r.bucket); e.isError())
            return e;
        if (conditions.ifNoneMatchAny || !conditions.ifMatch.isEmpty()) {
            StoreResult<std::optional<StoredObject>> current = readObject(db, r.bucket, r.key);
            if (!current.ok())
                return current.error();
            // The conditions held when the upload began; failing now means another writer
            // got in while the body streamed.
            if (StoreError e = checkConditions(conditions, current.value(), StoreError::Code::Conflict);
                e.isError()) {
                return e;
            }
        }
        if (StoreError e = deleteObjectRow(db, r.bucket, r.key, effects); e.isError())
            return e;
        for (const Segment &segment : object.segments) {
            if (StoreError e = addBlobRef(db, segment.blobId); e.isError())
                return e;
        }
        r.lastModifiedMs = nowMs();
        return insertObject(db, object);
    });
    if (error.isError()) {
        for (const Segment &segment : object.segments)
            d->blobs.removeBlob(segment.blobId);
        return error;
    }
    return r;
}

StoreResult<ObjectRecord> ObjectStore::putObject(const QString &bucket, const QByteArray &key,
                                                 const PutRequest &request, QByteArrayView body)
{
    StoreResult<std::unique_ptr<ObjectUpload>> upload = beginPut(bucket, key, request);
    if (!upload.ok())
        return upload.error();
    if (StoreError error = upload.value()->write(body); error.isError())
        return error;
    return upload.value()->commit();
}

StoreResult<ObjectRecord> ObjectStore::headObject(const QString &bucket, const QByteArray &key)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    ReadTransaction snapshot(lease->db());
    StoreResult<std::optional<StoredObject>> object = readObject(lease->db(), bucket, key);
    if (!object.ok())
        return object.error();
    if (!object.value()) {
        if (StoreError error = checkBucket(lease->db(), bucket); error.isError())
            return error;
        return noSuchKey(key);
    }
    return object.value()->record;
}

StoreResult<ObjectRead> ObjectStore::getObject(const QString &bucket, const QByteArray &key,
                                               const ByteRange &range)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    std::optional<StoredObject> object;
    std::shared_ptr<void> pin;
    {
        // Read the row and pin its blobs in one step, so a concurrent replace cannot
        // remove the files before this reader has them pinned.
        auto lock = d->pins.lock();
        ReadTransaction snapshot(lease->db());
        StoreResult<std::optional<StoredObject>> row = readObject(lease->db(), bucket, key);
        if (!row.ok())
            return row.error();
        if (!row.value()) {
            if (StoreError error = checkBucket(lease->db(), bucket); error.isError())
                return error;
            return noSuchKey(key);
        }
        object = std::move(row.value());
        QList<QByteArray> ids;
        for (const Segment &segment : object->segments)
            ids.append(segment.blobId);
        if (!ids.isEmpty())
            pin = d->pins.pinLocked(ids);
    }
    const qint64 size = object->record.size;
    qint64 first = range.first;
    qint64 last = range.last < 0 ? size - 1 : qMin(range.last, size - 1);
    if (range.suffixLength >= 0) {
        first = qMax<qint64>(0, size - range.suffixLength);
        last = size - 1;
    }
    const bool wholeObject = range.first == 0 && range.last < 0 && range.suffixLength < 0;
    if (!wholeObject && (first >= size || first > last)) {
        return StoreError(StoreError::Code::InvalidRange,
                          u"The requested range is not satisfiable: the object is %1 bytes long."_s
                              .arg(size));
    }
    const qint64 length = wholeObject ? size : last - first + 1;
    QList<ObjectReader::File> files;
    for (const Segment &segment : object->segments)
        files.append({d->blobs.blobPath(segment.blobId), segment.size});
    ObjectRead read;
    read.offset = wholeObject ? 0 : first;
    read.reader = std::make_unique<ObjectReader>(object->inlineData, std::move(files),
                                                 read.offset, length, std::move(pin));
    read.record = std::move(object->record);
    return read;
}

StoreError ObjectStore::deleteObject(const QString &bucket, const QByteArray &key)
{
    return deleteObjects(bucket, {key}).value(0);
}

QList<StoreError> ObjectStore::deleteObjects(const QString &bucket, const QList<QByteArray> &keys)
{
    QList<StoreError> results(keys.size());
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        if (StoreError e = checkBucket(db, bucket); e.isError())
            return e;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            results[i] = keyError(keys[i]);
            if (results[i].isError())
                continue;
            if (StoreError e = deleteObjectRow(db, bucket, keys[i], effects); e.isError())
                return e;
        }
        return {};
    });
    if (error.isError())
        results.fill(error);
    return results;
}

StoreResult<ObjectRecord> ObjectStore::copyObject(const QString &sourceBucket,
                                                  const QByteArray &sourceKey,
                                                  const QString &bucket, const QByteArray &key,
                                                  const std::optional<ObjectMetadata> &replaceMetadata,
                                                  const WriteConditions &conditions)
{
    if (StoreError error = keyError(key); error.isError())
        return error;
    ObjectRecord result;
    StoreError error = d->commit([&](SqliteDatabase &db, CommitQueue::Effects &effects) -> StoreError {
        if (StoreError e = checkBucket(db, sourceBucket); e.isError())
            return e;
        if (StoreError e = checkBucket(db, bucket); e.isError())
            return e;
        StoreResult<std::optional<StoredObject>> source = readObject(db, sourceBucket, sourceKey);
        if (!source.ok())
            return source.error();
        if (!source.value())
            return noSuchKey(sourceKey);
        StoreResult<std::optional<StoredObject>> target = readObject(db, bucket, key);
        if (!target.ok())
            return target.error();
        if (StoreError e = checkConditions(conditions, target.value(),
                                           StoreError::Code::PreconditionFailed);
            e.isError()) {
            return e;
        }
        StoredObject copy = std::move(*source.value());
        // References first: copying an object onto itself must not free its own blobs.
        for (const Segment &segment : copy.segments) {
            if (StoreError e = addBlobRef(db, segment.blobId); e.isError())
                return e;
        }
        if (StoreError e = deleteObjectRow(db, bucket, key, effects); e.isError())
            return e;
        copy.record.bucket = bucket;
        copy.record.key = key;
        copy.record.lastModifiedMs = nowMs();
        if (replaceMetadata)
            copy.record.metadata = *replaceMetadata;
        result = copy.record;
        return insertObject(db, copy);
    });
    if (error.isError())
        return error;
    return result;
}

} // namespace coffer::server
