// S3 mode's public-access controls: the bucket policy (stored as written, public read
// enforced) and PublicAccessBlock.

#include "bucket_policy.h"
#include "handlers.h"
#include "s3_call.h"
#include "s3_request_handler.h"

#include "server/store/object_store.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxPolicyBody = 20 * 1024;
constexpr qint64 kMaxBlockBody = 64 * 1024;

std::optional<coffer::s3::PublicAccessBlockConfiguration> accessBlock(const Call &call, const QString &bucket)
{
    const auto document = call.store().bucketDocument(bucket, BucketDocument::PublicAccessBlock);
    if (!document.ok() || document.value().isEmpty())
        return std::nullopt;
    const auto parsed = coffer::s3::xml::parsePublicAccessBlockConfiguration(document.value());
    return parsed.ok() ? std::optional(parsed.value()) : std::nullopt;
}

} // namespace

void run(Call &call, const GetBucketPolicy &e)
{
    const auto document = call.store().bucketDocument(e.bucket, BucketDocument::Policy);
    if (!document.ok())
        return call.fail(document.error());
    if (document.value().isEmpty())
        return call.fail(apiError("NoSuchBucketPolicy", u"The bucket has no policy."_s, 404));
    http::Response *response = call.startResponse(200);
    if (response)
        response->send(200, document.value(), "application/json");
}

void run(Call &call, const PutBucketPolicy &e)
{
    Call *c = &call;
    const QString bucket = e.bucket;
    readSmallBody(call, kMaxPolicyBody, [c, bucket](const QByteArray &body) {
        if (const auto error = validatePolicy(body))
            return c->fail(*error);
        const auto block = accessBlock(*c, bucket);
        if (block && block->blockPublicPolicy && policyGrantsPublicRead(body))
            return c->fail(apiError("AccessDenied", u"The bucket's PublicAccessBlock (BlockPublicPolicy) refuses a "
                                                    "policy that makes it public."_s));
        const StoreError error = c->store().setBucketDocument(bucket, BucketDocument::Policy, body);
        if (error.isError())
            return c->fail(error);
        c->sendStatus(204);
    });
}

void run(Call &call, const DeleteBucketPolicy &e)
{
    const StoreError error = call.store().setBucketDocument(e.bucket, BucketDocument::Policy, {});
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

void run(Call &call, const GetBucketPolicyStatus &e)
{
    const auto bucket = call.store().bucket(e.bucket);
    if (!bucket.ok())
        return call.fail(bucket.error());
    const bool isPublic = allowsAnonymousRead(call.service(), e.bucket);
    call.sendXml(QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<PolicyStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsPublic>")
                 + (isPublic ? "true" : "false") + "</IsPublic></PolicyStatus>");
}

void run(Call &call, const GetPublicAccessBlock &e)
{
    const auto document = call.store().bucketDocument(e.bucket, BucketDocument::PublicAccessBlock);
    if (!document.ok())
        return call.fail(document.error());
    if (document.value().isEmpty())
        return call.fail(apiError("NoSuchPublicAccessBlockConfiguration",
                                  u"The bucket has no PublicAccessBlock configuration."_s, 404));
    call.sendXml(document.value());
}

void run(Call &call, const PutPublicAccessBlock &e)
{
    Call *c = &call;
    const QString bucket = e.bucket;
    readSmallBody(call, kMaxBlockBody, [c, bucket](const QByteArray &body) {
        const auto parsed = coffer::s3::xml::parsePublicAccessBlockConfiguration(body);
        if (!parsed.ok())
            return c->fail(apiError("MalformedXML", parsed.error().message));
        const StoreError error = c->store().setBucketDocument(
            bucket, BucketDocument::PublicAccessBlock,
            coffer::s3::xml::writePublicAccessBlockConfiguration(parsed.value()));
        if (error.isError())
            return c->fail(error);
        c->sendStatus(200);
    });
}

void run(Call &call, const DeletePublicAccessBlock &e)
{
    const StoreError error = call.store().setBucketDocument(e.bucket, BucketDocument::PublicAccessBlock, {});
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

} // namespace coffer::server::api
