// ListObjectsV2, ListObjects (v1), ListObjectVersions, ListMultipartUploads; the next page
// of a ListObjectsV2 walk is prepared while the client reads the current one.

#include "handlers.h"
#include "s3_call.h"

#include "server/store/list_token.h"
#include "server/store/object_store.h"

#include "s3/xml/documents.h"

#include <QTimeZone>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

coffer::s3::ObjectEntry entry(const ObjectSummary &summary, const std::optional<coffer::s3::Owner> &owner)
{
    coffer::s3::ObjectEntry e;
    e.key = QString::fromUtf8(summary.key);
    e.lastModified = fromMs(summary.lastModifiedMs);
    e.etag = summary.etag;
    e.size = summary.size;
    e.storageClass = summary.storageClass.isEmpty() ? u"STANDARD"_s : summary.storageClass;
    e.owner = owner;
    if (!summary.checksumAlgorithm.isEmpty())
        e.checksumAlgorithms = {summary.checksumAlgorithm};
    e.checksumType = summary.checksumType;
    return e;
}

QStringList prefixes(const QList<QByteArray> &list)
{
    QStringList out;
    for (const QByteArray &p : list)
        out.append(QString::fromUtf8(p));
    return out;
}

coffer::s3::KeyEncoding encoding(bool url)
{
    return url ? coffer::s3::KeyEncoding::Url : coffer::s3::KeyEncoding::None;
}

coffer::s3::Owner owner(const Service &service)
{
    const QString id = QString::fromLatin1(service.config().credentials.accessKeyId);
    return coffer::s3::Owner{id, id};
}

} // namespace

namespace {

// One ListObjectsV2 answer: the document, and the token of the page after it (empty on the
// last page).
struct V2Page {
    QByteArray body;
    QByteArray nextToken;
};

std::optional<ApiError> buildV2Page(const Service &service, const ListObjectsV2 &e, V2Page &out)
{
    QByteArray after = e.startAfter;
    if (!e.continuationToken.isEmpty()) {
        const auto decoded = startAfterFromToken(QString::fromLatin1(e.continuationToken));
        if (!decoded)
            return apiError("InvalidArgument", u"The continuation token provided is incorrect: pass "
                                               "NextContinuationToken back unchanged."_s);
        after = qMax(after, *decoded);
    }
    const auto result = service.store().listObjects(e.bucket, {e.prefix, e.delimiter, after, e.maxKeys});
    if (!result.ok())
        return fromStore(result.error());
    coffer::s3::ListObjectsPage page;
    page.api = coffer::s3::ListObjectsApi::V2;
    page.name = e.bucket;
    page.prefix = QString::fromUtf8(e.prefix);
    page.delimiter = QString::fromUtf8(e.delimiter);
    page.maxKeys = e.maxKeys;
    page.isTruncated = result->isTruncated;
    page.continuationToken = QString::fromLatin1(e.continuationToken);
    page.startAfter = QString::fromUtf8(e.startAfter);
    if (result->isTruncated)
        page.nextContinuationToken = continuationToken(result->nextStartAfter);
    const auto o = e.fetchOwner ? std::optional(owner(service)) : std::nullopt;
    page.objects.reserve(result->objects.size());
    for (const ObjectSummary &s : result->objects)
        page.objects.append(entry(s, o));
    page.commonPrefixes = prefixes(result->commonPrefixes);
    page.keyCount = int(page.objects.size() + page.commonPrefixes.size());
    page.encodingType = encoding(e.encodingTypeUrl);
    out.body = coffer::s3::xml::writeListBucketResult(page);
    out.nextToken = page.nextContinuationToken.toLatin1();
    return std::nullopt;
}

// A walk through a large listing asks for page after page, and between two pages the
// client reads and parses the one it got. So after answering a continued page, this worker
// thread builds the next one in that gap, when it is otherwise idle, and keeps it for the
// next request. It is used only for exactly that request, and only if nothing at all was
// committed to the store since it was built (the store's commit count is unchanged), so
// the answer is the one a fresh read would give. The cache lives and dies with the thread.
struct PrefetchedPage {
    const Service *service = nullptr;
    ListObjectsV2 request;
    quint64 commitCount = 0;
    QByteArray body;
};

thread_local std::optional<PrefetchedPage> t_prefetched;

bool sameRequest(const ListObjectsV2 &a, const ListObjectsV2 &b)
{
    return a.bucket == b.bucket && a.prefix == b.prefix && a.delimiter == b.delimiter
        && a.continuationToken == b.continuationToken && a.startAfter == b.startAfter && a.maxKeys == b.maxKeys
        && a.fetchOwner == b.fetchOwner && a.encodingTypeUrl == b.encodingTypeUrl;
}

std::optional<QByteArray> takePrefetched(const Service &service, const ListObjectsV2 &e)
{
    if (!t_prefetched)
        return std::nullopt;
    PrefetchedPage page = std::move(*t_prefetched);
    t_prefetched.reset();
    if (page.service != &service || !sameRequest(page.request, e)
        || page.commitCount != service.store().commitBatches())
        return std::nullopt;
    return std::move(page.body);
}

// Timers need an object of this thread to run on; it goes with the thread.
QObject &threadContext()
{
    thread_local QObject context;
    return context;
}

void prefetchNext(const Service &service, ListObjectsV2 next)
{
    QTimer::singleShot(0, &threadContext(), [&service, next = std::move(next)] {
        // Read before the listing: a commit that lands during it changes the count.
        const quint64 commits = service.store().commitBatches();
        V2Page page;
        if (buildV2Page(service, next, page))
            return; // an error is answered when the request really comes
        t_prefetched = PrefetchedPage{&service, next, commits, std::move(page.body)};
    });
}

} // namespace

