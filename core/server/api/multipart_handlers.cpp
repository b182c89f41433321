// CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload,
// ListParts.

#include "body_reader.h"
#include "handlers.h"
#include "object_headers.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/xml/documents.h"

#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxPartSize = 5LL * 1024 * 1024 * 1024;
constexpr qint64 kMaxCompleteBody = 4 * 1024 * 1024;

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

coffer::s3::Owner owner(const Call &call)
{
    const QString id = QString::fromLatin1(call.service().config().credentials.accessKeyId);
    return coffer::s3::Owner{id, id};
}

} // namespace

void run(Call &call, const CreateMultipartUpload &e)
{
    ObjectMetadata metadata;
    if (const auto error = readMetadata(call.head(), metadata))
        return call.fail(*error);
    std::optional<coffer::s3::ChecksumAlgorithm> algorithm;
    const QByteArray named = call.header("x-amz-checksum-algorithm");
    if (!named.isNull()) {
        algorithm = coffer::s3::checksumAlgorithmFromName(named.trimmed());
        if (!algorithm || *algorithm == coffer::s3::ChecksumAlgorithm::Md5)
            return call.fail(apiError("InvalidRequest", u"x-amz-checksum-algorithm must be CRC32, CRC32C, "
                                                        "CRC64NVME, SHA1 or SHA256."_s));
    }
    const QString type = QString::fromLatin1(call.header("x-amz-checksum-type").trimmed().toUpper());
    if (!type.isEmpty() && type != u"COMPOSITE"_s && type != u"FULL_OBJECT"_s)
        return call.fail(apiError("InvalidRequest", u"x-amz-checksum-type must be COMPOSITE or FULL_OBJECT."_s));
    if (type == u"FULL_OBJECT"_s && (!algorithm || !coffer::s3::isCrc(*algorithm)))
        return call.fail(apiError("InvalidRequest", u"FULL_OBJECT multipart checksums need a CRC algorithm."_s));
    const auto upload = call.store().createMultipartUpload(e.bucket, e.key, metadata, algorithm, type);
    if (!upload.ok())
        return call.fail(upload.error());
    if (algorithm) {
        call.addResponseHeaders({{"x-amz-checksum-algorithm", coffer::s3::checksumAlgorithmName(*algorithm)}});
        if (!upload->checksumType.isEmpty())
            call.addResponseHeaders({{"x-amz-checksum-type", upload->checksumType.toLatin1()}});
    }
    call.sendXml(coffer::s3::xml::writeInitiateMultipartUploadResult(
        {e.bucket, QString::fromUtf8(e.key), upload->uploadId}));
}

void run(Call &call, const UploadPart &e)
{
    ChecksumRequest checksums;
    BodyReader *reader = openObjectBody(call, kMaxPartSize, u"A part is at most 5 GiB."_s, u"part"_s, checksums);
    if (!reader)
        return;
    auto begun = call.store().beginPart(e.bucket, e.key, QString::fromUtf8(e.uploadId), e.partNumber,
                                        checksums.expected, checksums.expectedMd5);
    if (!begun.ok())
        return call.fail(begun.error());
    std::shared_ptr<PartUpload> part(std::move(begun.value()));
    Call *c = &call;
    reader->start(
        uploadSink(part),
        [c, part, uploadId = e.uploadId, bucket = e.bucket, key = e.key](const std::optional<ApiError> &error) {
            if (error)
                return c->fail(*error);
            const auto record = part->commit();
            if (!record.ok())
                return c->fail(record.error());
            ResponseHeaders headers{{"ETag", record->etag.toLatin1()}};
            if (!record->checksum.isEmpty()) {
                const auto upload = c->store().multipartUpload(bucket, key, QString::fromUtf8(uploadId));
                if (upload.ok() && upload->checksumAlgorithm)
                    headers.emplaceBack(coffer::s3::checksumHeaderName(*upload->checksumAlgorithm), record->checksum.toLatin1());
            }
            c->sendStatus(200, headers);
        });
}

void run(Call &call, const CompleteMultipartUpload &e)
{
    Call *c = &call;
    readSmallBody(call, kMaxCompleteBody, [c, e](const QByteArray &body) {
        const auto request = coffer::s3::xml::parseCompleteMultipartUpload(body);
        if (!request.ok())
            return c->fail(apiError("MalformedXML", request.error().message));
        if (request->parts.isEmpty())
            return c->fail(apiError("MalformedXML", u"CompleteMultipartUpload lists no parts: list every part "
                                                    "with its PartNumber and ETag."_s));
        const auto record = c->store().completeMultipartUpload(e.bucket, e.key, QString::fromUtf8(e.uploadId),
                                                                request->parts, writeConditions(c->head()));
        if (!record.ok())
            return c->fail(record.error());
        coffer::s3::CompleteMultipartUploadResult result;
        result.location = u"/%1/%2"_s.arg(e.bucket, QString::fromUtf8(e.key));
        result.bucket = e.bucket;
        result.key = QString::fromUtf8(e.key);
        result.etag = record->etag;
        result.checksums = record->checksums;
        result.checksumType = record->checksumType;
        c->sendXml(coffer::s3::xml::writeCompleteMultipartUploadResult(result));
    });
}

void run(Call &call, const AbortMultipartUpload &e)
{
    const StoreError error = call.store().abortMultipartUpload(e.bucket, e.key, QString::fromUtf8(e.uploadId));
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

void run(Call &call, const ListParts &e)
{
    const QString uploadId = QString::fromUtf8(e.uploadId);
    const auto upload = call.store().multipartUpload(e.bucket, e.key, uploadId);
    if (!upload.ok())
        return call.fail(upload.error());
    const auto parts = call.store().listParts(e.bucket, e.key, uploadId, e.partNumberMarker, e.maxParts);
    if (!parts.ok())
        return call.fail(parts.error());
    coffer::s3::ListPartsPage page;
    page.bucket = e.bucket;
    page.key = QString::fromUtf8(e.key);
    page.uploadId = uploadId;
    page.partNumberMarker = e.partNumberMarker;
    page.maxParts = e.maxParts;
    page.isTruncated = parts->isTruncated;
    if (parts->isTruncated)
        page.nextPartNumberMarker = parts->nextPartNumberMarker;
    page.owner = owner(call);
    page.initiator = page.owner;
    page.storageClass = upload->metadata.storageClass.isEmpty() ? u"STANDARD"_s : upload->metadata.storageClass;
    if (upload->checksumAlgorithm)
        page.checksumAlgorithm = QString::fromLatin1(coffer::s3::checksumAlgorithmName(*upload->checksumAlgorithm));
    page.checksumType = upload->checksumType;
    for (const PartRecord &p : parts->parts) {
        coffer::s3::PartEntry entry;
        entry.partNumber = p.partNumber;
        entry.lastModified = fromMs(p.lastModifiedMs);
        entry.etag = p.etag;
        entry.size = p.size;
        if (upload->checksumAlgorithm && !p.checksum.isEmpty())
            *checksumSlot(entry.checksums, *upload->checksumAlgorithm) = p.checksum;
        page.parts.append(entry);
    }
    call.sendXml(coffer::s3::xml::writeListPartsResult(page));
}

} // namespace coffer::server::api
