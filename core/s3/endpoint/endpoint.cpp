#include "endpoint.h"

#include "host_name.h"
#include "s3/sigv4/signer.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::Endpoint", text);
}

int defaultPort(const QString &scheme)
{
    return scheme == u"https" ? 443 : 80;
}

std::optional<Endpoint> fail(EndpointError *error, EndpointError::Code code, QString message)
{
    if (error)
        *error = {code, std::move(message)};
    return std::nullopt;
}

bool isSchemeText(QStringView text)
{
    if (text.isEmpty() || !text.front().isLetter())
        return false;
    for (QChar c : text) {
        const bool ok = (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'+' || c == u'-' || c == u'.';
        if (!ok)
            return false;
    }
    return true;
}

// The port text of an authority ("user@host:port", "[::1]:port"), or a null view if none.
QStringView portText(QStringView authority)
{
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0)
        authority = authority.sliced(at + 1);
    qsizetype hostEnd = 0;
    if (authority.startsWith(u'[')) {
        hostEnd = authority.indexOf(u']');
        if (hostEnd < 0)
            return {};
    }
    const qsizetype colon = authority.indexOf(u':', hostEnd);
    if (colon < 0)
        return {};
    return authority.sliced(colon + 1);
}

} // namespace

int Endpoint::effectivePort() const
{
    return port >= 0 ? port : defaultPort(scheme);
}

bool Endpoint::hostIsIpAddress() const
{
    return host.contains(u':') || detail::looksLikeIpv4(host);
}

QByteArray Endpoint::hostHeader() const
{
    QByteArray header = host.contains(u':') ? '[' + host.toLatin1() + ']' : host.toLatin1();
    if (port >= 0 && port != defaultPort(scheme))
        header += ':' + QByteArray::number(port);
    return header;
}

QString Endpoint::toString() const
{
    return scheme + u"://" + QString::fromLatin1(hostHeader())
        + QString::fromLatin1(QUrl::toPercentEncoding(basePath, "/"));
}

QUrl Endpoint::toUrl() const
{
    return QUrl(toString(), QUrl::StrictMode);
}

std::optional<Endpoint> parseEndpoint(const QString &input, EndpointError *error)
{
    using Code = EndpointError::Code;
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        return fail(error, Code::Empty,
                    tr("No endpoint was given. Enter the store’s URL, such as https://s3.example.com."));
    }

    const qsizetype schemeEnd = text.indexOf(u"://");
    if (schemeEnd < 0 || !isSchemeText(QStringView(text).first(schemeEnd))) {
        return fail(error, Code::NoScheme,
                    tr("The endpoint “%1” has no scheme. Add https:// (or http:// for a local server).")
                        .arg(text));
    }
    const QString scheme = text.first(schemeEnd).toLower();
    if (scheme != u"https" && scheme != u"http") {
        return fail(error, Code::UnsupportedScheme,
                    tr("The endpoint “%1” uses “%2://”, which Coffer cannot speak. Use https:// (or "
                       "http:// for a local server).")
                        .arg(text, scheme));
    }

    // The authority ends at the first '/', '?' or '#' after the scheme.
    const QStringView rest = QStringView(text).sliced(schemeEnd + 3);
    qsizetype authorityEnd = 0;
    while (authorityEnd < rest.size() && rest[authorityEnd] != u'/' && rest[authorityEnd] != u'?'
           && rest[authorityEnd] != u'#')
        ++authorityEnd;
    const QStringView authority = rest.first(authorityEnd);

    if (authority.contains(u'@')) {
        return fail(error, Code::UserInfo,
                    tr("The endpoint “%1” contains a user name or password before “@”. Remove that "
                       "part; enter the access keys in their own fields instead.")
                        .arg(text));
    }
    if (rest.contains(u'?') || rest.contains(u'#')) {
        return fail(error, Code::QueryOrFragment,
                    tr("The endpoint “%1” has a query (“?…”) or fragment (“#…”). Remove everything "
                       "from the “?” or “#” on.")
                        .arg(text));
    }
    const QStringView port = portText(authority);
    int portNumber = -1;
    if (!port.isEmpty()) {
        bool digitsOnly = port.size() <= 5;
        for (QChar c : port)
            digitsOnly = digitsOnly && c >= u'0' && c <= u'9';
        portNumber = digitsOnly ? port.toInt() : 0;
        if (portNumber < 1 || portNumber > 65535) {
            return fail(error, Code::BadPort,
                        tr("The endpoint “%1” has the port “%2”, which is not a port number. Use a "
                           "number from 1 to 65535, or leave the port out.")
                            .arg(text, port.toString()));
        }
    }
    const QStringView hostPart = port.isNull() ? authority : authority.first(authority.size() - port.size() - 1);
    if (hostPart.isEmpty() || hostPart == u"[]") {
        return fail(error, Code::EmptyHost,
                    tr("The endpoint “%1” has no host name. Enter it after the scheme, as in "
                       "https://s3.example.com.")
                        .arg(text));
    }

    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return fail(error, Code::Malformed,
                    tr("The endpoint “%1” is not a valid URL (%2). Check it for spaces or stray "
                       "characters.")
                        .arg(text, url.errorString()));
    }

    Endpoint endpoint;
    endpoint.scheme = scheme;
    // The ASCII (punycode) form, which is what DNS, TLS and the Host header use.
    endpoint.host = url.host(QUrl::FullyEncoded).toLower();
    endpoint.port = portNumber == defaultPort(scheme) ? -1 : portNumber;
    QString path = url.path(QUrl::FullyDecoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    endpoint.basePath = path;
    return endpoint;
}

