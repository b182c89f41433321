#include "bucket_config/r2_api_client.h"

#include "s3/json/cloudflare_json.h"
#include "lcBucketConfig.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::bucket_config::R2Api", text);
}

QByteArray segment(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

// The envelope {"success", "errors":[{"code","message"}], "messages", "result"}.
R2ApiError envelopeError(int status, const QJsonDocument &document, bool parsed)
{
    R2ApiError error;
    error.httpStatus = status;
    const QJsonObject envelope = document.object();
    const bool isEnvelope = parsed && document.isObject() && envelope.value("success"_L1).isBool();
    if (!isEnvelope) {
        if (status >= 400) {
            error.kind = R2ApiError::Kind::Http;
        } else {
            error.kind = R2ApiError::Kind::Response;
            error.detail = tr("the body is not Cloudflare’s {\"success\": …, \"result\": …} envelope");
        }
        return error;
    }
    for (const QJsonValue &e : envelope.value("errors"_L1).toArray()) {
        const QJsonObject o = e.toObject();
        error.errors.append({o.value("code"_L1).toInt(), o.value("message"_L1).toString()});
    }
    if (!envelope.value("success"_L1).toBool() || status >= 400)
        error.kind = R2ApiError::Kind::Api;
    return error;
}

std::optional<CustomDomain> readCustomDomain(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    if (!o.value("domain"_L1).isString())
        return std::nullopt;
    CustomDomain d;
    d.domain = o.value("domain"_L1).toString();
    d.enabled = o.value("enabled"_L1).toBool();
    d.zoneId = o.value("zoneId"_L1).toString();
    d.zoneName = o.value("zoneName"_L1).toString();
    d.minTls = o.value("minTLS"_L1).toString();
    const QJsonObject status = o.value("status"_L1).toObject();
    d.ownershipStatus = status.value("ownership"_L1).toString();
    d.sslStatus = status.value("ssl"_L1).toString();
    return d;
}

std::optional<ManagedDomain> readManagedDomain(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value("enabled"_L1).isBool())
        return std::nullopt;
    return ManagedDomain{o.value("enabled"_L1).toBool(), o.value("domain"_L1).toString(),
                         o.value("bucketId"_L1).toString()};
}

template <typename T>
R2Reply<T> *as(R2Call *call)
{
    return static_cast<R2Reply<T> *>(call);
}

} // namespace

