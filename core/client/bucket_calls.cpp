// S3Client: the service and bucket calls (ListBuckets, Create/Delete/Head bucket,
// GetBucketLocation).
#include "call_runner.h"

#include "s3/endpoint/provider.h"

namespace coffer::client {

namespace xml = s3::xml;

S3Reply<s3::ListBucketsPage> *S3Client::listBuckets(const ListBucketsParams &params)
{
    CallRunner runner(this);
    WireRequest wire = runner.request("GET", {});
    const bool r2Paging = m_config.provider == s3::Provider::CloudflareR2;
    if (r2Paging) {
        // R2 pages ListBuckets through request headers, not query parameters.
        if (!params.prefix.isEmpty())
            wire.addHeader("cf-prefix", params.prefix.toUtf8());
        if (!params.startAfter.isEmpty())
            wire.addHeader("cf-start-after", params.startAfter.toUtf8());
        if (!params.continuationToken.isEmpty())
            wire.addHeader("cf-continuation-token", params.continuationToken.toUtf8());
        if (params.maxKeys)
            wire.addHeader("cf-max-keys", QByteArray::number(*params.maxKeys));
    } else {
        if (!params.prefix.isEmpty())
            wire.addQuery("prefix", params.prefix.toUtf8());
        if (!params.continuationToken.isEmpty())
            wire.addQuery("continuation-token", params.continuationToken.toUtf8());
        if (params.maxKeys)
            wire.addQuery("max-buckets", QByteArray::number(*params.maxKeys));
    }
    return runner.run<s3::ListBucketsPage>(std::move(wire), [r2Paging](const HttpResponse &response) {
        Result<s3::ListBucketsPage> page = fromXml(xml::parseListAllMyBucketsResult(response.body), response);
        if (!page.ok() || !r2Paging)
            return page;
        s3::ListBucketsPage value = page.value();
        const bool truncated = response.header("cf-is-truncated").compare("true", Qt::CaseInsensitive) == 0;
        value.continuationToken =
            truncated ? QString::fromUtf8(response.header("cf-next-continuation-token")) : QString();
        return Result<s3::ListBucketsPage>(std::move(value));
    });
}

S3Reply<Done> *S3Client::createBucket(const QString &bucket, const QString &locationConstraint)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(bucket))
        return runner.rejected<Done>(*e);
    if (m_config.provider == s3::Provider::CloudflareR2 && !locationConstraint.isEmpty()
        && !s3::isR2LocationHint(locationConstraint)) {
        return runner.rejected<Done>(s3::S3Error::invalidInput(
            QStringLiteral("\"%1\" is not an R2 location hint: use one of %2.")
                .arg(locationConstraint, s3::r2LocationHints().join(u", "))).withBucket(bucket));
    }
    WireRequest wire = runner.request("PUT", bucket);
    if (!locationConstraint.isEmpty()) {
        wire.body.kind = RequestBody::Kind::Bytes;
        wire.body.bytes = xml::writeCreateBucketConfiguration({locationConstraint});
        wire.addHeader("content-type", "application/xml");
    }
    return runner.run<Done>(std::move(wire), acceptAny);
}

S3Reply<Done> *S3Client::deleteBucket(const QString &bucket)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(bucket))
        return runner.rejected<Done>(*e);
    return runner.run<Done>(runner.request("DELETE", bucket), acceptAny);
}

S3Reply<BucketHead> *S3Client::headBucket(const QString &bucket)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(bucket))
        return runner.rejected<BucketHead>(*e);
    return runner.run<BucketHead>(runner.request("HEAD", bucket), [](const HttpResponse &response) {
        return Result<BucketHead>(BucketHead{QString::fromLatin1(response.header("x-amz-bucket-region"))});
    });
}

S3Reply<s3::BucketLocation> *S3Client::getBucketLocation(const QString &bucket)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(bucket))
        return runner.rejected<s3::BucketLocation>(*e);
    WireRequest wire = runner.request("GET", bucket);
    wire.addQuery("location");
    return runner.run<s3::BucketLocation>(std::move(wire), [](const HttpResponse &response) {
        return fromXml(xml::parseLocationConstraint(response.body), response);
    });
}

} // namespace coffer::client