void run(Call &call, const ListObjectsV2 &e)
{
    if (auto prefetched = takePrefetched(call.service(), e))
        return call.sendXml(*prefetched);
    V2Page page;
    if (const auto error = buildV2Page(call.service(), e, page))
        return call.fail(*error);
    call.sendXml(page.body);
    // A first page may be all the caller wants; a continued one is a walk in progress.
    if (!e.continuationToken.isEmpty() && !page.nextToken.isEmpty()) {
        ListObjectsV2 next = e;
        next.continuationToken = page.nextToken;
        prefetchNext(call.service(), std::move(next));
    }
}

void run(Call &call, const ListObjectsV1 &e)
{
    const auto result = call.store().listObjects(e.bucket, {e.prefix, e.delimiter, e.marker, e.maxKeys});
    if (!result.ok())
        return call.fail(result.error());
    coffer::s3::ListObjectsPage page;
    page.api = coffer::s3::ListObjectsApi::V1;
    page.name = e.bucket;
    page.prefix = QString::fromUtf8(e.prefix);
    page.delimiter = QString::fromUtf8(e.delimiter);
    page.maxKeys = e.maxKeys;
    page.marker = QString::fromUtf8(e.marker);
    page.isTruncated = result->isTruncated;
    // S3 sends NextMarker only with a delimiter; sending it always does no harm and
    // saves clients from computing it.
    if (result->isTruncated)
        page.nextMarker = QString::fromUtf8(result->nextStartAfter);
    const auto o = std::optional(owner(call.service()));
    for (const ObjectSummary &s : result->objects)
        page.objects.append(entry(s, o));
    page.commonPrefixes = prefixes(result->commonPrefixes);
    page.encodingType = encoding(e.encodingTypeUrl);
    call.sendXml(coffer::s3::xml::writeListBucketResult(page));
}

void run(Call &call, const ListObjectVersions &e)
{
    // Versioning is never on: every object is listed once, as version "null".
    const auto result = call.store().listObjects(e.bucket, {e.prefix, e.delimiter, e.keyMarker, e.maxKeys});
    if (!result.ok())
        return call.fail(result.error());
    coffer::s3::ListVersionsPage page;
    page.name = e.bucket;
    page.prefix = QString::fromUtf8(e.prefix);
    page.delimiter = QString::fromUtf8(e.delimiter);
    page.keyMarker = QString::fromUtf8(e.keyMarker);
    page.versionIdMarker = QString::fromUtf8(e.versionIdMarker);
    page.maxKeys = e.maxKeys;
    page.isTruncated = result->isTruncated;
    if (result->isTruncated) {
        page.nextKeyMarker = QString::fromUtf8(result->nextStartAfter);
        page.nextVersionIdMarker = u"null"_s;
    }
    const coffer::s3::Owner o = owner(call.service());
    for (const ObjectSummary &s : result->objects) {
        coffer::s3::ObjectVersionEntry v;
        v.key = QString::fromUtf8(s.key);
        v.versionId = u"null"_s;
        v.isLatest = true;
        v.lastModified = fromMs(s.lastModifiedMs);
        v.etag = s.etag;
        v.size = s.size;
        v.storageClass = s.storageClass.isEmpty() ? u"STANDARD"_s : s.storageClass;
        v.owner = o;
        if (!s.checksumAlgorithm.isEmpty())
            v.checksumAlgorithms = {s.checksumAlgorithm};
        v.checksumType = s.checksumType;
        page.entries.append(v);
    }
    page.commonPrefixes = prefixes(result->commonPrefixes);
    page.encodingType = encoding(e.encodingTypeUrl);
    call.sendXml(coffer::s3::xml::writeListVersionsResult(page));
}

void run(Call &call, const ListMultipartUploads &e)
{
    UploadListRequest request{e.prefix, e.delimiter, e.keyMarker, QString::fromUtf8(e.uploadIdMarker), e.maxUploads};
    const auto result = call.store().listUploads(e.bucket, request);
    if (!result.ok())
        return call.fail(result.error());
    coffer::s3::ListMultipartUploadsPage page;
    page.bucket = e.bucket;
    page.keyMarker = QString::fromUtf8(e.keyMarker);
    page.uploadIdMarker = QString::fromUtf8(e.uploadIdMarker);
    page.prefix = QString::fromUtf8(e.prefix);
    page.delimiter = QString::fromUtf8(e.delimiter);
    page.maxUploads = e.maxUploads;
    page.isTruncated = result->isTruncated;
    page.nextKeyMarker = QString::fromUtf8(result->nextKeyMarker);
    page.nextUploadIdMarker = result->nextUploadIdMarker;
    const coffer::s3::Owner o = owner(call.service());
    for (const MultipartUploadRecord &u : result->uploads) {
        coffer::s3::MultipartUploadEntry entry;
        entry.key = QString::fromUtf8(u.key);
        entry.uploadId = u.uploadId;
        entry.initiated = fromMs(u.initiatedMs);
        entry.storageClass = u.metadata.storageClass.isEmpty() ? u"STANDARD"_s : u.metadata.storageClass;
        entry.owner = o;
        entry.initiator = o;
        if (u.checksumAlgorithm)
            entry.checksumAlgorithm = QString::fromLatin1(coffer::s3::checksumAlgorithmName(*u.checksumAlgorithm));
        entry.checksumType = u.checksumType;
        page.uploads.append(entry);
    }
    page.commonPrefixes = prefixes(result->commonPrefixes);
    page.encodingType = encoding(e.encodingTypeUrl);
    call.sendXml(coffer::s3::xml::writeListMultipartUploadsResult(page));
}

} // namespace coffer::server::api
