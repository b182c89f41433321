#pragma once
// How an S3Client reaches one store: where, as whom, and how patiently.

#include "s3/endpoint/endpoint.h"
#include "s3/endpoint/provider.h"
#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <functional>

namespace coffer::client {

// AWS "standard" retry mode: at most 3 attempts, delay = random[0,1) * min(base * 2^n, cap)
// (exponential backoff with full jitter; base 1 s and cap 20 s as the SDK reference gives).
struct RetryPolicy {
    int maxAttempts = 3;
    std::chrono::milliseconds baseDelay{1000};
    std::chrono::milliseconds maxBackoff{20000};
};

struct ClientConfig {
    s3::Endpoint endpoint;
    s3::AddressingStyle addressing = s3::AddressingStyle::PathStyle;
    QByteArray region = "us-east-1";
    s3::sigv4::Credentials credentials;
    s3::Provider provider = s3::Provider::Custom;
    QByteArray userAgent = "Coffer/" COFFER_VERSION;
    // No byte moved for this long ends the attempt with a Timeout (QNetworkRequest's
    // transfer timeout: an inactivity limit, so large transfers are not cut short).
    std::chrono::milliseconds transferTimeout{60000};
    // HTTP/1.1 connections opened to one host at once. Qt's default is 6, which would
    // cap the transfer engine's parallel parts whatever its window says.
    int connectionsPerHost = 16;
    RetryPolicy retry;
    // The wall clock (UTC) and the jitter source, injectable for tests.
    std::function<QDateTime()> clock;  // default: QDateTime::currentDateTimeUtc
    std::function<double()> random;    // default: QRandomGenerator, in [0, 1)
};

} // namespace coffer::client
