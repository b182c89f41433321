#pragma once
// One finished HTTP exchange, as the Activity dock lists it. Never carries a secret:
// the URL has its signature and credential masked.

#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace coffer::client {

struct HttpActivity {
    QByteArray method;
    QString url;           // masked: see maskUrl()
    int status = 0;        // 0 when no response arrived
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    qint64 durationMs = 0;
    QString requestId;     // x-amz-request-id, when sent
    int attempt = 1;       // 1 for the first try, 2+ for retries
    QString error;         // the transport error, empty when a response arrived
    // The extra headers sent (Range, checksums, copy source, Content-Type, ...), never
    // the Authorization header or the session token.
    s3::sigv4::HeaderList requestHeaders;
};

// Replaces the values of X-Amz-Signature, X-Amz-Credential and X-Amz-Security-Token
// (any case) in a URL's query with "***", leaving the rest byte for byte.
QByteArray maskUrl(QByteArrayView url);

} // namespace coffer::client

Q_DECLARE_METATYPE(coffer::client::HttpActivity)
