#pragma once
// What every request of one running server shares: the store, the key pair, the mode
// (R2 or S3 behaviour), the region and the router's addressing. Read-only once the server
// runs, so worker threads use it without locks (the store is thread-safe itself).

#include "authenticator.h"
#include "router.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>

namespace coffer::server {
class ObjectStore;
}

namespace coffer::server::api {

enum class ServerMode {
    R2, // behaves like Cloudflare R2: 501 for ACL/versioning/tagging/policy, equal parts, region auto
    S3, // behaves like Amazon S3: bucket policy and PublicAccessBlock, region as configured
};

struct ServiceConfig {
    ServerMode mode = ServerMode::R2;
    QByteArray region = "auto"; // S3 mode: e.g. "us-east-1"
    coffer::s3::sigv4::Credentials credentials;
    RouterConfig router;
    // The clock authentication checks skew and expiry against; tests move it.
    std::function<QDateTime()> clock;
};

class Service
{
public:
    Service(ServiceConfig config, ObjectStore &store);

    const ServiceConfig &config() const { return m_config; }
    ObjectStore &store() const { return m_store; }
    ServerMode mode() const { return m_config.mode; }
    bool isR2() const { return m_config.mode == ServerMode::R2; }
    const AuthConfig &auth() const { return m_auth; }
    QDateTime now() const;
    // The region a bucket reports (GetBucketLocation, x-amz-bucket-region).
    QByteArray region() const { return m_config.region; }

private:
    ServiceConfig m_config;
    ObjectStore &m_store;
    AuthConfig m_auth;
};

} // namespace coffer::server::api
