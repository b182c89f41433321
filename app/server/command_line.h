#pragma once
// coffer-server's command line, parsed into what the server needs, or a sentence saying
// what is wrong with it.

#include "server/api/service.h"
#include "server/cloudflare/cloudflare_options.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::server::app {

struct ServerCommand {
    QString dataDirectory;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 9000;
    QByteArray accessKey;          // both empty: use (or create) the pair stored in the data directory
    QByteArray secretKey;
    api::ServerMode mode = api::ServerMode::R2;
    QByteArray region;             // empty: the mode's default ("auto" or "us-east-1")
    QByteArray virtualHostBase;    // empty: path-style addressing only
    qint64 lifecycleDayMs = 24LL * 3600 * 1000;
    // R2 mode: Cloudflare's REST API under this path of the listener, and public buckets
    // on a second listener. Token and account empty: use (or create) DIR/cloudflare.json.
    QByteArray cloudflareApiPath = server::cloudflare::kDefaultApiBasePath;
    QByteArray cloudflareToken;
    QString accountId;
    QHostAddress publicAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 publicPort = 0;
};

struct ParsedCommand {
    std::optional<ServerCommand> command; // set when the server should run
    QString error;                        // set when the command line is wrong
    QString output;                       // --help / --version text to print, exit 0
};

ParsedCommand parseCommandLine(const QStringList &arguments);

} // namespace coffer::server::app
