// Bucket CORS and lifecycle through the REST API. They read and write the very documents
// the S3 API keeps (canonical S3 XML in the store), converting with coffer::s3::json, so
// a rule set through either API is what the other one reads.

#include "api_handler.h"
#include "endpoints.h"

#include "server/store/object_store.h"

#include "s3/json/cloudflare_json.h"
#include "s3/xml/documents.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

namespace json = coffer::s3::json;

CloudflareError invalid(const QString &message)
{
    return { 400, errc::kInvalidRequest, message + u" Nothing was changed."_s };
}

QString firstError(const coffer::s3::ValidationProblems &problems)
{
    for (const auto &problem : problems) {
        if (problem.severity == coffer::s3::ValidationProblem::Severity::Error)
            return problem.field.isEmpty() ? problem.message : problem.field + u": "_s + problem.message;
    }
    return {};
}

// The stored document, after checking that the bucket exists (an empty document reads as
// "none" for a bucket that does).
std::optional<QByteArray> readDocument(ApiCall &call, BucketDocument which)
{
    const auto document = call.store().bucketDocument(call.route().bucket, which);
    if (!document.ok()) {
        call.fail(document.error());
        return std::nullopt;
    }
    return document.value();
}

void store(ApiCall &call, BucketDocument which, const QByteArray &document)
{
    const StoreError error = call.store().setBucketDocument(call.route().bucket, which, document);
    if (error.isError())
        return call.fail(error);
    call.succeed(QJsonObject());
}

void getCors(ApiCall &call)
{
    const auto document = readDocument(call, BucketDocument::Cors);
    if (!document)
        return;
    if (document->isEmpty())
        return call.fail({ 404, errc::kNoCorsConfiguration,
            u"The CORS configuration does not exist for bucket \"%1\". Set one with PUT .../cors."_s.arg(
                call.route().bucket) });
    const auto parsed = coffer::s3::xml::parseCorsConfiguration(*document);
    if (!parsed.ok())
        return call.fail({ 500, errc::kInternal,
            u"The stored CORS configuration is damaged: %1"_s.arg(parsed.error().message) });
    call.succeed(json::corsToCloudflare(parsed.value()));
}

void putCors(ApiCall &call)
{
    const auto parsed = json::parseCloudflareCorsJson(call.rawBody());
    if (!parsed.ok())
        return call.fail(invalid(parsed.error.message));
    // No rules means no CORS configuration, as after DELETE (S3 has no empty rule set).
    if (parsed.value->rules.isEmpty())
        return store(call, BucketDocument::Cors, {});
    if (const QString problem = firstError(parsed.value->validate()); !problem.isEmpty())
        return call.fail(invalid(problem));
    store(call, BucketDocument::Cors, coffer::s3::xml::writeCorsConfiguration(*parsed.value));
}

void getLifecycle(ApiCall &call)
{
    const auto document = readDocument(call, BucketDocument::Lifecycle);
    if (!document)
        return;
    if (document->isEmpty())
        return call.succeed(QJsonObject { { u"rules"_s, QJsonArray() } });
    const auto parsed = coffer::s3::xml::parseLifecycleConfiguration(*document);
    if (!parsed.ok())
        return call.fail({ 500, errc::kInternal,
            u"The stored lifecycle configuration is damaged: %1"_s.arg(parsed.error().message) });
    const auto converted = json::lifecycleToCloudflareChecked(parsed.value());
    if (!converted.ok())
        return call.fail({ 400, errc::kInvalidRequest,
            u"The bucket's lifecycle rules cannot be shown in the REST form: %1 Read them with "
            "GetBucketLifecycleConfiguration over S3."_s.arg(converted.error.message) });
    call.succeed(*converted.value);
}

void putLifecycle(ApiCall &call)
{
    const auto parsed = json::parseCloudflareLifecycleJson(call.rawBody());
    if (!parsed.ok())
        return call.fail(invalid(parsed.error.message));
    if (parsed.value->rules.isEmpty())
        return store(call, BucketDocument::Lifecycle, {});
    if (const QString problem = firstError(parsed.value->validate()); !problem.isEmpty())
        return call.fail(invalid(problem));
    store(call, BucketDocument::Lifecycle, coffer::s3::xml::writeLifecycleConfiguration(*parsed.value));
}

} // namespace

void runConfigAction(ApiCall &call)
{
    switch (call.route().action) {
    case ApiAction::GetCors:
        return getCors(call);
    case ApiAction::PutCors:
        return putCors(call);
    case ApiAction::DeleteCors:
        return store(call, BucketDocument::Cors, {});
    case ApiAction::GetLifecycle:
        return getLifecycle(call);
    case ApiAction::PutLifecycle:
        return putLifecycle(call);
    default:
        break;
    }
    call.fail({ 500, errc::kInternal,
        u"%1 is not a configuration action."_s.arg(actionName(call.route().action)) });
}

} // namespace coffer::server::cloudflare