R2ApiClient::R2ApiClient(R2ApiConfig config, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_network(network)
{
}

void R2ApiClient::failEarly(R2Call *call, const QString &detail)
{
    R2ApiError error;
    error.kind = R2ApiError::Kind::InvalidInput;
    error.detail = detail;
    // Finish on the next turn of the event loop, so onFinished() can still be attached.
    QTimer::singleShot(0, call, [call, error] { call->finishWithError(error); });
}

void R2ApiClient::send(R2Call *call, const QByteArray &method, const R2Bucket &bucket, const QString &path,
                       const std::optional<QJsonObject> &body, ResultReader onResult)
{
    QUrl url = m_config.baseUrl;
    QString base = url.path(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    const QString full = base + u"/accounts/"_s + QString::fromLatin1(segment(m_config.accountId))
        + u"/r2/buckets/"_s + QString::fromLatin1(segment(bucket.name)) + path;
    url.setPath(full, QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setTransferTimeout(m_config.timeoutMs);
    request.setRawHeader("Authorization", "Bearer " + m_config.apiToken.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (bucket.jurisdiction != s3::R2Jurisdiction::Default)
        request.setRawHeader("cf-r2-jurisdiction", s3::r2JurisdictionName(bucket.jurisdiction));
    QByteArray payload;
    if (body) {
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    }
    // The method and URL only: the token travels in a header that is never logged.
    qCDebug(lcBucketConfig) << method << url.toDisplayString();

    if (!m_network) {
        R2ApiError error;
        error.kind = R2ApiError::Kind::Network;
        error.detail = tr("the network access manager is gone");
        QTimer::singleShot(0, call, [call, error] { call->finishWithError(error); });
        return;
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    call->attach(reply);
    connect(reply, &QNetworkReply::finished, call, [call, reply, onResult = std::move(onResult)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            R2ApiError error;
            error.kind = R2ApiError::Kind::Network;
            error.detail = reply->errorString();
            call->finishWithError(error);
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
        const R2ApiError error = envelopeError(status, document, parseError.error == QJsonParseError::NoError);
        if (error.isError()) {
            qCInfo(lcBucketConfig) << "Cloudflare API error" << status << error.userMessage();
            call->finishWithError(error);
            return;
        }
        if (const auto problem = onResult(document.object().value("result"_L1))) {
            R2ApiError bad;
            bad.kind = R2ApiError::Kind::Response;
            bad.httpStatus = status;
            bad.detail = *problem;
            call->finishWithError(bad);
        }
    });
}

R2Reply<s3::CorsConfiguration> *R2ApiClient::getCors(const R2Bucket &bucket)
{
    auto *call = new R2Reply<s3::CorsConfiguration>(this);
    send(call, "GET", bucket, u"/cors"_s, std::nullopt, [call](const QJsonValue &result) -> std::optional<QString> {
        auto cors = s3::json::corsFromCloudflare(result.toObject());
        if (!cors.ok())
            return cors.error.message;
        call->succeed(std::move(*cors.value));
        return std::nullopt;
    });
    return call;
}

R2Reply<R2Done> *R2ApiClient::putCors(const R2Bucket &bucket, const s3::CorsConfiguration &configuration)
{
    auto *call = new R2Reply<R2Done>(this);
    send(call, "PUT", bucket, u"/cors"_s, s3::json::corsToCloudflare(configuration),
         [call](const QJsonValue &) -> std::optional<QString> {
             call->succeed({});
             return std::nullopt;
         });
    return call;
}

R2Reply<R2Done> *R2ApiClient::deleteCors(const R2Bucket &bucket)
{
    auto *call = new R2Reply<R2Done>(this);
    send(call, "DELETE", bucket, u"/cors"_s, std::nullopt, [call](const QJsonValue &) -> std::optional<QString> {
        call->succeed({});
        return std::nullopt;
    });
    return call;
}

R2Reply<s3::LifecycleConfiguration> *R2ApiClient::getLifecycle(const R2Bucket &bucket)
{
    auto *call = new R2Reply<s3::LifecycleConfiguration>(this);
    send(call, "GET", bucket, u"/lifecycle"_s, std::nullopt,
         [call](const QJsonValue &result) -> std::optional<QString> {
             auto lifecycle = s3::json::lifecycleFromCloudflare(result.toObject());
             if (!lifecycle.ok())
                 return lifecycle.error.message;
             call->succeed(std::move(*lifecycle.value));
             return std::nullopt;
         });
    return call;
}

R2Reply<R2Done> *R2ApiClient::putLifecycle(const R2Bucket &bucket, const s3::LifecycleConfiguration &configuration)
{
    auto *call = new R2Reply<R2Done>(this);
    auto body = s3::json::lifecycleToCloudflareChecked(configuration);
    if (!body.ok()) {
        failEarly(call, body.error.message);
        return call;
    }
    send(call, "PUT", bucket, u"/lifecycle"_s, *body.value, [call](const QJsonValue &) -> std::optional<QString> {
        call->succeed({});
        return std::nullopt;
    });
    return call;
}

R2Reply<ManagedDomain> *R2ApiClient::getManagedDomain(const R2Bucket &bucket)
{
    auto *call = new R2Reply<ManagedDomain>(this);
    send(call, "GET", bucket, u"/domains/managed"_s, std::nullopt,
         [call](const QJsonValue &result) -> std::optional<QString> {
             auto domain = readManagedDomain(result);
             if (!domain)
                 return tr("the managed domain has no “enabled” flag");
             call->succeed(*domain);
             return std::nullopt;
         });
    return call;
}

R2Reply<ManagedDomain> *R2ApiClient::setManagedDomain(const R2Bucket &bucket, bool enabled)
{
    auto *call = new R2Reply<ManagedDomain>(this);
    send(call, "PUT", bucket, u"/domains/managed"_s, QJsonObject{{u"enabled"_s, enabled}},
         [call](const QJsonValue &result) -> std::optional<QString> {
             auto domain = readManagedDomain(result);
             if (!domain)
                 return tr("the managed domain has no “enabled” flag");
             call->succeed(*domain);
             return std::nullopt;
         });
    return call;
}

R2Reply<QList<CustomDomain>> *R2ApiClient::listCustomDomains(const R2Bucket &bucket)
{
    auto *call = new R2Reply<QList<CustomDomain>>(this);
    send(call, "GET", bucket, u"/domains/custom"_s, std::nullopt,
         [call](const QJsonValue &result) -> std::optional<QString> {
             QList<CustomDomain> domains;
             for (const QJsonValue &v : result.toObject().value("domains"_L1).toArray()) {
                 auto domain = readCustomDomain(v);
                 if (!domain)
                     return tr("a custom domain in the list has no “domain” name");
                 domains.append(*domain);
             }
             call->succeed(std::move(domains));
             return std::nullopt;
         });
    return call;
}

R2Reply<CustomDomain> *R2ApiClient::addCustomDomain(const R2Bucket &bucket, const CustomDomain &domain)
{
    auto *call = new R2Reply<CustomDomain>(this);
    if (domain.domain.isEmpty() || domain.zoneId.isEmpty()) {
        failEarly(call, tr("A custom domain needs a domain name and the ID of the Cloudflare zone it belongs "
                           "to; enter both."));
        return call;
    }
    QJsonObject body{{u"domain"_s, domain.domain}, {u"zoneId"_s, domain.zoneId}, {u"enabled"_s, domain.enabled}};
    if (!domain.minTls.isEmpty())
        body[u"minTLS"_s] = domain.minTls;
    send(call, "POST", bucket, u"/domains/custom"_s, body,
         [call, domain](const QJsonValue &result) -> std::optional<QString> {
             // The answer holds what was set; fill in what it leaves out from the request.
             CustomDomain added = readCustomDomain(result).value_or(domain);
             if (added.zoneId.isEmpty())
                 added.zoneId = domain.zoneId;
             call->succeed(added);
             return std::nullopt;
         });
    return call;
}

R2Reply<R2Done> *R2ApiClient::deleteCustomDomain(const R2Bucket &bucket, const QString &domain)
{
    auto *call = new R2Reply<R2Done>(this);
    if (domain.isEmpty()) {
        failEarly(call, tr("Choose the custom domain to remove."));
        return call;
    }
    send(call, "DELETE", bucket, u"/domains/custom/"_s + QString::fromLatin1(segment(domain)), std::nullopt,
         [call](const QJsonValue &) -> std::optional<QString> {
             call->succeed({});
             return std::nullopt;
         });
    return call;
}

} // namespace coffer::bucket_config
