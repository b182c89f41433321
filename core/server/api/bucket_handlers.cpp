// ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.

#include "handlers.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/endpoint/names.h"
#include "s3/xml/documents.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxConfigurationBody = 64 * 1024;

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

void run(Call &call, const ListBuckets &e)
{
    auto buckets = call.store().listBuckets();
    if (!buckets.ok())
        return call.fail(buckets.error());
    // R2 pages with cf-max-keys / cf-continuation-token headers (the token is the last
    // name returned); S3's max-buckets / continuation-token query works the same way.
    int limit = e.maxBuckets;
    // Tokens are the base64 of the last name returned, whichever way they travel.
    QByteArray after = QByteArray::fromBase64(e.continuationToken);
    const QByteArray cfMax = call.header("cf-max-keys");
    if (!cfMax.isNull()) {
        bool ok = false;
        limit = cfMax.trimmed().toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            return call.fail(apiError("InvalidArgument", u"cf-max-keys must be a whole number from 1 to 1000."_s));
    }
    const QByteArray cfToken = call.header("cf-continuation-token");
    if (!cfToken.isNull())
        after = QByteArray::fromBase64(cfToken.trimmed());
    // R2 also takes the prefix and a plain start-after name as headers; a token wins
    // over start-after, as it continues a walk already begun.
    const QByteArray cfStartAfter = call.header("cf-start-after");
    if (after.isEmpty() && !cfStartAfter.isNull())
        after = cfStartAfter.trimmed();
    QByteArray prefix = e.prefix;
    const QByteArray cfPrefix = call.header("cf-prefix");
    if (!cfPrefix.isNull())
        prefix = cfPrefix.trimmed();

    coffer::s3::ListBucketsPage page;
    page.owner = owner(call);
    page.prefix = QString::fromUtf8(prefix);
    QString last;
    bool truncated = false;
    for (const BucketRecord &bucket : buckets.value()) {
        if (!after.isEmpty() && bucket.name.toUtf8() <= after)
            continue;
        if (!prefix.isEmpty() && !bucket.name.startsWith(QString::fromUtf8(prefix)))
            continue;
        if (limit > 0 && page.buckets.size() == limit) {
            truncated = true;
            break;
        }
        page.buckets.append({bucket.name, fromMs(bucket.createdMs), bucket.region});
        last = bucket.name;
    }
    ResponseHeaders headers;
    if (truncated) {
        const QByteArray token = last.toUtf8().toBase64();
        page.continuationToken = QString::fromLatin1(token);
        // R2 names the next page's token cf-next-continuation-token; the request header's
        // name is kept beside it for clients (and tst_s3objects) that read that one.
        call.addResponseHeaders(
            {{"cf-next-continuation-token", token}, {"cf-continuation-token", token}, {"cf-is-truncated", "true"}});
    }
    call.sendXml(coffer::s3::xml::writeListAllMyBucketsResult(page));
}

void run(Call &call, const CreateBucket &e)
{
    const auto provider = call.service().isR2() ? coffer::s3::Provider::CloudflareR2 : coffer::s3::Provider::AwsS3;
    if (const auto problem = coffer::s3::validateBucketName(e.bucket, provider))
        return call.fail(apiError("InvalidBucketName", problem->message));
    Call *c = &call;
    const QString bucket = e.bucket;
    readSmallBody(call, kMaxConfigurationBody, [c, bucket](const QByteArray &body) {
        const auto configuration = coffer::s3::xml::parseCreateBucketConfiguration(body);
        if (!configuration.ok())
            return c->fail(apiError("MalformedXML", configuration.error().message));
        QString region = QString::fromLatin1(c->service().region());
        const QString constraint = configuration->locationConstraint;
        if (!constraint.isEmpty() && !c->service().isR2() && constraint != region)
            return c->fail(apiError("InvalidLocationConstraint",
                                    u"This server serves region \"%1\"; the bucket cannot be created in \"%2\"."_s
                                        .arg(region, constraint)));
        const StoreError error = c->store().createBucket(bucket, region);
        if (error.isError())
            return c->fail(error);
        c->sendStatus(200, {{"Location", "/" + bucket.toUtf8()}});
    });
}

void run(Call &call, const HeadBucket &e)
{
    const auto bucket = call.store().bucket(e.bucket);
    if (!bucket.ok())
        return call.fail(bucket.error());
    call.sendStatus(200, {{"x-amz-bucket-region", call.service().region()}});
}

void run(Call &call, const DeleteBucket &e)
{
    const StoreError error = call.store().deleteBucket(e.bucket);
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

void run(Call &call, const GetBucketLocation &e)
{
    const auto bucket = call.store().bucket(e.bucket);
    if (!bucket.ok())
        return call.fail(bucket.error());
    // S3 reports us-east-1 as an empty constraint.
    QString region = bucket->region.isEmpty() ? QString::fromLatin1(call.service().region()) : bucket->region;
    if (region == u"us-east-1"_s)
        region.clear();
    call.sendXml(coffer::s3::xml::writeLocationConstraint({region}));
}

} // namespace coffer::server::api
