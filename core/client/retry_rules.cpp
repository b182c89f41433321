#include "retry_rules.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace coffer::client {

using namespace std::chrono;

milliseconds backoffDelay(const RetryPolicy &policy, int retry, double random01)
{
    const double clamped = std::clamp(random01, 0.0, 1.0);
    // 2^(retry-1) grows past any cap quickly; stop doubling once over it.
    double ceiling = double(policy.baseDelay.count());
    for (int i = 1; i < retry && ceiling < double(policy.maxBackoff.count()); ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, double(policy.maxBackoff.count()));
    return milliseconds(qint64(std::floor(clamped * ceiling)));
}

bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

std::optional<QDateTime> parseHttpDate(QByteArrayView value)
{
    // "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 1123). English names whatever the locale.
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(u" GMT"))
        text.chop(4);
    const QLocale c = QLocale::c();
    QDateTime parsed = c.toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!parsed.isValid())
        return std::nullopt;
    parsed.setTimeZone(QTimeZone::UTC);
    return parsed;
}

std::optional<milliseconds> clockSkewCorrection(const HttpResponse &response,
                                                const s3::S3Error &error,
                                                const QDateTime &localNow)
{
    const auto serverDate = parseHttpDate(response.header("date"));
    if (!serverDate)
        return std::nullopt;
    const milliseconds skew(localNow.msecsTo(*serverDate));
    const bool saysSkewed = error.code == u"RequestTimeTooSkewed";
    const bool forbiddenAndFar = response.status == 403 && abs(skew) > kMaxClockSkew;
    if (!saysSkewed && !forbiddenAndFar)
        return std::nullopt;
    return skew;
}

} // namespace coffer::client
