#pragma once
// A finished HTTP exchange as the operations see it: status, headers and, for small
// documents and errors, the body.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace coffer::client {

struct HttpResponse {
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // names lowercased
    QByteArray body;              // buffered bodies only (never a download's content)
    qint64 bodyBytes = 0;         // bytes received, buffered or streamed to the caller

    QByteArray header(QByteArrayView lowercaseName) const
    {
        for (const auto &[name, value] : headers) {
            if (name == lowercaseName)
                return value;
        }
        return {};
    }
    bool hasHeader(QByteArrayView lowercaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowercaseName)
                return true;
        }
        return false;
    }
    QString requestId() const { return QString::fromLatin1(header("x-amz-request-id")); }
    bool isSuccess() const { return status >= 200 && status < 300; }
};

} // namespace coffer::client
