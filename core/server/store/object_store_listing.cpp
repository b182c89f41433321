// ListObjects (v1 and v2 share it) and the lifecycle queries: ordered range scans over
// the (bucket, key) index. A rolled-up common prefix costs one seek past it, however many
// keys it holds.
#include "server/store/object_store.h"

#include "server/store/key_range.h"
#include "server/store/page_scan.h"
#include "server/store/store_internals.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

constexpr int kMaxPage = 1000;

SqliteStatement &rangeQuery(SqliteDatabase &db, const QString &bucket, const QByteArray &lower,
                            const std::optional<QByteArray> &upper, int limit)
{
    SqliteStatement &q = upper
        ? db.prepare("SELECT key, size, etag, modified_ms, storage_class, checksum_algorithm,"
                     " checksum_type FROM objects WHERE bucket = ?1 AND key >= ?2 AND key < ?3"
                     " ORDER BY key LIMIT ?4")
        : db.prepare("SELECT key, size, etag, modified_ms, storage_class, checksum_algorithm,"
                     " checksum_type FROM objects WHERE bucket = ?1 AND key >= ?2"
                     " ORDER BY key LIMIT ?4");
    q.bindText(1, bucket).bindBlob(2, lower).bind(4, limit);
    if (upper)
        q.bindBlob(3, *upper);
    return q;
}

} // namespace

StoreResult<ListResult> ObjectStore::listObjects(const QString &bucket, const ListRequest &request)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteDatabase &db = lease->db();
    ReadTransaction snapshot(db);
    if (StoreError error = checkBucket(db, bucket); error.isError())
        return error;

    const QByteArray &prefix = request.prefix;
    const QByteArray &delimiter = request.delimiter;
    const int maxKeys = qBound(0, request.maxKeys, kMaxPage);
    const std::optional<QByteArray> upper = prefixSuccessor(prefix);
    ListResult result;

    // Where the scan starts (inclusive).
    QByteArray lower = prefix;
    if (!request.startAfter.isEmpty() && request.startAfter >= prefix) {
        lower = request.startAfter + '\0';
        // A marker inside a rolled-up prefix: that prefix sorts at or before the marker,
        // so it was returned already (or is excluded); continue after all of its keys.
        if (request.startAfter.startsWith(prefix)) {
            const QByteArray rolled = commonPrefixOf(request.startAfter, prefix, delimiter);
            if (!rolled.isEmpty()) {
                const std::optional<QByteArray> past = prefixSuccessor(rolled);
                if (!past)
                    return result;
                lower = qMax(lower, *past);
            }
        }
    }
    if (upper && lower >= *upper)
        return result;

    // lower: where the next seek starts (inclusive).
    const PageScanResult scanned = scanPage(
        PageScan{prefix, delimiter, maxKeys},
        [&](int limit) -> SqliteStatement & { return rangeQuery(db, bucket, lower, upper, limit); },
        [](const SqliteStatement &q) { return q.blob(0); },
        [&](const SqliteStatement &q, QByteArray key) {
            ObjectSummary entry;
            entry.size = q.int64(1);
            entry.etag = q.text(2);
            entry.lastModifiedMs = q.int64(3);
            entry.storageClass = q.text(4);
            entry.checksumAlgorithm = q.text(5);
            entry.checksumType = q.text(6);
            lower = key + '\0';
            result.nextStartAfter = key;
            entry.key = std::move(key);
            result.objects.append(std::move(entry));
        },
        [&](const QByteArray &rolled, const QByteArray &past) {
            result.commonPrefixes.append(rolled);
            result.nextStartAfter = rolled;
            lower = past;
        });
    if (scanned.error.isError())
        return scanned.error;
    result.isTruncated = scanned.truncated;
    if (!result.isTruncated)
        result.nextStartAfter.clear();
    return result;
}

StoreResult<QList<QByteArray>> ObjectStore::objectsModifiedBefore(const QString &bucket,
                                                                  const QByteArray &prefix,
                                                                  qint64 cutoffMs, int limit)
{
    StoreResult<ReadPool::Lease> lease = d->reads.acquire();
    if (!lease.ok())
        return lease.error();
    SqliteDatabase &db = lease->db();
    ReadTransaction snapshot(db);
    if (StoreError error = checkBucket(db, bucket); error.isError())
        return error;
    const std::optional<QByteArray> upper = prefixSuccessor(prefix);
    SqliteStatement &q = upper
        ? db.prepare("SELECT key FROM objects WHERE bucket = ?1 AND key >= ?2 AND key < ?3"
                     " AND modified_ms < ?4 ORDER BY key LIMIT ?5")
        : db.prepare("SELECT key FROM objects WHERE bucket = ?1 AND key >= ?2"
                     " AND modified_ms < ?4 ORDER BY key LIMIT ?5");
    q.bindText(1, bucket).bindBlob(2, prefix).bind(4, cutoffMs).bind(5, limit);
    if (upper)
        q.bindBlob(3, *upper);
    QList<QByteArray> keys;
    while (q.next())
        keys.append(q.blob(0));
    if (q.error().isError())
        return q.error();
    return keys;
}

StoreResult<QList<QByteArray>> ObjectStore::objectsOlderThanDays(const QString &bucket,
                                                                 const QByteArray &prefix,
                                                                 int days, qint64 nowMs,
                                                                 int limit)
{
    return objectsModifiedBefore(bucket, prefix, nowMs - qint64(days) * 24 * 3600 * 1000, limit);
}

} // namespace coffer::server
