#include "s3_server.h"

#include "http_refusal.h"

#include "lifecycle_scheduler.h"
#include "s3_request_handler.h"

#include "server/cloudflare/cloudflare_site.h"
#include "server/store/object_store.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

S3Server::S3Server(S3ServerOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

S3Server::~S3Server()
{
    stop();
}

bool S3Server::start()
{
    StoreOptions storeOptions;
    storeOptions.directory = m_options.dataDirectory;
    storeOptions.requireEqualParts = m_options.service.mode == ServerMode::R2;
    auto opened = ObjectStore::open(storeOptions);
    if (!opened.ok()) {
        m_error = u"Cannot open the data directory %1: %2"_s.arg(m_options.dataDirectory, opened.error().message());
        return false;
    }
    m_store = std::move(opened.value());
    m_service = std::make_unique<Service>(m_options.service, *m_store);

    http::ServerConfig config;
    config.address = m_options.address;
    config.port = m_options.port;
    config.workerThreads = m_options.workerThreads;
    config.refusal = s3Refusal;
    http::HandlerFactory handlers = s3HandlerFactory(*m_service);
    if (m_options.cloudflare.enabled) {
        if (const QString problem = cloudflareProblem(); !problem.isEmpty()) {
            m_error = problem;
            return false;
        }
        m_cloudflare = std::make_unique<cloudflare::CloudflareSite>(m_options.cloudflare, *m_service);
        handlers = m_cloudflare->frontDoor(std::move(handlers));
    }
    m_http = std::make_unique<http::HttpServer>(config, std::move(handlers));
    if (!m_http->listen()) {
        m_error = m_http->errorString();
        return false;
    }
    if (m_cloudflare && !m_cloudflare->listenPublic(1)) {
        m_error = m_cloudflare->errorString();
        m_http->stop();
        return false;
    }
    m_lifecycle = new LifecycleScheduler(*m_service, m_options.lifecycleDayMs, this);
    m_lifecycle->start();
    return true;
}

void S3Server::stop()
{
    if (m_lifecycle)
        m_lifecycle->stop();
    if (m_http)
        m_http->stop();
    if (m_cloudflare)
        m_cloudflare->stop();
}

QString S3Server::cloudflareProblem() const
{
    const cloudflare::CloudflareOptions &options = m_options.cloudflare;
    if (m_options.service.mode != ServerMode::R2)
        return u"The Cloudflare API is part of R2 mode; start the server with --mode r2 to use it."_s;
    if (options.apiToken.isEmpty())
        return u"The Cloudflare API needs an API token (--cloudflare-token)."_s;
    if (options.accountId.isEmpty())
        return u"The Cloudflare API needs an account id (--account-id)."_s;
    if (!options.apiBasePath.startsWith('/') || options.apiBasePath.endsWith('/'))
        return u"The Cloudflare API base path must start with \"/\" and not end with one, e.g. /cf/client/v4."_s;
    return {};
}

QHostAddress S3Server::address() const
{
    return m_http ? m_http->address() : QHostAddress();
}

quint16 S3Server::port() const
{
    return m_http ? m_http->port() : 0;
}

} // namespace coffer::server::api