bool isVirtualHostCompatible(const Endpoint &endpoint, const QString &bucket)
{
    // No DNS would resolve "bucket.127.0.0.1", "bucket.localhost" or "bucket.minio"
    // (a single-label host, as in a container network).
    if (endpoint.hostIsIpAddress() || !endpoint.host.contains(u'.') || endpoint.host == u"localhost")
        return false;
    if (bucket.size() < 3 || bucket.size() > 63 || detail::looksLikeIpv4(bucket))
        return false;
    // A wildcard certificate for *.host covers exactly one more label, so a bucket with
    // dots fails TLS verification over https.
    if (endpoint.isHttps() && bucket.contains(u'.'))
        return false;
    // Each label: lowercase letters, digits, hyphens; not empty; no hyphen at either end.
    // (Uppercase or '_' would be folded or refused by DNS, so the store would see another name.)
    for (QStringView label : QStringView(bucket).split(u'.')) {
        if (label.isEmpty() || label.front() == u'-' || label.back() == u'-')
            return false;
        for (QChar c : label) {
            if (!detail::isAsciiLowerOrDigit(c) && c != u'-')
                return false;
        }
    }
    return true;
}

QByteArray RequestTarget::url(const Endpoint &endpoint) const
{
    return endpoint.scheme.toLatin1() + "://" + host + encodedPath;
}

RequestTarget requestTarget(const Endpoint &endpoint, AddressingStyle style, const QString &bucket,
                            const QString &rawKey)
{
    RequestTarget target;
    QString rawPath = endpoint.basePath;
    if (bucket.isEmpty()) {
        target.style = style;
        target.host = endpoint.hostHeader();
        rawPath += u'/';
    } else if (style == AddressingStyle::VirtualHosted && isVirtualHostCompatible(endpoint, bucket)) {
        target.style = AddressingStyle::VirtualHosted;
        target.host = bucket.toLatin1() + '.' + endpoint.hostHeader();
        rawPath += u'/' + rawKey;
    } else {
        target.style = AddressingStyle::PathStyle;
        target.host = endpoint.hostHeader();
        rawPath += u'/' + bucket;
        if (!rawKey.isEmpty())
            rawPath += u'/' + rawKey;
    }
    // Encoded exactly once, never normalized: "a//b", ".." and "%2F" travel as they are.
    target.encodedPath = sigv4::encodePath(rawPath.toUtf8());
    return target;
}

} // namespace coffer::s3
