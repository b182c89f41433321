#pragma once
// One HTTP request as the pipeline sends it: already addressed (host + encoded path),
// not yet signed. Operations build these; Exchange signs, sends and retries them.

#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QIODevice>
#include <QPointer>
#include <QString>

namespace coffer::client {

struct RequestBody {
    enum class Kind {
        None,   // no body (GET, HEAD, DELETE, and PUT/POST that carry nothing)
        Bytes,  // a small document we hold: signed with its SHA-256
        Stream, // the caller's device, streamed by QNetworkAccessManager: UNSIGNED-PAYLOAD
    };
    Kind kind = Kind::None;
    QByteArray bytes;
    QPointer<QIODevice> device;
    qint64 size = 0;

    qint64 length() const { return kind == Kind::Bytes ? bytes.size() : kind == Kind::Stream ? size : 0; }
};

struct WireRequest {
    QByteArray method;                  // GET, PUT, ...
    QByteArray host;                    // the Host header, host[:port]
    QByteArray encodedPath;             // as it travels and is signed, encoded once
    s3::sigv4::QueryList query;         // decoded name/value pairs
    s3::sigv4::HeaderList headers;      // extra headers, all signed (lowercase names)
    RequestBody body;
    // A bucket configuration subresource (?cors, ?policy, ...): 501/405/400/404 there
    // mean "not supported by this provider".
    bool configurationCall = false;
    // For error messages.
    QString bucket;
    QString key;

    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    void addQuery(const QByteArray &name, const QByteArray &value = {}) { query.append({name, value}); }
};

// The query string as it travels: names and values encoded like the canonical query
// (S3 URI encoding, '/' encoded too), in the order given. A name with an empty value is
// sent as "name=" (S3 accepts both; the signature covers "name=").
QByteArray encodedQuery(const s3::sigv4::QueryList &query);

} // namespace coffer::client
