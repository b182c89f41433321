// CopyObject, UploadPartCopy and DeleteObjects: the calls that act on objects named in
// the request rather than streamed in its body.

#include "conditions.h"
#include "handlers.h"
#include "object_headers.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/checksum/checksum.h"
#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxDeleteBody = 2 * 1024 * 1024;
constexpr int kMaxDeleteKeys = 1000;
constexpr qint64 kCopySlice = 1024 * 1024;

Preconditions copySourcePreconditions(const Call &call)
{
    return Preconditions{call.header("x-amz-copy-source-if-match"), call.header("x-amz-copy-source-if-none-match"),
                         call.header("x-amz-copy-source-if-modified-since"),
                         call.header("x-amz-copy-source-if-unmodified-since")};
}

// The source's record once its x-amz-copy-source-if-* conditions hold; answers otherwise.
std::optional<ObjectRecord> copySource(Call &call, const CopySource &source)
{
    const auto record = call.store().headObject(source.bucket, source.key);
    if (!record.ok()) {
        call.fail(record.error());
        return std::nullopt;
    }
    if (evaluateCopySource(copySourcePreconditions(call), record->etag, record->lastModified())
        != PreconditionResult::Proceed) {
        call.fail(apiError("PreconditionFailed", u"A x-amz-copy-source-if-* condition did not hold for the "
                                                 "source object."_s));
        return std::nullopt;
    }
    return record.value();
}

// R2's MERGE: the source's metadata with what the request sends laid over it.
ObjectMetadata merged(const ObjectMetadata &source, const ObjectMetadata &sent)
{
    ObjectMetadata out = source;
    for (QString ObjectMetadata::*field : {&ObjectMetadata::contentType, &ObjectMetadata::contentEncoding,
                                           &ObjectMetadata::contentDisposition, &ObjectMetadata::contentLanguage,
                                           &ObjectMetadata::cacheControl, &ObjectMetadata::expires,
                                           &ObjectMetadata::storageClass}) {
        if (!(sent.*field).isEmpty())
            out.*field = sent.*field;
    }
    for (const auto &[name, value] : sent.userMetadata) {
        out.userMetadata.removeIf([&name](const auto &pair) { return pair.first == name; });
        out.userMetadata.emplaceBack(name, value);
    }
    return out;
}

} // namespace

void run(Call &call, const CopyObject &e)
{
    const QByteArray directive = call.header("x-amz-metadata-directive").trimmed().toUpper();
    const bool replace = directive == "REPLACE";
    const bool merge = directive == "MERGE";
    if (!directive.isEmpty() && directive != "COPY" && !replace && !merge)
        return call.fail(apiError("InvalidArgument", u"x-amz-metadata-directive must be COPY, REPLACE or MERGE."_s));
    if (merge && !call.service().isR2())
        return call.fail(apiError("InvalidArgument", u"The MERGE metadata directive exists only in R2 mode."_s));
    ObjectMetadata sent;
    if (const auto error = readMetadata(call.head(), sent))
        return call.fail(*error);
    const auto source = copySource(call, e.source);
    if (!source)
        return;
    if (e.source.bucket == e.bucket && e.source.key == e.key && !replace && !merge
        && !call.hasHeader("x-amz-storage-class"))
        return call.fail(apiError("InvalidRequest", u"This copy request is illegal because it is trying to copy an "
                                                    "object to itself without changing the object's metadata, storage "
                                                    "class or encryption attributes."_s));
    std::optional<ObjectMetadata> metadata;
    if (replace)
        metadata = sent;
    else if (merge)
        metadata = merged(source->metadata, sent);
    const auto copied = call.store().copyObject(e.source.bucket, e.source.key, e.bucket, e.key, metadata,
                                                writeConditions(call.head()));
    if (!copied.ok())
        return call.fail(copied.error());
    coffer::s3::CopyObjectResult result;
    result.etag = copied->etag;
    result.lastModified = copied->lastModified();
    result.checksums = copied->checksums;
    result.checksumType = copied->checksumType;
    call.sendXml(coffer::s3::xml::writeCopyObjectResult(result));
}

