#pragma once
// The emulated API's router: a pure function from method + path (below the base path) to
// one action on one bucket, or the envelope error that refuses it. Segments are
// percent-decoded once; the query string plays no part in these calls.
//
//   /accounts/{account}/r2/buckets/{bucket}/cors               GET PUT DELETE
//   /accounts/{account}/r2/buckets/{bucket}/lifecycle          GET PUT
//   /accounts/{account}/r2/buckets/{bucket}/domains/managed    GET PUT
//   /accounts/{account}/r2/buckets/{bucket}/domains/custom     GET POST
//   /accounts/{account}/r2/buckets/{bucket}/domains/custom/{d} GET PUT DELETE

#include "envelope.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace coffer::server::cloudflare {

enum class ApiAction {
    GetCors,
    PutCors,
    DeleteCors,
    GetLifecycle,
    PutLifecycle,
    GetManagedDomain,
    PutManagedDomain,
    ListCustomDomains,
    AddCustomDomain,
    GetCustomDomain,
    UpdateCustomDomain,
    RemoveCustomDomain,
};

struct ApiRoute {
    ApiAction action = ApiAction::GetCors;
    QString accountId;
    QString bucket;
    QString domain; // the custom domain of the single-domain calls
    bool hasBody() const;
};

struct ApiRouteResult {
    std::optional<ApiRoute> route;
    CloudflareError error; // meaningful when !route
    bool ok() const { return route.has_value(); }
};

ApiRouteResult routeApi(QByteArrayView method, QByteArrayView path);

// The part of a raw request path below basePath ("/" at least), or std::nullopt when the
// path is not under it.
std::optional<QByteArray> pathBelow(QByteArrayView rawPath, QByteArrayView basePath);

// The name a log line or a message uses for an action, e.g. "PUT cors".
QString actionName(ApiAction action);

} // namespace coffer::server::cloudflare
