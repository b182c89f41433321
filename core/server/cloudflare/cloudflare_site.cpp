#include "cloudflare_site.h"

#include "bucket_domains.h"
#include "front_door.h"
#include "public_handler.h"

#include "server/api/http_refusal.h"

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

CloudflareSite::CloudflareSite(CloudflareOptions options, const api::Service &service)
    : m_options(std::move(options))
    , m_service(service)
{ }

CloudflareSite::~CloudflareSite()
{
    stop();
}

http::HandlerFactory CloudflareSite::frontDoor(http::HandlerFactory s3) const
{
    return frontDoorFactory(*this, std::move(s3));
}

bool CloudflareSite::listenPublic(int workerThreads)
{
    http::ServerConfig config;
    config.address = m_options.publicAddress;
    config.port = m_options.publicPort;
    config.workerThreads = workerThreads;
    config.refusal = api::s3Refusal;
    m_public = std::make_unique<http::HttpServer>(config, publicHandlerFactory(*this));
    if (!m_public->listen()) {
        m_error = u"Cannot listen for public buckets: %1"_s.arg(m_public->errorString());
        return false;
    }
    return true;
}

void CloudflareSite::stop()
{
    if (m_public)
        m_public->stop();
}

QHostAddress CloudflareSite::publicAddress() const
{
    return m_public ? m_public->address() : QHostAddress();
}

quint16 CloudflareSite::publicPort() const
{
    return m_public ? m_public->port() : 0;
}

QString CloudflareSite::managedDomain(const QString &bucket) const
{
    return managedDomainFor(m_options.accountId, bucket);
}

QString CloudflareSite::publicUrl(const QString &bucket) const
{
    const QHostAddress address = publicAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    return u"http://%1:%2/%3"_s.arg(host).arg(publicPort()).arg(managedDomain(bucket));
}

} // namespace coffer::server::cloudflare
