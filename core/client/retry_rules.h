#pragma once
// When an attempt is worth repeating, how long to wait first, and how far the server's
// clock is from ours. Pure functions, so the rules are testable without a network.

#include "client_config.h"
#include "http_response.h"

#include "s3/error/s3error.h"

#include <QDateTime>
#include <QNetworkReply>

#include <chrono>
#include <optional>

namespace coffer::client {

// The wait before retry number `retry` (1 = the wait after the first failed attempt):
// random01 * min(base * 2^(retry-1), cap), random01 in [0, 1) (full jitter).
std::chrono::milliseconds backoffDelay(const RetryPolicy &policy, int retry, double random01);

// Transport failures that a fresh connection may cure (dropped, reset, timed out).
bool isTransientNetworkError(QNetworkReply::NetworkError error);

// The RFC 1123 Date header of a response, or std::nullopt.
std::optional<QDateTime> parseHttpDate(QByteArrayView value);

// How far the server's clock runs ahead of ours (server - local), when a response says
// our signature time was refused for skew: RequestTimeTooSkewed, or a 403 whose Date is
// more than 15 minutes from `localNow`. std::nullopt when the response is not a skew
// refusal or carries no usable Date.
std::optional<std::chrono::milliseconds> clockSkewCorrection(const HttpResponse &response,
                                                             const s3::S3Error &error,
                                                             const QDateTime &localNow);

inline constexpr std::chrono::minutes kMaxClockSkew{15};

} // namespace coffer::client
