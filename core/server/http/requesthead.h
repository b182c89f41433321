#pragma once
// The head of one HTTP/1.1 request as it arrived: the raw request target (never decoded or
// normalized, since SigV4 signs the bytes the client sent), header names lowercased and
// values as sent, repeated headers kept in their order.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

namespace coffer::server::http {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>; // lowercased name, value as sent

struct RequestHead {
    QByteArray method;  // "GET", "PUT", ... as sent
    QByteArray target;  // raw request target, e.g. "/bucket/a%20b?uploads"
    int versionMajor = 1;
    int versionMinor = 1;
    HeaderList headers;

    std::optional<qint64> contentLength; // from Content-Length, when present
    bool chunked = false;                // Transfer-Encoding: chunked (decoded by the parser)
    bool keepAlive = true;               // what the request asks for (version + Connection)
    bool expectsContinue = false;        // Expect: 100-continue on HTTP/1.1

    // The first value of a header (name in lowercase), or a null QByteArray when absent.
    QByteArray header(QByteArrayView lowerName) const;
    QList<QByteArray> headerValues(QByteArrayView lowerName) const;
    bool hasHeader(QByteArrayView lowerName) const;

    QByteArrayView path() const;  // the target up to '?', raw
    QByteArrayView query() const; // after the first '?', raw; empty when none
    bool hasBody() const { return chunked || contentLength.value_or(0) > 0; }
    bool isHead() const { return method == "HEAD"; }
};

} // namespace coffer::server::http
