// Bucket configuration kept as documents: CORS, lifecycle, and (S3 mode) versioning.
// Documents are parsed and validated on the way in and stored in their canonical form.

#include "handlers.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxConfigurationBody = 1024 * 1024;

QString firstProblem(const coffer::s3::ValidationProblems &problems)
{
    for (const auto &p : problems) {
        if (p.severity == coffer::s3::ValidationProblem::Severity::Error)
            return p.field.isEmpty() ? p.message : p.field + u": "_s + p.message;
    }
    return {};
}

template <typename Parse, typename Write>
void putDocument(Call &call, const QString &bucket, BucketDocument which, Parse parse, Write write)
{
    Call *c = &call;
    readSmallBody(call, kMaxConfigurationBody, [c, bucket, which, parse, write](const QByteArray &body) {
        const auto parsed = parse(body);
        if (!parsed.ok())
            return c->fail(apiError("MalformedXML", parsed.error().message));
        const coffer::s3::ValidationProblems problems = parsed->validate();
        if (coffer::s3::hasErrors(problems))
            return c->fail(apiError("InvalidRequest", firstProblem(problems)));
        const StoreError error = c->store().setBucketDocument(bucket, which, write(parsed.value()));
        if (error.isError())
            return c->fail(error);
        c->sendStatus(200);
    });
}

void getDocument(Call &call, const QString &bucket, BucketDocument which, QByteArrayView missingCode,
                 const QString &missingMessage)
{
    const auto document = call.store().bucketDocument(bucket, which);
    if (!document.ok())
        return call.fail(document.error());
    if (document.value().isEmpty())
        return call.fail(apiError(missingCode, missingMessage, 404));
    call.sendXml(document.value());
}

void deleteDocument(Call &call, const QString &bucket, BucketDocument which)
{
    const StoreError error = call.store().setBucketDocument(bucket, which, {});
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

} // namespace

void run(Call &call, const GetBucketCors &e)
{
    getDocument(call, e.bucket, BucketDocument::Cors, "NoSuchCORSConfiguration",
                u"The bucket has no CORS configuration."_s);
}

void run(Call &call, const PutBucketCors &e)
{
    putDocument(call, e.bucket, BucketDocument::Cors, &coffer::s3::xml::parseCorsConfiguration,
                &coffer::s3::xml::writeCorsConfiguration);
}

void run(Call &call, const DeleteBucketCors &e)
{
    deleteDocument(call, e.bucket, BucketDocument::Cors);
}

void run(Call &call, const GetBucketLifecycle &e)
{
    getDocument(call, e.bucket, BucketDocument::Lifecycle, "NoSuchLifecycleConfiguration",
                u"The bucket has no lifecycle configuration."_s);
}

void run(Call &call, const PutBucketLifecycle &e)
{
    putDocument(call, e.bucket, BucketDocument::Lifecycle, &coffer::s3::xml::parseLifecycleConfiguration,
                &coffer::s3::xml::writeLifecycleConfiguration);
}

void run(Call &call, const DeleteBucketLifecycle &e)
{
    deleteDocument(call, e.bucket, BucketDocument::Lifecycle);
}

void run(Call &call, const GetBucketVersioning &e)
{
    // Versioning is never enabled here: the empty configuration says so.
    const auto bucket = call.store().bucket(e.bucket);
    if (!bucket.ok())
        return call.fail(bucket.error());
    call.sendXml(coffer::s3::xml::writeVersioningConfiguration({}));
}

void run(Call &call, const PutBucketVersioning &e)
{
    Call *c = &call;
    const QString bucket = e.bucket;
    readSmallBody(call, kMaxConfigurationBody, [c, bucket](const QByteArray &body) {
        const auto parsed = coffer::s3::xml::parseVersioningConfiguration(body);
        if (!parsed.ok())
            return c->fail(apiError("MalformedXML", parsed.error().message));
        const auto record = c->store().bucket(bucket);
        if (!record.ok())
            return c->fail(record.error());
        if (parsed->status == coffer::s3::VersioningStatus::Enabled)
            return c->fail(apiError("NotImplemented", u"Object versioning is not implemented by this server; "
                                                      "only Suspended is accepted."_s));
        c->sendStatus(200);
    });
}

} // namespace coffer::server::api
