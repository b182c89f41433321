#pragma once
// How the HTTP server listens, how many threads it uses and the bounds it enforces.

#include "server/http/requestparser.h"

#include <QHostAddress>

#include <chrono>
#include <functional>

namespace coffer::server::http {

// The answer to a request the HTTP layer refuses itself (malformed, too large, timed out),
// before any handler sees it.
struct RefusalDocument {
    QByteArray body;
    QByteArray contentType;
};
// status, the parser's reason in words, the request id the answer carries.
using RefusalFormatter = std::function<RefusalDocument(int status, const QByteArray &reason, const QByteArray &requestId)>;

struct ServerConfig {
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0;    // 0: the system picks a free port, HttpServer::port() tells which
    int workerThreads = 0; // 0: min(4, QThread::idealThreadCount())
    int listenBacklog = 256;

    std::chrono::milliseconds idleTimeout{60'000};   // keep-alive connection without a request
    std::chrono::milliseconds headerTimeout{30'000}; // a request head that trickles in (slowloris)
    std::chrono::milliseconds shutdownGrace{5'000};  // in-flight exchanges get this long on stop()

    ParserLimits limits;
    qint64 bodyBufferLimit = 1024 * 1024; // unread request body held before reading pauses
    qint64 socketReadBuffer = 64 * 1024;  // what QTcpSocket may hold beyond that
    qint64 writeWatermark = 256 * 1024;   // response bytes queued before canWriteMore() is false
    qint64 drainLimit = 64 * 1024;        // unread body skipped to keep a connection after an early answer

    // How refusals look to the protocol above (S3 sends its XML error document); unset,
    // the reason as one line of plain text. Called from worker threads.
    RefusalFormatter refusal;
};

} // namespace coffer::server::http
