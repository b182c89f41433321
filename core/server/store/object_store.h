#pragma once
// The embedded S3 server's durable store: buckets, objects, listings and multipart uploads
// over blob files (DIR/data) and a SQLite index in WAL mode (DIR/index.sqlite).
//
// Durability: a write returns success only after its index row is committed and fsynced;
// that commit is the moment the object exists. Blob files are fsynced and renamed into
// place before the commit; objects up to inlineLimit live in the row itself, so the WAL
// fsync is their only one. Writes from many threads are batched into one transaction and
// one fsync (CommitQueue). Blob files are reference-counted (CopyObject and completed
// multipart uploads share them without copying bytes) and removed only after the last
// referencing row is gone and no reader still streams them.
//
// Thread-safe: every method may be called from any thread at once. Reads use a small pool
// of read connections and see a consistent snapshot.

#include "server/store/object_reader.h"
#include "server/store/store_error.h"
#include "server/store/store_types.h"

#include "s3/model/multipart.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace coffer::server {

class BodySink;
class StoreInternals;

struct StoreOptions {
    QString directory;
    qint64 inlineLimit = 64 * 1024;       // bodies up to this size live in the index row
    qint64 minPartSize = 5 * 1024 * 1024; // S3's minimum for every part but the last
    bool requireEqualParts = false;       // R2: all non-trailing parts the same length
    int readConnections = 8;
};

class ObjectStore;

// A PUT in progress: feed the body with write(), then commit() (or drop it to abandon).
// Must not outlive its store.
class ObjectUpload
{
public:
    ~ObjectUpload();
    ObjectUpload(const ObjectUpload &) = delete;
    ObjectUpload &operator=(const ObjectUpload &) = delete;

    StoreError write(QByteArrayView data);
    qint64 size() const;
    // Durable when this returns success; the upload is spent either way.
    StoreResult<ObjectRecord> commit();

private:
    friend class ObjectStore;
    ObjectUpload(ObjectStore &store, QString bucket, QByteArray key, PutRequest request,
                 bool existedAtBegin);
    ObjectStore &m_store;
    QString m_bucket;
    QByteArray m_key;
    PutRequest m_request;
    bool m_existedAtBegin;
    std::unique_ptr<BodySink> m_sink;
};

// An UploadPart in progress, as ObjectUpload.
class PartUpload
{
public:
    ~PartUpload();
    PartUpload(const PartUpload &) = delete;
    PartUpload &operator=(const PartUpload &) = delete;

    StoreError write(QByteArrayView data);
    qint64 size() const;
    StoreResult<PartRecord> commit();

private:
    friend class ObjectStore;
    PartUpload(ObjectStore &store, QString uploadId, int partNumber);
    ObjectStore &m_store;
    QString m_uploadId;
    int m_partNumber;
    std::unique_ptr<BodySink> m_sink;
};

// A Range request: bytes first..last (inclusive; last < 0: to the end), or the final
// suffixLength bytes. A default ByteRange is the whole object.
struct ByteRange {
    qint64 first = 0;
    qint64 last = -1;
    qint64 suffixLength = -1;
};

// The reader must not outlive the store (it unpins the object's blobs when it goes).
struct ObjectRead {
    ObjectRecord record;
    qint64 offset = 0; // where the reader's range starts
    std::unique_ptr<ObjectReader> reader;
};

class ObjectStore
{
public:
    // Opens (creating if needed) the store in options.directory and sweeps what a crash
    // left behind (temp files, blob files no row references) before serving.
    static StoreResult<std::unique_ptr<ObjectStore>> open(const StoreOptions &options);
    ~ObjectStore();
    ObjectStore(const ObjectStore &) = delete;
    ObjectStore &operator=(const ObjectStore &) = delete;

    const StoreOptions &options() const;
    const SweepReport &sweepReport() const; // what open() cleaned up
    quint64 commitBatches() const;          // transactions committed since open

    // Buckets
    StoreError createBucket(const QString &name, const QString &region);
    StoreError deleteBucket(const QString &name); // BucketNotEmpty while objects/uploads exist
    StoreResult<BucketRecord> bucket(const QString &name);
    StoreResult<QList<BucketRecord>> listBuckets();
    // An empty document removes it; reading a missing one gives an empty array.
    StoreError setBucketDocument(const QString &bucket, BucketDocument which,
                                 const QByteArray &document);
    StoreResult<QByteArray> bucketDocument(const QString &bucket, BucketDocument which);
    StoreError setBucketPublic(const QString &bucket, bool isPublic); // R2's r2.dev flag
    StoreResult<bool> isBucketPublic(const QString &bucket);

