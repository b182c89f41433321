#include "api_route.h"

#include "s3/sigv4/signer.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

CloudflareError noRoute()
{
    return {
        400, errc::kNoRoute,
        u"No route for that URI. This server emulates the R2 bucket calls under "
        "/accounts/{account_id}/r2/buckets/{bucket}/: cors, lifecycle, domains/managed and domains/custom."_s
    };
}

CloudflareError wrongMethod(QByteArrayView method, const QString &allowed)
{
    return { 405, errc::kMethodNotAllowed,
        u"Method %1 is not allowed here; this path takes %2."_s.arg(QString::fromLatin1(method), allowed) };
}

struct Choice {
    QByteArrayView method;
    ApiAction action;
};

ApiRouteResult pick(QByteArrayView method, std::initializer_list<Choice> choices, ApiRoute route)
{
    QStringList allowed;
    for (const Choice &choice : choices) {
        if (choice.method == method) {
            route.action = choice.action;
            return { route, {} };
        }
        allowed.append(QString::fromLatin1(choice.method));
    }
    return { std::nullopt, wrongMethod(method, allowed.join(u", "_s)) };
}

} // namespace

bool ApiRoute::hasBody() const
{
    return action == ApiAction::PutCors || action == ApiAction::PutLifecycle
        || action == ApiAction::PutManagedDomain || action == ApiAction::AddCustomDomain
        || action == ApiAction::UpdateCustomDomain;
}

ApiRouteResult routeApi(QByteArrayView method, QByteArrayView path)
{
    QList<QString> segments;
    for (const QByteArray &raw : path.toByteArray().split('/')) {
        if (!raw.isEmpty())
            segments.append(QString::fromUtf8(coffer::s3::sigv4::percentDecode(raw)));
    }
    if (segments.size() < 6 || segments.at(0) != u"accounts"_s || segments.at(2) != u"r2"_s
        || segments.at(3) != u"buckets"_s)
        return { std::nullopt, noRoute() };
    ApiRoute route;
    route.accountId = segments.at(1);
    route.bucket = segments.at(4);
    const QString resource = segments.at(5);
    if (segments.size() == 6 && resource == u"cors"_s)
        return pick(method,
            { { "GET", ApiAction::GetCors }, { "PUT", ApiAction::PutCors },
                { "DELETE", ApiAction::DeleteCors } },
            route);
    if (segments.size() == 6 && resource == u"lifecycle"_s)
        return pick(
            method, { { "GET", ApiAction::GetLifecycle }, { "PUT", ApiAction::PutLifecycle } }, route);
    if (resource != u"domains"_s || segments.size() < 7)
        return { std::nullopt, noRoute() };
    const QString kind = segments.at(6);
    if (segments.size() == 7 && kind == u"managed"_s)
        return pick(method,
            { { "GET", ApiAction::GetManagedDomain }, { "PUT", ApiAction::PutManagedDomain } }, route);
    if (segments.size() == 7 && kind == u"custom"_s)
        return pick(method,
            { { "GET", ApiAction::ListCustomDomains }, { "POST", ApiAction::AddCustomDomain } }, route);
    if (segments.size() == 8 && kind == u"custom"_s) {
        route.domain = segments.at(7);
        return pick(method,
            { { "GET", ApiAction::GetCustomDomain }, { "PUT", ApiAction::UpdateCustomDomain },
                { "DELETE", ApiAction::RemoveCustomDomain } },
            route);
    }
    return { std::nullopt, noRoute() };
}

std::optional<QByteArray> pathBelow(QByteArrayView rawPath, QByteArrayView basePath)
{
    if (!rawPath.startsWith(basePath))
        return std::nullopt;
    const QByteArrayView rest = rawPath.sliced(basePath.size());
    if (rest.isEmpty())
        return QByteArray("/");
    if (!rest.startsWith('/'))
        return std::nullopt;
    return rest.toByteArray();
}

QString actionName(ApiAction action)
{
    switch (action) {
    case ApiAction::GetCors:
        return u"GET cors"_s;
    case ApiAction::PutCors:
        return u"PUT cors"_s;
    case ApiAction::DeleteCors:
        return u"DELETE cors"_s;
    case ApiAction::GetLifecycle:
        return u"GET lifecycle"_s;
    case ApiAction::PutLifecycle:
        return u"PUT lifecycle"_s;
    case ApiAction::GetManagedDomain:
        return u"GET domains/managed"_s;
    case ApiAction::PutManagedDomain:
        return u"PUT domains/managed"_s;
    case ApiAction::ListCustomDomains:
        return u"GET domains/custom"_s;
    case ApiAction::AddCustomDomain:
        return u"POST domains/custom"_s;
    case ApiAction::GetCustomDomain:
        return u"GET domains/custom/{domain}"_s;
    case ApiAction::UpdateCustomDomain:
        return u"PUT domains/custom/{domain}"_s;
    case ApiAction::RemoveCustomDomain:
        return u"DELETE domains/custom/{domain}"_s;
    }
    return {};
}

} // namespace coffer::server::cloudflare
