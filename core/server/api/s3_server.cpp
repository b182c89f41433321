#include "s3_server.h"

#include "http_refusal.h"

#include "lifecycle_scheduler.h"
#include "s3_request_handler.h"

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
    m_http = std::make_unique<http::HttpServer>(config, s3HandlerFactory(*m_service));
    if (!m_http->listen()) {
        m_error = m_http->errorString();
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
