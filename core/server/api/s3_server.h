#pragma once
// The embedded S3 server as one object: opens the store in a data directory, serves the
// S3 API over the HTTP layer's worker threads and runs the lifecycle scheduler. What the
// coffer-server executable and the GUI's "Start local server" both create.

#include "service.h"

#include "server/cloudflare/cloudflare_options.h"
#include "server/http/httpserver.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

namespace coffer::server {
class ObjectStore;
}

namespace coffer::server::cloudflare {
class CloudflareSite;
}

namespace coffer::server::api {

class LifecycleScheduler;

struct S3ServerOptions {
    QString dataDirectory;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; // 0: a free port
    ServiceConfig service;
    qint64 lifecycleDayMs = 24LL * 3600 * 1000;
    int workerThreads = 0; // 0: the HTTP layer's default
    // R2 mode only: Cloudflare's REST API for R2 on this listener, and public buckets on a
    // second one (cloudflare/cloudflare_options.h).
    cloudflare::CloudflareOptions cloudflare;
};

class S3Server : public QObject
{
    Q_OBJECT
public:
    explicit S3Server(S3ServerOptions options, QObject *parent = nullptr);
    ~S3Server() override;

    // Opens the store and listens; false with errorString() (what failed, what to do).
    bool start();
    void stop();
    QString errorString() const { return m_error; }

    QHostAddress address() const;
    quint16 port() const;
    ObjectStore *store() const { return m_store.get(); }
    http::HttpServer *http() const { return m_http.get(); }
    LifecycleScheduler *lifecycle() const { return m_lifecycle; }
    // The emulated Cloudflare side (API base path, public listener, domains); null unless
    // options.cloudflare.enabled.
    cloudflare::CloudflareSite *cloudflare() const { return m_cloudflare.get(); }

private:
    QString cloudflareProblem() const;

    S3ServerOptions m_options;
    std::unique_ptr<ObjectStore> m_store;
    std::unique_ptr<Service> m_service;
    std::unique_ptr<cloudflare::CloudflareSite> m_cloudflare; // outlives m_http, whose handlers use it
    std::unique_ptr<http::HttpServer> m_http;
    LifecycleScheduler *m_lifecycle = nullptr;
    QString m_error;
};

} // namespace coffer::server::api
