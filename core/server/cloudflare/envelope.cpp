#include "envelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

void send(http::Exchange *exchange, int status, const QByteArray &body, bool failure)
{
    if (!exchange || exchange->isAborted() || exchange->response()->isStarted())
        return;
    http::Response *response = exchange->response();
    response->setHeader("cf-ray", exchange->requestId());
    // The official SDKs retry 409 and 5xx unless told not to; a refusal here is final.
    if (failure)
        response->setHeader("x-should-retry", "false");
    response->send(status, body, "application/json");
}

} // namespace

QByteArray successEnvelope(const QJsonValue &result)
{
    const QJsonObject envelope { { u"success"_s, true }, { u"errors"_s, QJsonArray() },
        { u"messages"_s, QJsonArray() }, { u"result"_s, result } };
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

QByteArray errorEnvelope(const CloudflareError &error)
{
    const QJsonObject entry { { u"code"_s, error.code }, { u"message"_s, error.message } };
    const QJsonObject envelope { { u"success"_s, false }, { u"errors"_s, QJsonArray { entry } },
        { u"messages"_s, QJsonArray() }, { u"result"_s, QJsonValue::Null } };
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

void sendSuccess(http::Exchange *exchange, const QJsonValue &result, int status)
{
    send(exchange, status, successEnvelope(result), false);
}

void sendFailure(http::Exchange *exchange, const CloudflareError &error)
{
    send(exchange, error.httpStatus, errorEnvelope(error), true);
}

CloudflareError fromStore(const StoreError &error, const QString &bucket)
{
    if (error.code() == StoreError::Code::NoSuchBucket)
        return { 404, errc::kNoSuchBucket,
            u"The specified bucket does not exist: there is no bucket \"%1\" on this server. "
            "Check the name, or create it first."_s.arg(bucket) };
    return { 500, errc::kInternal, u"The local store failed: %1"_s.arg(error.message()) };
}

} // namespace coffer::server::cloudflare
