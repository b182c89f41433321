#include "api_handler.h"

#include "cloudflare_site.h"
#include "endpoints.h"

#include "server/api/router.h"
#include "server/api/service.h"

#include "s3/sigv4/digest.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

constexpr qint64 kMaxBody = 1024 * 1024;

// Hashing both sides first makes the comparison's time independent of the token's length too.
bool tokenMatches(QByteArrayView presented, QByteArrayView expected)
{
    return coffer::s3::sigv4::constantTimeEquals(
        coffer::s3::sigv4::sha256(presented), coffer::s3::sigv4::sha256(expected));
}

std::optional<CloudflareError> checkToken(const http::RequestHead &head, const QByteArray &expected)
{
    const QByteArray authorization = head.header("authorization");
    if (authorization.isNull())
        return CloudflareError { 400, errc::kMissingCredentials,
            u"Missing Authorization header. Send \"Authorization: Bearer <token>\" with the API "
            "token coffer-server printed where to find (cloudflare.json in its data directory)."_s };
    const QByteArray scheme = "Bearer ";
    if (!authorization.startsWith(scheme) || authorization.size() == scheme.size())
        return CloudflareError { 400, errc::kAuthentication,
            u"Invalid format for the Authorization header: expected \"Bearer <token>\"."_s };
    if (!tokenMatches(authorization.sliced(scheme.size()).trimmed(), expected))
        return CloudflareError { 403, errc::kAuthentication,
            u"Authentication error: the API token is not valid for this server. Use the token "
            "from cloudflare.json in the server's data directory, or the one given with "
            "--cloudflare-token."_s };
    return std::nullopt;
}

// Local buckets have no jurisdiction, so they all live in the default one.
std::optional<CloudflareError> checkJurisdiction(const http::RequestHead &head, const QString &bucket)
{
    const QByteArray jurisdiction = head.header("cf-r2-jurisdiction");
    if (jurisdiction.isEmpty() || jurisdiction == "default")
        return std::nullopt;
    static const QList<QByteArray> known = { "eu", "us", "fedramp", "fedramp-high" };
    if (!known.contains(jurisdiction))
        return CloudflareError { 400, errc::kInvalidRequest,
            u"cf-r2-jurisdiction must be default, eu, us, fedramp or fedramp-high, not \"%1\"."_s.arg(
                QString::fromLatin1(jurisdiction)) };
    return CloudflareError { 404, errc::kNoSuchBucket,
        u"The specified bucket does not exist in jurisdiction \"%1\": this server keeps "
        "\"%2\" and every other bucket in the default jurisdiction. Drop the "
        "cf-r2-jurisdiction header."_s.arg(QString::fromLatin1(jurisdiction), bucket) };
}

void dispatch(ApiCall &call)
{
    switch (call.route().action) {
    case ApiAction::GetCors:
    case ApiAction::PutCors:
    case ApiAction::DeleteCors:
    case ApiAction::GetLifecycle:
    case ApiAction::PutLifecycle:
        return runConfigAction(call);
    case ApiAction::GetManagedDomain:
    case ApiAction::PutManagedDomain:
    case ApiAction::ListCustomDomains:
    case ApiAction::AddCustomDomain:
    case ApiAction::GetCustomDomain:
    case ApiAction::UpdateCustomDomain:
    case ApiAction::RemoveCustomDomain:
        return runDomainAction(call);
    }
}

// The 1-based line of a byte offset, for a message that points into the body.
qint64 lineAt(const QByteArray &text, qint64 offset)
{
    return text.left(offset).count('\n') + 1;
}

} // namespace

ApiCall::ApiCall(const CloudflareSite &site, http::Exchange *exchange, ApiRoute route, QByteArray rawBody,
    QJsonObject body)
    : QObject(exchange)
    , m_site(site)
    , m_exchange(exchange)
    , m_route(std::move(route))
    , m_rawBody(std::move(rawBody))
    , m_body(std::move(body))
{ }

ObjectStore &ApiCall::store() const
{
    return m_site.service().store();
}

void ApiCall::succeed(const QJsonValue &result)
{
    sendSuccess(m_exchange, result);
}

void ApiCall::fail(const CloudflareError &error)
{
    sendFailure(m_exchange, error);
}

void ApiCall::fail(const StoreError &error)
{
    fail(fromStore(error, m_route.bucket));
}

void ApiHandler::handle(http::Exchange *exchange)
{
    const http::RequestHead &head = exchange->request();
    if (const auto refused = checkToken(head, m_site.options().apiToken))
        return sendFailure(exchange, *refused);
    const auto parts = api::splitTarget(head.target);
    const auto below = parts ? pathBelow(parts->path, m_site.options().apiBasePath) : std::nullopt;
    const ApiRouteResult routed = below ? routeApi(head.method, *below) : ApiRouteResult {};
    if (!routed.ok())
        return sendFailure(exchange,
            below ? routed.error : CloudflareError { 400, errc::kNoRoute, u"No route for that URI."_s });
    const ApiRoute &route = *routed.route;
    if (route.accountId != m_site.options().accountId)
        return sendFailure(exchange,
            { 403, errc::kAuthentication,
                u"Authentication error: this server answers for account %1, not \"%2\". "
                "Use that account id."_s.arg(m_site.options().accountId, route.accountId) });
    if (const auto refused = checkJurisdiction(head, route.bucket))
        return sendFailure(exchange, *refused);
    if (!route.hasBody())
        return dispatch(*new ApiCall(m_site, exchange, route));
    start(exchange, route);
}

void ApiHandler::start(http::Exchange *exchange, const ApiRoute &route)
{
    if (exchange->request().contentLength.value_or(0) > kMaxBody)
        return sendFailure(exchange,
            { 413, errc::kInvalidRequest,
                u"The request body is larger than the %1 bytes a configuration call accepts. "
                "Nothing was changed."_s.arg(kMaxBody) });
    exchange->setMaxBodySize(kMaxBody);
    if (exchange->expectsContinue())
        exchange->sendContinue();
    http::RequestBody *body = exchange->body();
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(
        body, &http::RequestBody::readyRead, exchange, [body, buffer] { buffer->append(body->readAll()); });
    const CloudflareSite &site = m_site;
    QObject::connect(body, &http::RequestBody::finished, exchange, [&site, exchange, body, buffer, route] {
        buffer->append(body->readAll());
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(*buffer, &error);
        if (error.error != QJsonParseError::NoError)
            return sendFailure(exchange,
                { 400, errc::kInvalidRequest,
                    u"The request body is not valid JSON (line %1: %2). Nothing was changed."_s
                        .arg(lineAt(*buffer, error.offset))
                        .arg(error.errorString()) });
        if (!document.isObject())
            return sendFailure(exchange,
                { 400, errc::kInvalidRequest,
                    u"The request body must be a JSON object. Nothing was changed."_s });
        dispatch(*new ApiCall(site, exchange, route, *buffer, document.object()));
    });
}

} // namespace coffer::server::cloudflare
