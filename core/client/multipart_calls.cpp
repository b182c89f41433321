// S3Client: multipart uploads (create, upload part, copy part, complete, abort, list).
#include "call_runner.h"
#include "object_headers.h"

#include "s3/checksum/checksum.h"

namespace coffer::client {

namespace xml = s3::xml;

namespace {

constexpr int kMaxPartNumber = 10000;

std::optional<s3::S3Error> checkPart(const QString &uploadId, int partNumber)
{
    if (uploadId.isEmpty())
        return s3::S3Error::invalidInput(QStringLiteral("The multipart upload has no upload id."));
    if (partNumber < 1 || partNumber > kMaxPartNumber)
        return s3::S3Error::invalidInput(
            QStringLiteral("Part number %1 is out of range: parts are numbered 1 to 10,000.").arg(partNumber));
    return std::nullopt;
}

} // namespace

S3Reply<s3::InitiateMultipartUploadResult> *S3Client::createMultipartUpload(const CreateMultipartUploadParams &params)
{
    using T = s3::InitiateMultipartUploadResult;
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<T>(*e);
    WireRequest wire = runner.request("POST", params.bucket, params.key);
    wire.addQuery("uploads");
    if (auto e = addAttributeHeaders(wire, params.attributes))
        return runner.rejected<T>(e->withBucket(params.bucket).withKey(params.key));
    if (params.checksumAlgorithm)
        wire.addHeader("x-amz-checksum-algorithm", s3::checksumAlgorithmName(*params.checksumAlgorithm));
    return runner.run<T>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseInitiateMultipartUploadResult(response.body), response);
    });
}

S3Reply<UploadPartResult> *S3Client::uploadPart(const UploadPartParams &params)
{
    CallRunner runner(this);
    auto fail = [&](s3::S3Error e) {
        return runner.rejected<UploadPartResult>(e.withBucket(params.bucket).withKey(params.key));
    };
    if (auto e = runner.checkObject(params.bucket, params.key))
        return fail(*e);
    if (auto e = checkPart(params.uploadId, params.partNumber))
        return fail(*e);
    if (!params.body || !params.body->isOpen() || !params.body->isReadable() || params.size < 0)
        return fail(s3::S3Error::invalidInput(QStringLiteral("The part's source is not open for reading.")));
    WireRequest wire = runner.request("PUT", params.bucket, params.key);
    wire.addQuery("partNumber", QByteArray::number(params.partNumber));
    wire.addQuery("uploadId", params.uploadId.toUtf8());
    if (params.checksumAlgorithm && *params.checksumAlgorithm != s3::ChecksumAlgorithm::Md5)
        wire.addHeader(s3::checksumHeaderName(*params.checksumAlgorithm), params.checksumBase64);
    if (!params.contentMd5Base64.isEmpty())
        wire.addHeader("content-md5", params.contentMd5Base64);
    wire.body.kind = RequestBody::Kind::Stream;
    wire.body.device = params.body;
    wire.body.size = params.size;
    return runner.run<UploadPartResult>(std::move(wire), [](const HttpResponse &response) {
        return Result<UploadPartResult>(UploadPartResult{QString::fromLatin1(response.header("etag")), checksumsFrom(response)});
    });
}

S3Reply<s3::CopyPartResult> *S3Client::uploadPartCopy(const UploadPartCopyParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkSource(params.source.bucket, params.source.key))
        return runner.rejected<s3::CopyPartResult>(*e);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<s3::CopyPartResult>(*e);
    if (auto e = checkPart(params.uploadId, params.partNumber))
        return runner.rejected<s3::CopyPartResult>(e->withBucket(params.bucket).withKey(params.key));
    if (params.range && (params.range->first < 0 || params.range->second < params.range->first))
        return runner.rejected<s3::CopyPartResult>(
            s3::S3Error::invalidInput(QStringLiteral("The copy range is empty or reversed.")));
    WireRequest wire = runner.request("PUT", params.bucket, params.key);
    wire.addQuery("partNumber", QByteArray::number(params.partNumber));
    wire.addQuery("uploadId", params.uploadId.toUtf8());
    wire.addHeader("x-amz-copy-source", params.source.toHeader());
    if (params.range) {
        wire.addHeader("x-amz-copy-source-range", "bytes=" + QByteArray::number(params.range->first) + '-'
                                                      + QByteArray::number(params.range->second));
    }
    return runner.run<s3::CopyPartResult>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseCopyPartResult(response.body), response);
    });
}

S3Reply<s3::CompleteMultipartUploadResult> *S3Client::completeMultipartUpload(const CompleteMultipartUploadParams &params)
{
    using T = s3::CompleteMultipartUploadResult;
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<T>(*e);
    if (params.uploadId.isEmpty() || params.parts.isEmpty())
        return runner.rejected<T>(s3::S3Error::invalidInput(
            QStringLiteral("Completing an upload needs its upload id and at least one part.")).withBucket(params.bucket).withKey(params.key));
    WireRequest wire = runner.request("POST", params.bucket, params.key);
    wire.addQuery("uploadId", params.uploadId.toUtf8());
    wire.body.kind = RequestBody::Kind::Bytes;
    wire.body.bytes = xml::writeCompleteMultipartUpload({params.parts});
    wire.addHeader("content-type", "application/xml");
    return runner.run<T>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseCompleteMultipartUploadResult(response.body), response);
    });
}

S3Reply<Done> *S3Client::abortMultipartUpload(const MultipartUploadRef &upload)
{
    CallRunner runner(this);
    if (auto e = runner.checkObject(upload.bucket, upload.key))
        return runner.rejected<Done>(*e);
    if (upload.uploadId.isEmpty())
        return runner.rejected<Done>(s3::S3Error::invalidInput(QStringLiteral("The multipart upload has no upload id.")));
    WireRequest wire = runner.request("DELETE", upload.bucket, upload.key);
    wire.addQuery("uploadId", upload.uploadId.toUtf8());
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<s3::ListPartsPage> *S3Client::listParts(const ListPartsParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<s3::ListPartsPage>(*e);
    WireRequest wire = runner.request("GET", params.bucket, params.key);
    wire.addQuery("uploadId", params.uploadId.toUtf8());
    if (params.maxParts)
        wire.addQuery("max-parts", QByteArray::number(*params.maxParts));
    if (params.partNumberMarker)
        wire.addQuery("part-number-marker", QByteArray::number(*params.partNumberMarker));
    return runner.run<s3::ListPartsPage>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseListPartsResult(response.body), response);
    });
}

S3Reply<s3::ListMultipartUploadsPage> *S3Client::listMultipartUploads(const ListMultipartUploadsParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(params.bucket))
        return runner.rejected<s3::ListMultipartUploadsPage>(*e);
    WireRequest wire = runner.request("GET", params.bucket);
    wire.addQuery("uploads");
    wire.addQuery("encoding-type", "url");
    auto addIfSet = [&wire](const QByteArray &name, const QString &value) {
        if (!value.isEmpty())
            wire.addQuery(name, value.toUtf8());
    };
    addIfSet("prefix", params.prefix);
    addIfSet("delimiter", params.delimiter);
    addIfSet("key-marker", params.keyMarker);
    addIfSet("upload-id-marker", params.uploadIdMarker);
    if (params.maxUploads)
        wire.addQuery("max-uploads", QByteArray::number(*params.maxUploads));
    return runner.run<s3::ListMultipartUploadsPage>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseListMultipartUploadsResult(response.body), response);
    });
}

} // namespace coffer::client
