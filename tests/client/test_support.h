#pragma once
// Shared by the client tests: a client configured for a fake store, and a way to catch
// a reply's result from a test function.

#include "client/s3_client.h"
#include "fake_network.h"

#include "s3/sigv4/signer.h"

#include <QObject>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace coffer::client::testing {

inline ClientConfig testConfig(s3::Provider provider = s3::Provider::Custom)
{
    ClientConfig config;
    config.endpoint = *s3::parseEndpoint(QStringLiteral("https://s3.example.test"));
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "us-east-1";
    config.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", {}};
    config.provider = provider;
    config.retry.baseDelay = std::chrono::milliseconds(1);
    config.retry.maxBackoff = std::chrono::milliseconds(20);
    config.clock = [] { return QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC); };
    config.random = [] { return 0.5; };
    return config;
}

// Re-signs what was recorded on the wire and compares with the Authorization sent, so
// the path, query and headers that travelled are exactly the ones that were signed.
inline bool signatureMatchesWire(const RecordedRequest &request, const ClientConfig &config)
{
    const QByteArray authorization = request.header("authorization");
    const qsizetype namesAt = authorization.indexOf("SignedHeaders=") + 14;
    const QByteArray names = authorization.mid(namesAt, authorization.indexOf(',', namesAt) - namesAt);
    s3::sigv4::CanonicalInput input;
    input.method = request.method;
    input.encodedPath = request.path;
    for (const auto &[name, value] : request.queryItems())
        input.query.append({name, value});
    for (const QByteArray &name : names.split(';'))
        input.headers.append({name, request.header(name)});
    input.payloadHash = request.header("x-amz-content-sha256");
    const auto added = s3::sigv4::signHeaders(input, config.credentials, config.region, config.clock());
    return added.last().second == authorization;
}

// The result, once the reply has finished (delivered through a context-bound callback).
template <typename T>
std::shared_ptr<std::optional<Result<T>>> capture(S3Reply<T> *reply, QObject *context)
{
    auto slot = std::make_shared<std::optional<Result<T>>>();
    reply->onFinished(context, [slot](const Result<T> &result) { *slot = result; });
    return slot;
}

} // namespace coffer::client::testing
