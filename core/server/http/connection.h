#pragma once
// One client connection, living in a worker thread: reads the socket into the parser,
// runs one exchange at a time through the handler, applies backpressure in both directions,
// keep-alive, pipelining, 100-continue, timeouts and a lingering close.
// Internal to the HTTP layer.

#include "server/http/exchange.h"
#include "server/http/requestparser.h"
#include "server/http/response.h"
#include "server/http/serverconfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>

class QTcpSocket;

namespace coffer::server::http {

class RequestHandler;
struct ServerState;

class Connection : public QObject, private RequestSink, private ResponseChannel, private ExchangeControl
{
    Q_OBJECT
public:
    Connection(qintptr descriptor, ServerState &state, RequestHandler &handler,
               QObject *parent = nullptr);
    ~Connection() override;

    bool isOpen() const { return !m_closeStarted && !m_done; }
    // Server stop: close now when idle, otherwise after the exchange in progress.
    void shutdown();
    // Grace period over: drop the connection and whatever exchange it runs.
    void abortNow();

Q_SIGNALS:
    void closed(); // once, right before the connection deletes itself

private:
    // RequestSink
    void onRequestHead(RequestHead head) override;
    void onRequestBody(QByteArrayView data) override;
    void onRequestComplete() override;
    // ResponseChannel
    bool beginResponse() override;
    void writeToClient(const QByteArray &bytes) override;
    qint64 pendingToClient() const override;
    void endResponse(bool framingIntact) override;
    // ExchangeControl
    void continueRequested() override;
    void bodyLimitChanged() override;

    void pump();
    void pumpOnce();
    bool mayFeed() const;
    void schedulePump();
    void startExchange();
    void deliverBodyEvents();
    void enforceBodyLimit();
    bool overBodyLimit() const;
    void maybeFinishExchange();
    void abortExchange(const QString &reason);
    void logExchange(bool aborted);
    RefusalDocument refusal(int status, const QByteArray &reason, const QByteArray &requestId) const;
    void failRequest(const ParseError &error);
    void closeGracefully();
    void halfCloseWhenFlushed();
    void finishClose();
    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onHeaderTimeout();
    void noteBuffered();

    ServerState &m_state;
    RequestHandler &m_handler;
    QTcpSocket *m_socket;
    RequestParser m_parser;
    QByteArray m_input; // read from the socket, not yet parsed
    QTimer m_idleTimer;
    QTimer m_headerTimer;
    QTimer m_lingerTimer;

    std::optional<RequestHead> m_pendingHead;
    Exchange *m_exchange = nullptr;
    QElapsedTimer m_clock;
    qint64 m_bodyBytesIn = 0;
    bool m_messageComplete = false;
    bool m_responseStarted = false;
    bool m_responseEnded = false;
    bool m_keepAliveAfter = true;
    bool m_discardBody = false;
    bool m_bodyDataArrived = false;
    bool m_bodyFinishedArrived = false;
    bool m_continueSent = false;

    bool m_closing = false;      // no new request; close once the current one is over
    bool m_closeStarted = false; // flushing what is queued, then a lingering close
    bool m_halfClosed = false;   // lingering: our side shut, reading and discarding
    bool m_peerGone = false;
    bool m_done = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_pumpScheduled = false;
};

} // namespace coffer::server::http
