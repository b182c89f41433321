#pragma once
// Where a store lives (an Endpoint parsed from what the user typed) and how a request for
// (bucket, key) is addressed on it: the Host header and the wire path.

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace coffer::s3 {

struct Endpoint {
    QString scheme;   // "https" or "http", lowercase
    QString host;     // lowercase, IPv6 without brackets
    int port = -1;    // the explicit port, or -1 for the scheme's default
    QString basePath; // decoded, "" or "/prefix" without a trailing slash (some gateways)

    bool isHttps() const { return scheme == u"https"; }
    int effectivePort() const; // port, or 443/80 by scheme
    bool hostIsIpAddress() const;
    // host[:port] as the Host header carries it (port only when not the default,
    // IPv6 in brackets).
    QByteArray hostHeader() const;
    // "scheme://host[:port][/basePath]", which parseEndpoint() reads back unchanged.
    QString toString() const;
    QUrl toUrl() const;

    friend bool operator==(const Endpoint &, const Endpoint &) = default;
};

struct EndpointError {
    enum class Code {
        Empty,             // nothing typed
        NoScheme,          // "r2.example.com" (no "https://")
        UnsupportedScheme, // "ftp://..."
        EmptyHost,         // "https://" or "https:///path"
        UserInfo,          // "https://user:pass@host"
        QueryOrFragment,   // "https://host/?x=1" or "#frag"
        BadPort,           // port 0, > 65535, or not a number
        Malformed,         // anything QUrl refuses (spaces in host, bad IPv6, ...)
    };
    Code code = Code::Empty;
    QString message; // a sentence: what is wrong and what to do
};

// Parses a user-typed endpoint URL ("https://<id>.r2.cloudflarestorage.com",
// "http://127.0.0.1:9000", "https://gw.example.com/s3/"). Surrounding spaces are ignored;
// a trailing slash is dropped. On failure returns std::nullopt and fills *error.
std::optional<Endpoint> parseEndpoint(const QString &text, EndpointError *error = nullptr);

enum class AddressingStyle {
    PathStyle,     // https://host/bucket/key
    VirtualHosted, // https://bucket.host/key
};

// True when `bucket` can be put in front of the endpoint's host: a DNS label sequence
// (lowercase letters, digits, hyphens, 3-63 chars, no empty label, no label starting or
// ending with '-'), no dots over https (a wildcard certificate *.host covers one label
// only, so "my.bucket.host" fails TLS verification), and a host name endpoint (not an IP
// address or "localhost", where no DNS would ever resolve bucket.host).
bool isVirtualHostCompatible(const Endpoint &endpoint, const QString &bucket);

struct RequestTarget {
    AddressingStyle style = AddressingStyle::PathStyle; // after any fallback
    QByteArray host;        // the Host header value (hostHeader() form)
    QByteArray encodedPath; // the request path as it travels, percent-encoded once
    // scheme://host + encodedPath (no query), for QNetworkRequest (with QUrl::StrictMode /
    // QUrl::fromEncoded, so nothing is re-encoded or normalized).
    QByteArray url(const Endpoint &endpoint) const;
};

// Addresses (bucket, rawKey) on the endpoint. rawKey is the object key itself, not
// encoded; it is encoded exactly once (sigv4::encodePath) and never normalized, so keys
// such as "a//b", "..", "%2F" and "key/" reach the store unchanged.
// - bucket empty: the service (ListBuckets): path basePath + "/".
// - key empty: the bucket itself: path-style "/bucket", virtual-hosted "/".
// VirtualHosted falls back to PathStyle when !isVirtualHostCompatible(); the returned
// style says which one was used.
RequestTarget requestTarget(const Endpoint &endpoint, AddressingStyle style,
                            const QString &bucket, const QString &rawKey = {});

} // namespace coffer::s3
