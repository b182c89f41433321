#include "cors_policy.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

bool wildcardMatches(const QString &pattern, const QString &value, Qt::CaseSensitivity cs)
{
    const qsizetype star = pattern.indexOf(u'*');
    if (star < 0)
        return pattern.compare(value, cs) == 0;
    const QStringView head = QStringView(pattern).first(star);
    const QStringView tail = QStringView(pattern).mid(star + 1);
    return value.size() >= head.size() + tail.size() && QStringView(value).startsWith(head, cs)
        && QStringView(value).endsWith(tail, cs);
}

bool methodAllowed(const coffer::s3::CorsRule &rule, const QByteArray &method)
{
    const QString m = QString::fromLatin1(method);
    return rule.allowedMethods.contains(m, Qt::CaseSensitive);
}

bool originAllowed(const coffer::s3::CorsRule &rule, const QString &origin)
{
    for (const QString &pattern : rule.allowedOrigins) {
        if (corsOriginMatches(pattern, origin))
            return true;
    }
    return false;
}

bool headerAllowed(const coffer::s3::CorsRule &rule, const QString &header)
{
    for (const QString &pattern : rule.allowedHeaders) {
        if (wildcardMatches(pattern, header, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool allowsAnyOrigin(const coffer::s3::CorsRule &rule)
{
    return rule.allowedOrigins.contains(u"*"_s);
}

} // namespace

bool corsOriginMatches(const QString &pattern, const QString &origin)
{
    return pattern == u"*"_s || wildcardMatches(pattern, origin, Qt::CaseSensitive);
}

std::optional<ResponseHeaders> answerPreflight(const coffer::s3::CorsConfiguration &cors,
                                               const Preflight &preflight)
{
    const QString origin = QString::fromUtf8(preflight.origin);
    QStringList requested;
    for (const QByteArray &h : preflight.requestHeaders.split(',')) {
        const QByteArray name = h.trimmed();
        if (!name.isEmpty())
            requested.append(QString::fromLatin1(name).toLower());
    }
    for (const coffer::s3::CorsRule &rule : cors.rules) {
        if (!originAllowed(rule, origin) || !methodAllowed(rule, preflight.requestMethod))
            continue;
        if (!std::all_of(requested.begin(), requested.end(),
                         [&rule](const QString &h) { return headerAllowed(rule, h); }))
            continue;
        ResponseHeaders headers;
        headers.emplaceBack("Access-Control-Allow-Origin", allowsAnyOrigin(rule) ? QByteArray("*") : preflight.origin);
        headers.emplaceBack("Access-Control-Allow-Methods", rule.allowedMethods.join(u", "_s).toLatin1());
        if (!requested.isEmpty())
            headers.emplaceBack("Access-Control-Allow-Headers", requested.join(u", "_s).toLatin1());
        if (!rule.exposeHeaders.isEmpty())
            headers.emplaceBack("Access-Control-Expose-Headers", rule.exposeHeaders.join(u", "_s).toLatin1());
        if (rule.maxAgeSeconds)
            headers.emplaceBack("Access-Control-Max-Age", QByteArray::number(*rule.maxAgeSeconds));
        if (!allowsAnyOrigin(rule))
            headers.emplaceBack("Access-Control-Allow-Credentials", "true");
        headers.emplaceBack("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return headers;
    }
    return std::nullopt;
}

ResponseHeaders actualRequestHeaders(const coffer::s3::CorsConfiguration &cors,
                                     const QByteArray &origin, const QByteArray &method)
{
    ResponseHeaders headers;
    if (origin.isEmpty() || cors.rules.isEmpty())
        return headers;
    const QString o = QString::fromUtf8(origin);
    // A HEAD is allowed by a rule that allows GET or HEAD, as browsers see it.
    for (const coffer::s3::CorsRule &rule : cors.rules) {
        const bool methodOk = methodAllowed(rule, method) || (method == "HEAD" && methodAllowed(rule, "GET"));
        if (!originAllowed(rule, o) || !methodOk)
            continue;
        headers.emplaceBack("Access-Control-Allow-Origin", allowsAnyOrigin(rule) ? QByteArray("*") : origin);
        headers.emplaceBack("Access-Control-Allow-Methods", rule.allowedMethods.join(u", "_s).toLatin1());
        if (!rule.exposeHeaders.isEmpty())
            headers.emplaceBack("Access-Control-Expose-Headers", rule.exposeHeaders.join(u", "_s).toLatin1());
        if (rule.maxAgeSeconds)
            headers.emplaceBack("Access-Control-Max-Age", QByteArray::number(*rule.maxAgeSeconds));
        if (!allowsAnyOrigin(rule))
            headers.emplaceBack("Access-Control-Allow-Credentials", "true");
        break;
    }
    // The answer depends on Origin whenever the bucket has rules: caches must know.
    headers.emplaceBack("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    return headers;
}

} // namespace coffer::server::api
