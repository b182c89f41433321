#pragma once
// The Cloudflare REST API calls for R2 bucket settings that the S3 API cannot make:
// CORS and lifecycle in Cloudflare's JSON, the r2.dev managed domain and custom domains.
// Asynchronous like S3Client: every call returns an R2Reply at once.
//
//   api.setManagedDomain({u"photos"_s}, true)
//       ->onFinished(this, [](const R2Result<ManagedDomain> &r) { ... });

#include "bucket_config/r2_api_reply.h"
#include "bucket_config/r2_api_types.h"
#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QJsonObject;

namespace coffer::bucket_config {

class R2ApiClient : public QObject
{
    Q_OBJECT
public:
    // network is not owned and must outlive the client.
    R2ApiClient(R2ApiConfig config, QNetworkAccessManager *network, QObject *parent = nullptr);

    const R2ApiConfig &config() const { return m_config; }

    // GET on a bucket without CORS rules answers Cloudflare's "does not exist" error (404).
    R2Reply<s3::CorsConfiguration> *getCors(const R2Bucket &bucket);
    R2Reply<R2Done> *putCors(const R2Bucket &bucket, const s3::CorsConfiguration &configuration);
    R2Reply<R2Done> *deleteCors(const R2Bucket &bucket);

    R2Reply<s3::LifecycleConfiguration> *getLifecycle(const R2Bucket &bucket);
    // Refused before sending (InvalidInput) when a rule uses what the Cloudflare form
    // cannot hold (tags, size filters, noncurrent versions, other storage classes).
    R2Reply<R2Done> *putLifecycle(const R2Bucket &bucket, const s3::LifecycleConfiguration &configuration);

    R2Reply<ManagedDomain> *getManagedDomain(const R2Bucket &bucket);
    R2Reply<ManagedDomain> *setManagedDomain(const R2Bucket &bucket, bool enabled);

    R2Reply<QList<CustomDomain>> *listCustomDomains(const R2Bucket &bucket);
    // domain.domain and domain.zoneId are required; enabled and minTls are sent as given.
    R2Reply<CustomDomain> *addCustomDomain(const R2Bucket &bucket, const CustomDomain &domain);
    R2Reply<R2Done> *deleteCustomDomain(const R2Bucket &bucket, const QString &domain);

private:
    // Sends one request and hands the envelope's "result" to onResult, which either
    // finishes call itself or returns an error detail (Response) for a result it cannot read.
    using ResultReader = std::function<std::optional<QString>(const QJsonValue &result)>;
    void send(R2Call *call, const QByteArray &method, const R2Bucket &bucket, const QString &path,
              const std::optional<QJsonObject> &body, ResultReader onResult);
    void failEarly(R2Call *call, const QString &detail);

    R2ApiConfig m_config;
    QPointer<QNetworkAccessManager> m_network;
};

} // namespace coffer::bucket_config