void run(Call &call, const UploadPartCopy &e)
{
    const auto source = copySource(call, e.source);
    if (!source)
        return;
    ByteRange range;
    qint64 length = source->size;
    const QByteArray rangeHeader = call.header("x-amz-copy-source-range");
    if (!rangeHeader.isNull()) {
        const RangeRequest requested = resolveRange(rangeHeader, source->size);
        // S3 wants bytes=first-last exactly, inside the object.
        const QByteArray declaredLast = rangeHeader.mid(rangeHeader.indexOf('-') + 1).trimmed();
        const bool wholeRangeInside = requested.present && requested.satisfiable
            && !rangeHeader.trimmed().startsWith("bytes=-") && !declaredLast.isEmpty()
            && declaredLast.toLongLong() == requested.range.first + requested.range.length - 1;
        if (!wholeRangeInside)
            return call.fail(apiError("InvalidArgument", u"x-amz-copy-source-range must be bytes=first-last within "
                                                         "the %1-byte source."_s.arg(source->size)));
        range = ByteRange{requested.range.first, requested.range.first + requested.range.length - 1, -1};
        length = requested.range.length;
    }
    auto read = call.store().getObject(e.source.bucket, e.source.key, range);
    if (!read.ok())
        return call.fail(read.error());
    auto part = call.store().beginPart(e.bucket, e.key, QString::fromUtf8(e.uploadId), e.partNumber);
    if (!part.ok())
        return call.fail(part.error());
    // Copied here, in the worker: the bytes never leave the machine, so there is no
    // client to pace against, and a slice at a time keeps memory bounded.
    qint64 copied = 0;
    while (copied < length) {
        const auto slice = read->reader->read(kCopySlice);
        if (!slice.ok())
            return call.fail(slice.error());
        if (slice.value().isEmpty())
            break;
        const StoreError error = part.value()->write(slice.value());
        if (error.isError())
            return call.fail(error);
        copied += slice.value().size();
    }
    const auto committed = part.value()->commit();
    if (!committed.ok())
        return call.fail(committed.error());
    coffer::s3::CopyPartResult result;
    result.etag = committed->etag;
    result.lastModified = QDateTime::fromMSecsSinceEpoch(committed->lastModifiedMs, QTimeZone::UTC);
    call.sendXml(coffer::s3::xml::writeCopyPartResult(result));
}

void run(Call &call, const DeleteObjects &e)
{
    Call *c = &call;
    const QString bucket = e.bucket;
    readSmallBody(call, kMaxDeleteBody, [c, bucket](const QByteArray &body) {
        const QByteArray md5 = c->header("content-md5");
        if (!md5.isNull() && QByteArray::fromBase64(md5.trimmed())
                                 != coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Md5, body))
            return c->fail(apiError("BadDigest", u"The Content-MD5 you specified did not match the body."_s));
        const auto request = coffer::s3::xml::parseDelete(body);
        if (!request.ok())
            return c->fail(apiError("MalformedXML", request.error().message));
        if (request->objects.size() > kMaxDeleteKeys)
            return c->fail(apiError("MalformedXML", u"DeleteObjects takes at most 1,000 keys per request."_s));
        QList<QByteArray> keys;
        for (const auto &object : request->objects)
            keys.append(object.key.toUtf8());
        const QList<StoreError> outcomes = c->store().deleteObjects(bucket, keys);
        coffer::s3::DeleteObjectsResult result;
        for (qsizetype i = 0; i < request->objects.size(); ++i) {
            const auto &object = request->objects.at(i);
            const StoreError error = i < outcomes.size() ? outcomes.at(i) : StoreError::io(u"not attempted"_s);
            if (error.isError()) {
                if (error.code() == StoreError::Code::NoSuchBucket)
                    return c->fail(error);
                result.errors.append({object.key, object.versionId, error.s3Code().toString(), error.message()});
            } else if (!request->quiet) {
                result.deleted.append({object.key, object.versionId, std::nullopt, {}});
            }
        }
        c->sendXml(coffer::s3::xml::writeDeleteResult(result));
    });
}

} // namespace coffer::server::api
