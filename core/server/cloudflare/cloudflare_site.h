#pragma once
// Cloudflare's side of R2 for one running server: the options, the S3 service whose store
// it shares, the front door that sends API calls under the base path to the emulated
// REST API (everything else to S3), and the public listener that serves buckets on their
// r2.dev managed domain or their custom domains.

#include "cloudflare_options.h"

#include "server/http/httpserver.h"

#include <QString>

#include <memory>

namespace coffer::server::api {
class Service;
}

namespace coffer::server::cloudflare {

class CloudflareSite
{
public:
    CloudflareSite(CloudflareOptions options, const api::Service &service);
    ~CloudflareSite();

    const CloudflareOptions &options() const { return m_options; }
    const api::Service &service() const { return m_service; }

    // What the S3 listener runs: this site's API under the base path, s3 for the rest.
    http::HandlerFactory frontDoor(http::HandlerFactory s3) const;

    // Starts the public listener; false with errorString() when it cannot listen.
    bool listenPublic(int workerThreads);
    void stop();
    QString errorString() const { return m_error; }
    QHostAddress publicAddress() const;
    quint16 publicPort() const;
    http::HttpServer *publicHttp() const { return m_public.get(); }

    QString managedDomain(const QString &bucket) const;
    // Where a loopback client reaches a bucket's r2.dev domain without setting Host:
    // "http://HOST:PORT/<managed domain>" (objects below it).
    QString publicUrl(const QString &bucket) const;

private:
    CloudflareOptions m_options;
    const api::Service &m_service;
    std::unique_ptr<http::HttpServer> m_public;
    QString m_error;
};

} // namespace coffer::server::cloudflare
