// ListObjectsV2, ListObjects (v1), ListObjectVersions, ListMultipartUploads.

#include "handlers.h"
#include "s3_call.h"

#include "server/store/list_token.h"
#include "server/store/object_store.h"

#include "s3/xml/documents.h"

#include <QTimeZone>

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

coffer::s3::Owner owner(const Call &call)
{
    const QString id = QString::fromLatin1(call.service().config().credentials.accessKeyId);
    return coffer::s3::Owner{id, id};
}

} // namespace

void run(Call &call, const ListObjectsV2 &e)
{
    QByteArray after = e.startAfter;
    if (!e.continuationToken.isEmpty()) {
        const auto decoded = startAfterFromToken(QString::fromLatin1(e.continuationToken));
        if (!decoded)
            return call.fail(apiError("InvalidArgument", u"The continuation token provided is incorrect: pass "
                                                         "NextContinuationToken back unchanged."_s));
        after = qMax(after, *decoded);
    }
    const auto result = call.store().listObjects(e.bucket, {e.prefix, e.delimiter, after, e.maxKeys});
    if (!result.ok())
        return call.fail(result.error());
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
    const auto o = e.fetchOwner ? std::optional(owner(call)) : std::nullopt;
    for (const ObjectSummary &s : result->objects)
        page.objects.append(entry(s, o));
    page.commonPrefixes = prefixes(result->commonPrefixes);
    page.keyCount = int(page.objects.size() + page.commonPrefixes.size());
    page.encodingType = encoding(e.encodingTypeUrl);
    call.sendXml(coffer::s3::xml::writeListBucketResult(page));
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
    const auto o = std::optional(owner(call));
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
    const coffer::s3::Owner o = owner(call);
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
    const coffer::s3::Owner o = owner(call);
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
