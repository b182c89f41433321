#include "s3_client.h"

#include "call_runner.h"
#include "client_clock.h"

#include "s3/endpoint/names.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>

namespace coffer::client {

S3Client::S3Client(ClientConfig config, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(network)
    , m_clock(std::make_shared<ClientClock>(m_config.clock))
{
    if (!m_config.random)
        m_config.random = [] { return QRandomGenerator::global()->generateDouble(); };
}

S3Client::~S3Client() = default;

QNetworkAccessManager *S3Client::network() const
{
    return m_network;
}

std::chrono::milliseconds S3Client::clockOffset() const
{
    return m_clock->offset();
}

std::optional<s3::S3Error> CallRunner::checkBucket(const QString &bucket) const
{
    if (const auto problem = s3::validateBucketName(bucket, config().provider))
        return s3::S3Error::invalidInput(problem->message).withBucket(bucket);
    return std::nullopt;
}

std::optional<s3::S3Error> CallRunner::checkKeyName(const QString &bucket, const QString &key) const
{
    if (const auto problem = s3::validateObjectKey(key))
        return s3::S3Error::invalidInput(problem->message).withBucket(bucket).withKey(key);
    return std::nullopt;
}

std::optional<s3::S3Error> CallRunner::checkKey(const QString &bucket, const QString &key) const
{
    if (auto e = checkKeyName(bucket, key))
        return e;
    // Qt's HTTP stack resolves "." and ".." path segments on the request line (even when
    // percent-encoded), so such a key would reach a different object than the one named.
    const QStringList segments = key.split(u'/');
    for (const QString &segment : segments) {
        if (segment == u"." || segment == u"..") {
            return s3::S3Error::invalidInput(
                       QStringLiteral("Keys with a \".\" or \"..\" path segment cannot be sent by Coffer's "
                                      "network layer, which would address a different object: use another tool "
                                      "to rename this object."))
                .withBucket(bucket)
                .withKey(key);
        }
    }
    return std::nullopt;
}

WireRequest CallRunner::request(const QByteArray &method, const QString &bucket, const QString &key) const
{
    const s3::RequestTarget target = s3::requestTarget(config().endpoint, config().addressing, bucket, key);
    WireRequest wire;
    wire.method = method;
    wire.host = target.host;
    wire.encodedPath = target.encodedPath;
    wire.bucket = bucket;
    wire.key = key;
    return wire;
}

Exchange *CallRunner::exchange(WireRequest wire) const
{
    ExchangeEnvironment env;
    env.network = m_client->m_network;
    env.scheme = config().endpoint.scheme.toLatin1();
    env.credentials = config().credentials;
    env.region = config().region;
    env.userAgent = config().userAgent;
    env.transferTimeout = config().transferTimeout;
    env.connectionsPerHost = config().connectionsPerHost;
    env.retry = config().retry;
    env.clock = m_client->m_clock;
    env.random = config().random;
    auto *ex = new Exchange(std::move(env), std::move(wire));
    QObject::connect(ex, &Exchange::activity, m_client, &S3Client::activity);
    return ex;
}

} // namespace coffer::client
