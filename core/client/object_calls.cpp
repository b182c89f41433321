// S3Client: listings and single-object calls.
#include "call_runner.h"
#include "object_headers.h"

#include "s3/checksum/checksum.h"
#include "s3/endpoint/provider.h"

namespace coffer::client {

namespace xml = s3::xml;

namespace {

void addIfSet(WireRequest &wire, const QByteArray &name, const QString &value)
{
    if (!value.isEmpty())
        wire.addQuery(name, value.toUtf8());
}

std::optional<s3::S3Error> checkUpload(QIODevice *body, qint64 size)
{
    if (!body || !body->isOpen() || !body->isReadable())
        return s3::S3Error::invalidInput(QStringLiteral("The upload source is not open for reading."));
    if (size < 0)
        return s3::S3Error::invalidInput(QStringLiteral("The upload size is negative."));
    if (!body->isSequential() && body->size() - body->pos() < size)
        return s3::S3Error::invalidInput(QStringLiteral("The upload source holds fewer bytes than its stated size."));
    return std::nullopt;
}

} // namespace

S3Reply<s3::ListObjectsPage> *S3Client::listObjectsV2(const ListObjectsV2Params &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(params.bucket))
        return runner.rejected<s3::ListObjectsPage>(*e);
    WireRequest wire = runner.request("GET", params.bucket);
    wire.addQuery("list-type", "2");
    // Keys may hold characters XML 1.0 cannot carry; url encoding makes every key safe.
    wire.addQuery("encoding-type", "url");
    addIfSet(wire, "prefix", params.prefix);
    addIfSet(wire, "delimiter", params.delimiter);
    addIfSet(wire, "continuation-token", params.continuationToken);
    addIfSet(wire, "start-after", params.startAfter);
    if (params.maxKeys)
        wire.addQuery("max-keys", QByteArray::number(*params.maxKeys));
    if (params.fetchOwner)
        wire.addQuery("fetch-owner", "true");
    return runner.run<s3::ListObjectsPage>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseListBucketResult(response.body), response);
    });
}

S3Reply<s3::ListVersionsPage> *S3Client::listObjectVersions(const ListObjectVersionsParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(params.bucket))
        return runner.rejected<s3::ListVersionsPage>(*e);
    WireRequest wire = runner.request("GET", params.bucket);
    wire.addQuery("versions");
    wire.addQuery("encoding-type", "url");
    addIfSet(wire, "prefix", params.prefix);
    addIfSet(wire, "delimiter", params.delimiter);
    addIfSet(wire, "key-marker", params.keyMarker);
    addIfSet(wire, "version-id-marker", params.versionIdMarker);
    if (params.maxKeys)
        wire.addQuery("max-keys", QByteArray::number(*params.maxKeys));
    wire.configurationCall = true; // R2 and others answer 501 for versions
    return runner.run<s3::ListVersionsPage>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseListVersionsResult(response.body), response);
    });
}

S3Reply<ObjectHead> *S3Client::headObject(const HeadObjectParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<ObjectHead>(*e);
    WireRequest wire = runner.request("HEAD", params.bucket, params.key);
    addIfSet(wire, "versionId", params.versionId);
    wire.addHeader("x-amz-checksum-mode", "ENABLED");
    addConditionHeaders(wire, params.conditions);
    return runner.run<ObjectHead>(std::move(wire), [](const HttpResponse &response) {
        return Result<ObjectHead>(objectHeadFrom(response));
    });
}

S3Reply<ObjectHead> *S3Client::getObject(const GetObjectParams &params, QIODevice *sink)
{
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<ObjectHead>(*e);
    if (!sink || !sink->isOpen() || !sink->isWritable())
        return runner.rejected<ObjectHead>(s3::S3Error::invalidInput(
            QStringLiteral("The download target is not open for writing.")).withBucket(params.bucket).withKey(params.key));
    WireRequest wire = runner.request("GET", params.bucket, params.key);
    addIfSet(wire, "versionId", params.versionId);
    if (params.range)
        wire.addHeader("range", params.range->toHeader());
    else
        wire.addHeader("x-amz-checksum-mode", "ENABLED"); // ranged reads carry no full-object checksum
    addConditionHeaders(wire, params.conditions);
    return runner.run<ObjectHead>(std::move(wire), [](const HttpResponse &response) {
        return Result<ObjectHead>(objectHeadFrom(response));
    }, sink);
}

