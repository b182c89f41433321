#include "curl_command.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace coffer::client {

namespace {

bool isShellSafe(QChar c)
{
    if (c.unicode() > 0x7f)
        return false;
    return c.isLetterOrNumber() || QStringView(u"_@%+=:,./-").contains(c);
}

// The last path segment, decoded: what `aws s3 cp` would name the local file.
QString fileNameFor(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyDecoded);
    const QString name = path.section(u'/', -1);
    return name.isEmpty() || name == u"." || name == u".." ? QStringLiteral("FILE") : name;
}

// A GET whose response is an object's bytes (rather than a listing or a bucket
// configuration document): no query beyond what selects a version, part or response
// header, and a path naming something below the root.
bool readsObject(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty() || path == u"/" || path.endsWith(u'/'))
        return false;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        Q_UNUSED(value)
        if (name != u"versionId" && name != u"partNumber" && !name.startsWith(u"response-"))
            return false;
    }
    return true;
}

QString header(const QByteArray &name, const QByteArray &value)
{
    return shellQuote(QString::fromUtf8(QByteArray(name + ": " + value)));
}

} // namespace

QString shellQuote(const QString &argument)
{
    if (!argument.isEmpty() && std::all_of(argument.begin(), argument.end(), isShellSafe))
        return argument;
    QString quoted = argument;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

CurlRequest curlRequestFor(const HttpActivity &record)
{
    CurlRequest request;
    request.method = record.method;
    request.url = record.url;
    // Headers curl writes itself (or that describe a body encoding curl does not use)
    // are left out; the rest (Range, checksums, copy source, metadata) are repeated.
    static const QByteArrayView ownedByCurl[] = {"host", "content-length", "x-amz-date", "x-amz-content-sha256",
        "authorization", "x-amz-security-token", "expect", "x-amz-decoded-content-length", "content-encoding",
        "x-amz-trailer"};
    for (const auto &[name, value] : record.requestHeaders) {
        const QByteArray lower = name.toLower();
        if (std::find(std::begin(ownedByCurl), std::end(ownedByCurl), QByteArrayView(lower)) == std::end(ownedByCurl))
            request.headers.append({lower, value});
    }
    const QUrl url(record.url);
    if (record.bytesSent > 0) {
        request.bodyFile = record.method == "PUT" ? fileNameFor(url) : QStringLiteral("body.xml");
    } else if (record.method == "GET" && readsObject(url)) {
        request.outputFile = fileNameFor(url);
    }
    return request;
}

QString curlCommand(const CurlRequest &request, const CurlOptions &options)
{
    QStringList args{QStringLiteral("curl")};
    // --globoff: [] and {} in keys are not curl URL globs. (--path-as-is would keep
    // keys like "a/../b" whole, but curl refuses it together with --aws-sigv4.)
    args << QStringLiteral("--globoff");
    args << QStringLiteral("--aws-sigv4") << shellQuote(QStringLiteral("aws:amz:%1:s3").arg(QString::fromUtf8(options.region)));
    if (options.revealedKeys) {
        const auto &keys = *options.revealedKeys;
        args << QStringLiteral("--user") << shellQuote(QString::fromUtf8(QByteArray(keys.accessKeyId + ':' + keys.secretAccessKey)));
        if (!keys.sessionToken.isEmpty())
            args << QStringLiteral("-H") << header("x-amz-security-token", keys.sessionToken);
    } else {
        // Double quotes: the shell substitutes the variables when the command runs.
        args << QStringLiteral("--user") << QStringLiteral("\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"");
        if (options.sessionToken)
            args << QStringLiteral("-H") << QStringLiteral("\"x-amz-security-token: $AWS_SESSION_TOKEN\"");
    }

    const bool hasBody = !request.bodyFile.isEmpty() && (request.method == "PUT" || request.method == "POST");
    // S3 wants x-amz-content-sha256 on every request. A file body goes unsigned (curl
    // would otherwise have to read it twice); no body is the empty string's hash.
    const QByteArrayView payloadHash = hasBody ? s3::sigv4::kUnsignedPayload : s3::sigv4::kEmptyPayloadSha256;
    args << QStringLiteral("-H") << header("x-amz-content-sha256", payloadHash.toByteArray());
    for (const auto &[name, value] : request.headers)
        args << QStringLiteral("-H") << header(name, value);

    if (request.method == "HEAD") {
        args << QStringLiteral("--head"); // -X HEAD would wait for a body that never comes
    } else if (hasBody && request.method == "PUT") {
        // --upload-file, not --data-binary: curl adds no form Content-Type that S3
        // would store with the object, and streams the file instead of loading it.
        args << QStringLiteral("--upload-file") << shellQuote(request.bodyFile);
    } else if (hasBody) {
        args << QStringLiteral("--data-binary") << shellQuote(u'@' + request.bodyFile);
    } else if (request.method != "GET") {
        args << QStringLiteral("-X") << shellQuote(QString::fromLatin1(request.method));
    }
    if (request.method == "GET" && !request.outputFile.isEmpty())
        args << QStringLiteral("-o") << shellQuote(request.outputFile);
    args << shellQuote(request.url);
    return args.join(u' ');
}

} // namespace coffer::client
