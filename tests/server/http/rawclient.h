#pragma once
// A test client that speaks HTTP/1.1 as raw bytes over QTcpSocket, so a test can send
// anything (malformed, pipelined, half a body) and read responses one by one.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QTcpSocket>
#include <QTest>

#include <optional>
#include <utility>

namespace coffer::server::http::testing {

struct RawResponse {
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers; // lowercased names
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
};

// Parses one response from the front of data: the bytes it used, or 0 while incomplete.
inline qsizetype parseResponse(const QByteArray &data, RawResponse &out, bool headRequest)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    const QList<QByteArray> lines = data.first(headEnd).split('\n');
    RawResponse response;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2)
        return -1;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            response.headers.append({lines.at(i).first(colon).trimmed().toLower(),
                                     lines.at(i).sliced(colon + 1).trimmed()});
    }
    qsizetype pos = headEnd + 4;
    const bool bodyless = headRequest || response.status < 200 || response.status == 204
        || response.status == 304;
    if (!bodyless && response.header("transfer-encoding") == "chunked") {
        for (;;) {
            const qsizetype lineEnd = data.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return 0;
            bool ok = false;
            const qsizetype size = data.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
            if (!ok)
                return -1;
            if (data.size() < lineEnd + 2 + size + 2)
                return 0;
            response.body += data.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
            if (size == 0)
                break;
        }
    } else if (!bodyless) {
        const qsizetype length = response.header("content-length").toLongLong();
        if (data.size() < pos + length)
            return 0;
        response.body = data.mid(pos, length);
        pos += length;
    }
    out = std::move(response);
    return pos;
}

class RawClient
{
public:
    bool connectTo(quint16 port)
    {
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10'000);
    }
    void send(const QByteArray &bytes) { socket.write(bytes); }

    // The next response, or std::nullopt when none arrives within the timeout.
    std::optional<RawResponse> next(bool headRequest = false, int timeoutMs = 20'000)
    {
        std::optional<RawResponse> result;
        (void)QTest::qWaitFor([&] {
            received += socket.readAll();
            RawResponse response;
            const qsizetype used = parseResponse(received, response, headRequest);
            if (used > 0) {
                received.remove(0, used);
                result = std::move(response);
                return true;
            }
            return used < 0 || socket.state() == QAbstractSocket::UnconnectedState;
        }, timeoutMs);
        return result;
    }

    bool waitClosed(int timeoutMs = 20'000)
    {
        return QTest::qWaitFor([this] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        }, timeoutMs);
    }

    QTcpSocket socket;
    QByteArray received;
};

} // namespace coffer::server::http::testing
