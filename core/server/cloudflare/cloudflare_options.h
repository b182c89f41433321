#pragma once
// How the embedded server emulates Cloudflare's side of R2 (R2 mode only): the REST API
// under a base path on the S3 listener, and a second listener that serves public buckets.

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace coffer::server::cloudflare {

// A base path no S3 request can mean: bucket names have at least three characters, so
// "/cf/..." is never a path-style bucket.
inline constexpr char kDefaultApiBasePath[] = "/cf/client/v4";

struct CloudflareOptions {
    bool enabled = false;
    QByteArray apiBasePath = kDefaultApiBasePath; // starts with '/', no trailing '/'
    QByteArray apiToken; // the bearer token every API call must carry; never logged
    QString accountId; // the one account this server answers for
    QHostAddress publicAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 publicPort = 0; // 0: a free port
};

} // namespace coffer::server::cloudflare
