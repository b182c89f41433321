#include "command_line.h"

#include "server/http/listenaddress.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace coffer::server::app {

ParsedCommand parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A local S3-compatible server for Coffer: keeps buckets and objects "
                                     "in a data directory and serves them to any S3 client."_s);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Show the version."_s);
    const QCommandLineOption data(u"data"_s, u"Directory holding the objects and the index (created if missing)."_s, u"DIR"_s);
    const QCommandLineOption listen(u"listen"_s, u"Address and port to listen on; port 0 picks a free one."_s,
                                    u"HOST:PORT"_s, u"127.0.0.1:9000"_s);
    const QCommandLineOption accessKey(u"access-key"_s, u"Access key id clients sign with."_s, u"AK"_s);
    const QCommandLineOption secretKey(u"secret-key"_s, u"Secret access key clients sign with."_s, u"SK"_s);
    const QCommandLineOption mode(u"mode"_s, u"Behave like Cloudflare R2 (r2) or Amazon S3 (s3)."_s, u"r2|s3"_s, u"r2"_s);
    const QCommandLineOption region(u"region"_s, u"Region to report and sign with (default: auto for r2, us-east-1 for s3)."_s, u"REGION"_s);
    const QCommandLineOption virtualHost(u"virtual-host-base"_s, u"Serve virtual-hosted addressing for <bucket>.HOST."_s, u"HOST"_s);
    const QCommandLineOption daySeconds(u"lifecycle-day-seconds"_s, u"Length of a lifecycle day in seconds (for tests)."_s, u"N"_s);
    const QCommandLineOption cloudflareApi(u"cloudflare-api"_s, u"R2 mode: serve Cloudflare's REST API for R2 buckets "
                                           "(CORS, lifecycle, domains) under this path of the listener."_s,
                                           u"PATH"_s, QString::fromLatin1(server::cloudflare::kDefaultApiBasePath));
    const QCommandLineOption cloudflareToken(u"cloudflare-token"_s, u"R2 mode: the API token the Cloudflare API "
                                             "requires (default: created once in DIR/cloudflare.json)."_s, u"TOKEN"_s);
    const QCommandLineOption accountId(u"account-id"_s, u"R2 mode: the Cloudflare account id the API answers for "
                                       "(default: created once in DIR/cloudflare.json)."_s, u"ID"_s);
    const QCommandLineOption publicListen(u"public-listen"_s, u"R2 mode: address and port that serve public buckets "
                                          "(r2.dev and custom domains)."_s, u"HOST:PORT"_s, u"127.0.0.1:0"_s);
    parser.addOptions({help, version, data, listen, accessKey, secretKey, mode, region, virtualHost, daySeconds,
                       cloudflareApi, cloudflareToken, accountId, publicListen});

    ParsedCommand parsed;
    if (!parser.parse(arguments)) {
        parsed.error = parser.errorText();
        return parsed;
    }
    if (parser.isSet(help)) {
        parsed.output = parser.helpText();
        return parsed;
    }
    if (parser.isSet(version)) {
        parsed.output = u"coffer-server " COFFER_VERSION ""_s;
        return parsed;
    }
    if (!parser.positionalArguments().isEmpty()) {
        parsed.error = u"Unexpected argument \"%1\"; every setting is an option (see --help)."_s.arg(parser.positionalArguments().first());
        return parsed;
    }
    ServerCommand command;
    command.dataDirectory = parser.value(data);
    if (command.dataDirectory.isEmpty()) {
        parsed.error = u"--data DIR is required: the directory where the server keeps its objects."_s;
        return parsed;
    }
    QString listenError;
    const auto address = http::ListenAddress::parse(parser.value(listen), &listenError);
    if (!address) {
        parsed.error = listenError;
        return parsed;
    }
    command.address = address->address;
    command.port = address->port;
    command.accessKey = parser.value(accessKey).toUtf8();
    command.secretKey = parser.value(secretKey).toUtf8();
    if (command.accessKey.isEmpty() != command.secretKey.isEmpty()) {
        parsed.error = u"Give --access-key and --secret-key together, or neither (a pair is then created in the data directory)."_s;
        return parsed;
    }
    const QString modeName = parser.value(mode).toLower();
    if (modeName == u"r2"_s)
        command.mode = api::ServerMode::R2;
    else if (modeName == u"s3"_s)
        command.mode = api::ServerMode::S3;
    else {
        parsed.error = u"--mode must be r2 or s3, not \"%1\"."_s.arg(parser.value(mode));
        return parsed;
    }
    command.region = parser.value(region).toUtf8();
    command.virtualHostBase = parser.value(virtualHost).toUtf8();
    if (parser.isSet(daySeconds)) {
        bool ok = false;
        const qint64 seconds = parser.value(daySeconds).toLongLong(&ok);
        if (!ok || seconds < 1) {
            parsed.error = u"--lifecycle-day-seconds must be a whole number of seconds, at least 1."_s;
            return parsed;
        }
        command.lifecycleDayMs = seconds * 1000;
    }
    const bool cloudflareOptionSet = parser.isSet(cloudflareApi) || parser.isSet(cloudflareToken)
        || parser.isSet(accountId) || parser.isSet(publicListen);
    if (cloudflareOptionSet && command.mode != api::ServerMode::R2) {
        parsed.error = u"--cloudflare-api, --cloudflare-token, --account-id and --public-listen belong to R2 mode; "
                       "drop them or use --mode r2."_s;
        return parsed;
    }
    command.cloudflareApiPath = parser.value(cloudflareApi).toUtf8();
    if (!command.cloudflareApiPath.startsWith('/') || command.cloudflareApiPath.endsWith('/')) {
        parsed.error = u"--cloudflare-api must be a path that starts with \"/\" and does not end with one, "
                       "e.g. /cf/client/v4."_s;
        return parsed;
    }
    command.cloudflareToken = parser.value(cloudflareToken).toUtf8();
    if (parser.isSet(cloudflareToken) && command.cloudflareToken.isEmpty()) {
        parsed.error = u"--cloudflare-token cannot be empty."_s;
        return parsed;
    }
    command.accountId = parser.value(accountId);
    if (parser.isSet(accountId) && command.accountId.isEmpty()) {
        parsed.error = u"--account-id cannot be empty."_s;
        return parsed;
    }
    const auto publicAddress = http::ListenAddress::parse(parser.value(publicListen), &listenError);
    if (!publicAddress) {
        parsed.error = u"--public-listen: "_s + listenError;
        return parsed;
    }
    command.publicAddress = publicAddress->address;
    command.publicPort = publicAddress->port;
    parsed.command = command;
    return parsed;
}

} // namespace coffer::server::app
