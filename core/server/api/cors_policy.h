#pragma once
// A bucket's CORS rules applied to requests: the preflight answer (OPTIONS, before any
// authentication) and the headers an actual cross-origin request gets. Without an Origin
// header there is nothing to decide and no CORS header is ever added.

#include "s3/model/cors.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

namespace coffer::server::api {

using ResponseHeaders = QList<std::pair<QByteArray, QByteArray>>;

// "*", an exact origin, or a pattern with one '*' ("https://*.example.com").
bool corsOriginMatches(const QString &pattern, const QString &origin);

struct Preflight {
    QByteArray origin;
    QByteArray requestMethod;  // Access-Control-Request-Method
    QByteArray requestHeaders; // Access-Control-Request-Headers, comma-separated
};

// The first rule allowing the preflight, as response headers; std::nullopt: forbidden.
std::optional<ResponseHeaders> answerPreflight(const coffer::s3::CorsConfiguration &cors,
                                               const Preflight &preflight);

// For an actual request with an Origin: the headers of the first rule allowing origin and
// method (Allow-Origin, Expose-Headers, credentials), plus Vary: Origin; empty when none.
ResponseHeaders actualRequestHeaders(const coffer::s3::CorsConfiguration &cors,
                                     const QByteArray &origin, const QByteArray &method);

} // namespace coffer::server::api
