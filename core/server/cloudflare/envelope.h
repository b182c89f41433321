#pragma once
// Cloudflare's response envelope, {"success","errors":[{"code","message"}],"messages",
// "result"}, and the error numbers the R2 API answers with. Every answer of the emulated
// API, success or refusal, is one of these with Content-Type application/json.

#include "server/http/exchange.h"
#include "server/store/store_error.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace coffer::server::cloudflare {

// Cloudflare's numbers where they are known (7000, 9106, 10000, 10006 are what the API
// gateway and R2 answer); the rest are this server's own, in R2's range, and marked so.
namespace errc {
inline constexpr int kNoRoute = 7000; // "No route for that URI"
inline constexpr int kMissingCredentials = 9106; // no Authorization header
inline constexpr int kAuthentication = 10000; // "Authentication error"
inline constexpr int kInternal = 10001;
inline constexpr int kNoSuchBucket = 10006; // "The specified bucket does not exist."
inline constexpr int kInvalidRequest = 10040; // ours: malformed JSON or configuration
inline constexpr int kNoCorsConfiguration = 10059; // ours: GET cors on a bucket without
inline constexpr int kNoSuchDomain = 10092; // ours: no such custom domain on the bucket
inline constexpr int kDomainInUse = 10093; // ours: the domain serves another bucket
inline constexpr int kMethodNotAllowed = 10405; // ours: known path, other method
} // namespace errc

struct CloudflareError {
    int httpStatus = 400;
    int code = errc::kInvalidRequest;
    QString message; // what happened and what to do
};

QByteArray successEnvelope(const QJsonValue &result);
QByteArray errorEnvelope(const CloudflareError &error);

// Answers the exchange (unless the client is gone or an answer already started).
void sendSuccess(http::Exchange *exchange, const QJsonValue &result, int status = 200);
void sendFailure(http::Exchange *exchange, const CloudflareError &error);

// A store failure as the API reports it: a missing bucket is R2's 10006, the rest 500.
CloudflareError fromStore(const StoreError &error, const QString &bucket);

} // namespace coffer::server::cloudflare
