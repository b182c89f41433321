#pragma once
// The embedded server in R2 mode with Cloudflare's REST API switched on (the server
// tests' fixture), an S3 client and an R2 REST client on it, and a way to wait for
// either kind of reply without sleeping.

#include "../server/cloudflare/cloudflare_server.h"

#include "bucket_config/r2_api_client.h"
#include "client/s3_client.h"

#include <QNetworkAccessManager>
#include <QTest>

#include <memory>
#include <optional>

namespace coffer::bucket_config::test {

using server::cloudflare::test::CloudflareServer;

inline client::ClientConfig s3Config(quint16 port)
{
    client::ClientConfig config;
    config.endpoint = *s3::parseEndpoint(QStringLiteral("http://127.0.0.1:%1").arg(port));
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "auto";
    config.credentials = server::api::test::kKeys;
    config.retry.baseDelay = std::chrono::milliseconds(10);
    config.retry.maxBackoff = std::chrono::milliseconds(50);
    return config;
}

inline R2ApiConfig apiConfig(quint16 port, const QString &token = QString::fromLatin1(server::cloudflare::test::kToken))
{
    R2ApiConfig config;
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)
                          + QString::fromLatin1(server::cloudflare::test::kBasePath));
    config.accountId = server::cloudflare::test::kAccount;
    config.apiToken = token;
    config.timeoutMs = 20000;
    return config;
}

// Waits (event loop running) for an S3 reply or an R2 reply and returns its result.
template <typename Reply>
auto waitFor(Reply *reply, QObject *context, int timeoutMs = 30000)
{
    using ResultType = std::decay_t<decltype(reply->result())>;
    auto slot = std::make_shared<std::optional<ResultType>>();
    reply->onFinished(context, [slot](const ResultType &result) { *slot = result; });
    // On a timeout the slot stays empty, and the caller's check of it fails.
    if (!QTest::qWaitFor([slot] { return slot->has_value(); }, timeoutMs))
        qWarning("reply not finished after %d ms", timeoutMs);
    return *slot;
}

} // namespace coffer::bucket_config::test