S3Reply<PutObjectResult> *S3Client::putObject(const PutObjectParams &params)
{
    CallRunner runner(this);
    auto fail = [&](s3::S3Error e) {
        return runner.rejected<PutObjectResult>(e.withBucket(params.bucket).withKey(params.key));
    };
    if (auto e = runner.checkObject(params.bucket, params.key))
        return fail(*e);
    if (auto e = checkUpload(params.body, params.size))
        return fail(*e);
    WireRequest wire = runner.request("PUT", params.bucket, params.key);
    if (auto e = addAttributeHeaders(wire, params.attributes))
        return fail(*e);
    if (params.checksumAlgorithm) {
        if (*params.checksumAlgorithm == s3::ChecksumAlgorithm::Md5)
            return fail(s3::S3Error::invalidInput(QStringLiteral("MD5 travels as Content-MD5, not as an x-amz-checksum header.")));
        wire.addHeader(s3::checksumHeaderName(*params.checksumAlgorithm), params.checksumBase64);
    }
    if (!params.contentMd5Base64.isEmpty())
        wire.addHeader("content-md5", params.contentMd5Base64);
    if (params.ifNoneMatchAny)
        wire.addHeader("if-none-match", "*");
    if (!params.ifMatch.isEmpty())
        wire.addHeader("if-match", params.ifMatch.toLatin1());
    if (params.createBucketIfMissing)
        wire.addHeader("cf-create-bucket-if-missing", "true");
    wire.body.kind = RequestBody::Kind::Stream;
    wire.body.device = params.body;
    wire.body.size = params.size;
    return runner.run<PutObjectResult>(std::move(wire), [](const HttpResponse &response) {
        return Result<PutObjectResult>(PutObjectResult{QString::fromLatin1(response.header("etag")),
                                                       QString::fromLatin1(response.header("x-amz-version-id")),
                                                       checksumsFrom(response)});
    });
}

S3Reply<Done> *S3Client::deleteObject(const DeleteObjectParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<Done>(*e);
    WireRequest wire = runner.request("DELETE", params.bucket, params.key);
    addIfSet(wire, "versionId", params.versionId);
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<s3::CopyObjectResult> *S3Client::copyObject(const CopyObjectParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkSource(params.source.bucket, params.source.key))
        return runner.rejected<s3::CopyObjectResult>(*e);
    if (auto e = runner.checkObject(params.bucket, params.key))
        return runner.rejected<s3::CopyObjectResult>(*e);
    if (params.directive == MetadataDirective::Merge
        && !s3::providerSupports(m_config.provider, s3::Capability::CopyMetadataMerge)) {
        return runner.rejected<s3::CopyObjectResult>(s3::S3Error::invalidInput(
            QStringLiteral("Merging metadata on copy is a Cloudflare R2 feature: choose Copy or Replace."))
                                                         .withBucket(params.bucket).withKey(params.key));
    }
    WireRequest wire = runner.request("PUT", params.bucket, params.key);
    wire.addHeader("x-amz-copy-source", params.source.toHeader());
    switch (params.directive) {
    case MetadataDirective::Copy:
        if (!params.attributes.storageClass.isEmpty())
            wire.addHeader("x-amz-storage-class", params.attributes.storageClass.toLatin1());
        break;
    case MetadataDirective::Replace:
    case MetadataDirective::Merge:
        wire.addHeader("x-amz-metadata-directive", params.directive == MetadataDirective::Replace ? "REPLACE" : "MERGE");
        if (auto e = addAttributeHeaders(wire, params.attributes))
            return runner.rejected<s3::CopyObjectResult>(e->withBucket(params.bucket).withKey(params.key));
        break;
    }
    addConditionHeaders(wire, params.sourceConditions, "x-amz-copy-source-");
    return runner.run<s3::CopyObjectResult>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseCopyObjectResult(response.body), response);
    });
}

} // namespace coffer::client
