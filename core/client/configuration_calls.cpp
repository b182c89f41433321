// S3Client: bucket configuration subresources (CORS, lifecycle, policy, public access
// block, versioning). Each is marked as a configuration call, so a provider that lacks
// it (501, or 405/400/404) yields Kind::NotSupported and the UI hides the panel.
#include "call_runner.h"

#include "s3/checksum/checksum.h"

#include <QXmlStreamReader>

namespace coffer::client {

namespace xml = s3::xml;

namespace {

WireRequest configurationRequest(const CallRunner &runner, const QByteArray &method, const QString &bucket,
                                 const QByteArray &subresource)
{
    WireRequest wire = runner.request(method, bucket);
    wire.addQuery(subresource);
    wire.configurationCall = true;
    return wire;
}

void setBody(WireRequest &wire, const QByteArray &body, const QByteArray &contentType)
{
    wire.body.kind = RequestBody::Kind::Bytes;
    wire.body.bytes = body;
    wire.addHeader("content-type", contentType);
    // PutBucketCors/Lifecycle/PublicAccessBlock require an integrity header on S3.
    wire.addHeader("content-md5", s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, body).toBase64());
}

// <PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>: coffer_s3 has no parser for
// this one-field document, so it is read here.
Result<PolicyStatus> parsePolicyStatus(const HttpResponse &response)
{
    QXmlStreamReader reader(response.body);
    PolicyStatus status;
    bool sawRoot = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isDTD())
            break;
        if (!reader.isStartElement())
            continue;
        if (!sawRoot) {
            if (reader.name() != u"PolicyStatus")
                break;
            sawRoot = true;
        } else if (reader.name() == u"IsPublic") {
            status.isPublic = reader.readElementText().trimmed() == u"true";
        }
    }
    if (!sawRoot || reader.hasError() || reader.isDTD()) {
        s3::xml::XmlError error;
        error.kind = s3::xml::XmlError::Kind::WrongRoot;
        error.message = QStringLiteral("The policy status answer is not a PolicyStatus document.");
        return s3::S3Error::xml(error);
    }
    return status;
}

} // namespace

#define COFFER_CHECK_BUCKET(T)                                                                     \
    CallRunner runner(this);                                                                       \
    if (auto e = runner.checkBucket(bucket))                                                       \
        return runner.rejected<T>(*e);

S3Reply<s3::CorsConfiguration> *S3Client::getBucketCors(const QString &bucket)
{
    COFFER_CHECK_BUCKET(s3::CorsConfiguration)
    return runner.run<s3::CorsConfiguration>(configurationRequest(runner, "GET", bucket, "cors"),
                                             [](const HttpResponse &r) { return fromXml(xml::parseCorsConfiguration(r.body), r); });
}

S3Reply<Done> *S3Client::putBucketCors(const QString &bucket, const s3::CorsConfiguration &configuration)
{
    COFFER_CHECK_BUCKET(Done)
    WireRequest wire = configurationRequest(runner, "PUT", bucket, "cors");
    setBody(wire, xml::writeCorsConfiguration(configuration), "application/xml");
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<Done> *S3Client::deleteBucketCors(const QString &bucket)
{
    COFFER_CHECK_BUCKET(Done)
    return runner.run<Done>(configurationRequest(runner, "DELETE", bucket, "cors"), acceptAny);
}

S3Reply<s3::LifecycleConfiguration> *S3Client::getBucketLifecycleConfiguration(const QString &bucket)
{
    COFFER_CHECK_BUCKET(s3::LifecycleConfiguration)
    return runner.run<s3::LifecycleConfiguration>(
        configurationRequest(runner, "GET", bucket, "lifecycle"),
        [](const HttpResponse &r) { return fromXml(xml::parseLifecycleConfiguration(r.body), r); });
}

S3Reply<Done> *S3Client::putBucketLifecycleConfiguration(const QString &bucket,
                                                         const s3::LifecycleConfiguration &configuration)
{
    COFFER_CHECK_BUCKET(Done)
    WireRequest wire = configurationRequest(runner, "PUT", bucket, "lifecycle");
    setBody(wire, xml::writeLifecycleConfiguration(configuration), "application/xml");
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<Done> *S3Client::deleteBucketLifecycleConfiguration(const QString &bucket)
{
    COFFER_CHECK_BUCKET(Done)
    return runner.run<Done>(configurationRequest(runner, "DELETE", bucket, "lifecycle"), acceptAny);
}

S3Reply<QByteArray> *S3Client::getBucketPolicy(const QString &bucket)
{
    COFFER_CHECK_BUCKET(QByteArray)
    return runner.run<QByteArray>(configurationRequest(runner, "GET", bucket, "policy"),
                                  [](const HttpResponse &r) { return Result<QByteArray>(r.body); });
}

S3Reply<Done> *S3Client::putBucketPolicy(const QString &bucket, const QByteArray &policyJson)
{
    COFFER_CHECK_BUCKET(Done)
    WireRequest wire = configurationRequest(runner, "PUT", bucket, "policy");
    setBody(wire, policyJson, "application/json");
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<Done> *S3Client::deleteBucketPolicy(const QString &bucket)
{
    COFFER_CHECK_BUCKET(Done)
    return runner.run<Done>(configurationRequest(runner, "DELETE", bucket, "policy"), acceptAny);
}

S3Reply<PolicyStatus> *S3Client::getBucketPolicyStatus(const QString &bucket)
{
    COFFER_CHECK_BUCKET(PolicyStatus)
    return runner.run<PolicyStatus>(configurationRequest(runner, "GET", bucket, "policyStatus"), parsePolicyStatus);
}

S3Reply<s3::PublicAccessBlockConfiguration> *S3Client::getPublicAccessBlock(const QString &bucket)
{
    COFFER_CHECK_BUCKET(s3::PublicAccessBlockConfiguration)
    return runner.run<s3::PublicAccessBlockConfiguration>(
        configurationRequest(runner, "GET", bucket, "publicAccessBlock"),
        [](const HttpResponse &r) { return fromXml(xml::parsePublicAccessBlockConfiguration(r.body), r); });
}

S3Reply<Done> *S3Client::putPublicAccessBlock(const QString &bucket,
                                              const s3::PublicAccessBlockConfiguration &configuration)
{
    COFFER_CHECK_BUCKET(Done)
    WireRequest wire = configurationRequest(runner, "PUT", bucket, "publicAccessBlock");
    setBody(wire, xml::writePublicAccessBlockConfiguration(configuration), "application/xml");
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<s3::VersioningConfiguration> *S3Client::getBucketVersioning(const QString &bucket)
{
    COFFER_CHECK_BUCKET(s3::VersioningConfiguration)
    return runner.run<s3::VersioningConfiguration>(
        configurationRequest(runner, "GET", bucket, "versioning"),
        [](const HttpResponse &r) { return fromXml(xml::parseVersioningConfiguration(r.body), r); });
}

#undef COFFER_CHECK_BUCKET

} // namespace coffer::client
