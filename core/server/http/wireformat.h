#pragma once
// Small pieces of the HTTP/1.1 wire format that the response writer and the log share.

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace coffer::server::http {

// "OK", "Not Found", ...; "Unknown" for a code without a standard phrase.
QByteArray reasonPhrase(int status);
// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(const QDateTime &when);
// httpDate() of now, formatted at most once a second per thread: every response carries a
// Date, and formatting through QLocale costs more than the rest of a small response head.
QByteArray currentHttpDate();
// One chunk of Transfer-Encoding: chunked framing ("1a\r\n<data>\r\n").
QByteArray chunkFrame(QByteArrayView data);
// The request target with the values of secret query parameters (X-Amz-Signature,
// X-Amz-Credential, X-Amz-Security-Token) replaced by "***", fit for a log line.
QByteArray maskedTarget(QByteArrayView target);

} // namespace coffer::server::http
