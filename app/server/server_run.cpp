#include "server_run.h"

#include "command_line.h"
#include "key_pair_file.h"
#include "stop_signals.h"

#include "server/api/s3_server.h"
#include "server/cloudflare/api_credentials.h"
#include "server/cloudflare/cloudflare_site.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace coffer::server::app {

namespace {

void printLine(FILE *stream, const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

QString urlHost(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString()) : address.toString();
}

} // namespace

int runServer(const QStringList &arguments, const QString &program)
{
    QCoreApplication *application = QCoreApplication::instance();
    Q_ASSERT(application);
    const ParsedCommand parsed = parseCommandLine(arguments);
    if (!parsed.output.isEmpty()) {
        printLine(stdout, parsed.output);
        return 0;
    }
    if (!parsed.command) {
        printLine(stderr, program + u": "_s + parsed.error);
        return 2;
    }
    const ServerCommand &command = *parsed.command;

    QByteArray accessKey = command.accessKey;
    QByteArray secretKey = command.secretKey;
    std::optional<KeyPair> stored;
    if (accessKey.isEmpty()) {
        QString error;
        stored = loadOrCreateKeyPair(command.dataDirectory, &error);
        if (!stored) {
            printLine(stderr, program + u": "_s + error);
            return 1;
        }
        accessKey = stored->accessKey;
        secretKey = stored->secretKey;
    }

    api::S3ServerOptions options;
    options.dataDirectory = command.dataDirectory;
    options.address = command.address;
    options.port = command.port;
    options.service.mode = command.mode;
    options.service.region = !command.region.isEmpty() ? command.region
                                                       : QByteArray(command.mode == api::ServerMode::R2 ? "auto" : "us-east-1");
    options.service.credentials = {accessKey, secretKey, {}};
    options.service.router.virtualHostBase = command.virtualHostBase;
    options.lifecycleDayMs = command.lifecycleDayMs;

    // R2 mode also serves Cloudflare's side: its REST API and public buckets.
    QString tokenSource = u"from --cloudflare-token"_s;
    if (command.mode == api::ServerMode::R2) {
        cloudflare::CloudflareOptions &cf = options.cloudflare;
        cf.enabled = true;
        cf.apiBasePath = command.cloudflareApiPath;
        cf.apiToken = command.cloudflareToken;
        cf.accountId = command.accountId;
        cf.publicAddress = command.publicAddress;
        cf.publicPort = command.publicPort;
        if (cf.apiToken.isEmpty() || cf.accountId.isEmpty()) {
            QString error;
            const auto credentials = cloudflare::loadOrCreateApiCredentials(command.dataDirectory, &error);
            if (!credentials) {
                printLine(stderr, program + u": "_s + error);
                return 1;
            }
            if (cf.apiToken.isEmpty()) {
                cf.apiToken = credentials->apiToken;
                tokenSource = u"in %1/%2"_s.arg(command.dataDirectory, QLatin1StringView(cloudflare::kApiCredentialsFileName));
            }
            if (cf.accountId.isEmpty())
                cf.accountId = credentials->accountId;
        }
    }

    StopSignals stopSignals;
    api::S3Server server(options);
    if (!server.start()) {
        printLine(stderr, program + u": "_s + server.errorString());
        return 1;
    }
    // The first line on stdout, which scripts and tests wait for.
    printLine(stdout, u"listening on http://%1:%2"_s.arg(urlHost(server.address())).arg(server.port()));
    if (const cloudflare::CloudflareSite *cf = server.cloudflare())
        printLine(stdout, u"public on http://%1:%2"_s.arg(urlHost(cf->publicAddress())).arg(cf->publicPort()));
    if (stored && stored->created)
        printLine(stdout, u"created a key pair in %1/%2 (only you can read it): access key %3, secret key %4"_s
                              .arg(command.dataDirectory, QLatin1StringView(kKeyPairFileName),
                                   QString::fromUtf8(accessKey), QString::fromUtf8(secretKey)));
    else if (stored)
        printLine(stdout, u"access key %1 (secret in %2/%3)"_s.arg(QString::fromUtf8(accessKey), command.dataDirectory,
                                                                   QLatin1StringView(kKeyPairFileName)));
    printLine(stdout, u"mode %1, region %2"_s.arg(command.mode == api::ServerMode::R2 ? u"r2"_s : u"s3"_s,
                                                  QString::fromUtf8(options.service.region)));
    // The token itself is never printed: it is a secret like the secret key.
    if (const cloudflare::CloudflareSite *cf = server.cloudflare())
        printLine(stdout, u"cloudflare api on http://%1:%2%3 for account %4 (token %5)"_s
                              .arg(urlHost(server.address()))
                              .arg(server.port())
                              .arg(QString::fromUtf8(cf->options().apiBasePath), cf->options().accountId, tokenSource));

    // One line per request; the HTTP layer masks presigned signatures in the target.
    QObject::connect(server.http(), &http::HttpServer::exchangeLogged, application,
                     [](const http::ExchangeLog &entry) { printLine(stdout, QString::fromUtf8(entry.toLine())); });
    if (const cloudflare::CloudflareSite *cf = server.cloudflare())
        QObject::connect(cf->publicHttp(), &http::HttpServer::exchangeLogged, application, [](const http::ExchangeLog &entry) {
            printLine(stdout, u"public "_s + QString::fromUtf8(entry.toLine()));
        });
    QObject::connect(&stopSignals, &StopSignals::stopRequested, application, [](int signalNumber) {
        printLine(stdout, u"stopping (signal %1)"_s.arg(signalNumber));
        QCoreApplication::quit();
    });

    const int status = QCoreApplication::exec();
    server.stop();
    printLine(stdout, u"stopped"_s);
    return status;
}

} // namespace coffer::server::app
