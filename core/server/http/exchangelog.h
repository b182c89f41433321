#pragma once
// One line per finished (or abandoned) exchange, for the executable to print. The target is
// masked: presigned URLs carry their signature and credential in the query string.

#include <QByteArray>
#include <QMetaType>

namespace coffer::server::http {

struct ExchangeLog {
    QByteArray requestId;
    QByteArray method;
    QByteArray maskedTarget;
    int status = 0;        // 0: no response was sent
    qint64 bytesIn = 0;    // request body bytes received
    qint64 bytesOut = 0;   // response body bytes written
    qint64 elapsedMs = 0;
    bool aborted = false;  // the client went away or the server stopped first

    // "GET /b/k?X-Amz-Signature=*** 200 in=0 out=5 3ms id=..."
    QByteArray toLine() const;
};

} // namespace coffer::server::http

Q_DECLARE_METATYPE(coffer::server::http::ExchangeLog)