    // Objects. beginPut() checks the bucket and the conditions before the body is read
    // (PreconditionFailed); at commit they are checked again, and a condition that held at
    // begin but fails at commit means a concurrent writer won: Conflict.
    StoreResult<std::unique_ptr<ObjectUpload>> beginPut(const QString &bucket,
                                                         const QByteArray &key,
                                                         const PutRequest &request);
    StoreResult<ObjectRecord> putObject(const QString &bucket, const QByteArray &key,
                                        const PutRequest &request, QByteArrayView body);
    StoreResult<ObjectRecord> headObject(const QString &bucket, const QByteArray &key);
    // InvalidRange when the range starts past the end of the object.
    StoreResult<ObjectRead> getObject(const QString &bucket, const QByteArray &key,
                                      const ByteRange &range = {});
    // Deleting a missing key succeeds, as in S3.
    StoreError deleteObject(const QString &bucket, const QByteArray &key);
    // One result per key, in order; all in one commit.
    QList<StoreError> deleteObjects(const QString &bucket, const QList<QByteArray> &keys);
    // Shares the source's bytes (reference-counted blobs, or a copy of inline bytes).
    // replaceMetadata: the REPLACE directive; otherwise the source's metadata is kept.
    StoreResult<ObjectRecord> copyObject(const QString &sourceBucket, const QByteArray &sourceKey,
                                         const QString &bucket, const QByteArray &key,
                                         const std::optional<ObjectMetadata> &replaceMetadata,
                                         const WriteConditions &conditions = {});
    StoreResult<ListResult> listObjects(const QString &bucket, const ListRequest &request);

    // Lifecycle: the scheduler passes its own clock's cutoff (ms since the epoch).
    StoreResult<QList<QByteArray>> objectsModifiedBefore(const QString &bucket,
                                                         const QByteArray &prefix,
                                                         qint64 cutoffMs, int limit = 1000);
    StoreResult<QList<QByteArray>> objectsOlderThanDays(const QString &bucket,
                                                        const QByteArray &prefix, int days,
                                                        qint64 nowMs, int limit = 1000);
    StoreResult<QList<MultipartUploadRecord>> uploadsInitiatedBefore(const QString &bucket,
                                                                     const QByteArray &prefix,
                                                                     qint64 cutoffMs,
                                                                     int limit = 1000);

    // Multipart uploads. checksumType: "COMPOSITE" (the default with an algorithm) or
    // "FULL_OBJECT" (CRCs only).
    StoreResult<MultipartUploadRecord> createMultipartUpload(
        const QString &bucket, const QByteArray &key, const ObjectMetadata &metadata,
        std::optional<s3::ChecksumAlgorithm> checksumAlgorithm = {},
        const QString &checksumType = {});
    StoreResult<MultipartUploadRecord> multipartUpload(const QString &bucket,
                                                       const QByteArray &key,
                                                       const QString &uploadId);
    // partNumber 1..10000; re-uploading a number replaces that part.
    StoreResult<std::unique_ptr<PartUpload>> beginPart(const QString &bucket,
                                                       const QByteArray &key,
                                                       const QString &uploadId, int partNumber,
                                                       const s3::Checksums &expected = {},
                                                       const QByteArray &expectedMd5 = {});
    StoreResult<PartRecord> uploadPart(const QString &bucket, const QByteArray &key,
                                       const QString &uploadId, int partNumber,
                                       QByteArrayView body, const s3::Checksums &expected = {});
    StoreResult<PartPage> listParts(const QString &bucket, const QByteArray &key,
                                    const QString &uploadId, int partNumberMarker = 0,
                                    int maxParts = 1000);
    StoreResult<UploadPage> listUploads(const QString &bucket, const UploadListRequest &request);
    StoreError abortMultipartUpload(const QString &bucket, const QByteArray &key,
                                    const QString &uploadId);
    StoreResult<ObjectRecord> completeMultipartUpload(const QString &bucket,
                                                      const QByteArray &key,
                                                      const QString &uploadId,
                                                      const QList<s3::CompletedPart> &parts,
                                                      const WriteConditions &conditions = {});

private:
    friend class ObjectUpload;
    friend class PartUpload;
    explicit ObjectStore(std::unique_ptr<StoreInternals> internals);
    StoreResult<ObjectRecord> commitPut(ObjectUpload &upload);
    StoreResult<PartRecord> commitPart(PartUpload &upload);

    std::unique_ptr<StoreInternals> d;
};

} // namespace coffer::server
