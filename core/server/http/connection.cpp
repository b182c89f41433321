#include "server/http/connection.h"

#include "lcServer.h"
#include "server/http/requesthandler.h"
#include "server/http/serverstate.h"
#include "server/http/wireformat.h"

#include <QPointer>
#include <QTcpSocket>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;

namespace coffer::server::http {

namespace {
constexpr qsizetype kReadChunk = 64 * 1024;
// After our last byte, how long the lingering close waits for the client to close its side.
constexpr std::chrono::milliseconds kLinger{2'000};
} // namespace

Connection::Connection(qintptr descriptor, ServerState &state, RequestHandler &handler,
                       QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_handler(handler)
    , m_socket(new QTcpSocket(this))
    , m_parser(*this, state.config.limits)
{
    m_state.openConnections.fetch_add(1);
    m_idleTimer.setSingleShot(true);
    m_headerTimer.setSingleShot(true);
    m_lingerTimer.setSingleShot(true);
    m_idleTimer.setInterval(state.config.idleTimeout);
    m_headerTimer.setInterval(state.config.headerTimeout);
    m_lingerTimer.setInterval(kLinger);
    connect(&m_idleTimer, &QTimer::timeout, this, &Connection::closeGracefully);
    connect(&m_headerTimer, &QTimer::timeout, this, &Connection::onHeaderTimeout);
    connect(&m_lingerTimer, &QTimer::timeout, this, [this] { m_socket->abort(); finishClose(); });
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);

    // A bounded socket buffer: when the handler stops reading, so does the kernel socket,
    // and TCP flow control slows the client down.
    m_socket->setReadBufferSize(state.config.socketReadBuffer);
    if (!m_socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot adopt client socket:" << m_socket->errorString();
        QMetaObject::invokeMethod(this, &Connection::finishClose, Qt::QueuedConnection);
        return;
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A new connection has headerTimeout to send its first request.
    m_headerTimer.start();
    if (m_socket->bytesAvailable() > 0)
        schedulePump();
}

Connection::~Connection()
{
    if (m_exchange)
        m_exchange->markAborted();
    m_state.openConnections.fetch_sub(1);
}

// ---- reading and parsing -------------------------------------------------------------

void Connection::schedulePump()
{
    if (m_pumpScheduled || m_done)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(this, [this] {
        m_pumpScheduled = false;
        pump();
    }, Qt::QueuedConnection);
}

void Connection::pump()
{
    if (m_done || m_closeStarted)
        return;
    if (m_pumping) { // re-entered from a handler: the running loop picks the work up
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        pumpOnce();
    } while (m_pumpAgain && !m_closeStarted && !m_done);
    m_pumping = false;
    noteBuffered();
}

bool Connection::mayFeed() const
{
    switch (m_parser.state()) {
    case RequestParser::State::AwaitingHead:
        return !m_exchange && !m_closing;
    case RequestParser::State::InBody:
        // Once the peer is gone nothing more can arrive: what the socket holds is parsed.
        return m_discardBody || m_peerGone || !m_exchange
            || m_exchange->body()->bytesAvailable() < m_state.config.bodyBufferLimit;
    default:
        return false;
    }
}

void Connection::pumpOnce()
{
    for (;;) {
        if (m_closeStarted || m_done)
            return;
        // Read even when bytesAvailable() is 0: a read past Qt's buffer re-arms its read
        // notifier, which it turned off when the bounded buffer filled up.
        if (m_input.size() < kReadChunk)
            m_input.append(m_socket->read(kReadChunk - m_input.size()));
        if (!mayFeed())
            return;
        const RequestParser::State before = m_parser.state();
        if (m_input.isEmpty() && before != RequestParser::State::InBody)
            return;
        if (before == RequestParser::State::AwaitingHead && m_idleTimer.isActive()) {
            m_idleTimer.stop();
            m_headerTimer.start();
        }
        const qsizetype used = m_parser.feed(m_input);
        m_input.remove(0, used);
        if (m_parser.state() == RequestParser::State::Failed) {
            failRequest(m_parser.error());
            return;
        }
        if (m_pendingHead)
            startExchange();
        deliverBodyEvents();
        if (used == 0 && m_parser.state() == before)
            return;
    }
}

void Connection::onRequestHead(RequestHead head)
{
    m_pendingHead = std::move(head);
}

bool Connection::overBodyLimit() const
{
    if (!m_exchange || m_exchange->maxBodySize() < 0)
        return false;
    const qint64 announced = m_exchange->request().contentLength.value_or(0);
    return std::max(announced, m_bodyBytesIn) > m_exchange->maxBodySize();
}

void Connection::onRequestBody(QByteArrayView data)
{
    m_bodyBytesIn += data.size();
    if (m_discardBody || !m_exchange || m_exchange->isAborted() || overBodyLimit())
        return;
    m_exchange->body()->append(data);
    m_bodyDataArrived = true;
}

void Connection::onRequestComplete()
{
    m_messageComplete = true;
    if (m_exchange && !overBodyLimit()) {
        m_exchange->body()->markComplete();
        m_bodyFinishedArrived = !m_discardBody;
    }
}

void Connection::startExchange()
{
    RequestHead head = std::move(*m_pendingHead);
    m_pendingHead.reset();
    m_headerTimer.stop();
    m_clock.start();
    m_bodyBytesIn = 0;
    m_messageComplete = false;
    m_responseStarted = false;
    m_responseEnded = false;
    m_keepAliveAfter = true;
    m_discardBody = false;
    m_bodyDataArrived = false;
    m_bodyFinishedArrived = false;
    m_continueSent = false;

    m_exchange = new Exchange(std::move(head), this, this, m_socket->peerAddress(),
                              m_socket->peerPort(), m_state.newRequestId(),
                              m_state.config.writeWatermark, this);
    m_exchange->body()->setPullHook([this] { schedulePump(); });
    const RequestHead &request = m_exchange->request();
    if (!request.hasBody()) {
        m_parser.resumeBody();
        m_parser.feed({}); // completes the message, so the handler sees atEnd() at once
    } else if (!request.expectsContinue) {
        m_parser.resumeBody();
    }
    const QPointer<Exchange> exchange = m_exchange;
    m_handler.handle(exchange);
    if (exchange && exchange == m_exchange)
        enforceBodyLimit();
}

void Connection::deliverBodyEvents()
{
    if (!m_exchange)
        return;
    enforceBodyLimit();
    const QPointer<RequestBody> body = m_exchange ? m_exchange->body() : nullptr;
    if (body && m_bodyDataArrived && !body->hasFailed()) {
        m_bodyDataArrived = false;
        Q_EMIT body->readyRead();
    }
    if (body && m_bodyFinishedArrived && !body->hasFailed()) {
        m_bodyFinishedArrived = false;
        Q_EMIT body->finished();
    }
    maybeFinishExchange();
}

void Connection::enforceBodyLimit()
{
    if (!m_exchange || m_discardBody || !overBodyLimit())
        return;
    const qint64 limit = m_exchange->maxBodySize();
    // Too large: stop buffering, tell the handler, answer 413 if it has not answered.
    m_closing = true;
    m_discardBody = true;
    m_bodyDataArrived = false;
    m_bodyFinishedArrived = false;
    m_exchange->body()->markFailed(u"request body larger than %1 bytes"_s.arg(limit));
    Response *response = m_exchange ? m_exchange->response() : nullptr;
    if (response && !response->isStarted()) {
        const RefusalDocument document = refusal(413, "request body larger than " + QByteArray::number(limit) + " bytes",
                                                  m_exchange->requestId());
        response->send(413, document.body, document.contentType);
    }
}

// ---- the exchange's end ----------------------------------------------------------------

void Connection::maybeFinishExchange()
{
    if (!m_exchange || !m_responseEnded)
        return;
    if (!m_messageComplete && m_keepAliveAfter && !m_closing)
        return; // draining the rest of the body first
    logExchange(false);
    Exchange *done = m_exchange;
    m_exchange = nullptr;
    if (!m_messageComplete)
        done->body()->markFailed(u"answered before the request body was read"_s);
    done->deleteLater();
    if (!m_keepAliveAfter || m_closing) {
        closeGracefully();
        return;
    }
    m_parser.nextMessage();
    if (m_input.isEmpty() && m_socket->bytesAvailable() == 0)
        m_idleTimer.start();
    else
        m_headerTimer.start();
    schedulePump(); // pipelined requests run from the event loop, not inside this handler call
}

void Connection::abortExchange(const QString &reason)
{
    if (!m_exchange)
        return;
    logExchange(true);
    Exchange *gone = m_exchange;
    m_exchange = nullptr;
    qCDebug(lcServer) << "exchange" << gone->requestId() << "aborted:" << reason;
    gone->markAborted();
    gone->deleteLater();
}

void Connection::logExchange(bool aborted)
{
    if (!m_state.log || !m_exchange)
        return;
    ExchangeLog entry;
    entry.requestId = m_exchange->requestId();
    entry.method = m_exchange->request().method;
    entry.maskedTarget = maskedTarget(m_exchange->request().target);
    entry.status = m_responseStarted ? m_exchange->response()->status() : 0;
    entry.bytesIn = m_bodyBytesIn;
    entry.bytesOut = m_exchange->response()->bodyBytesWritten();
    entry.elapsedMs = m_clock.elapsed();
    entry.aborted = aborted;
    m_state.log(entry);
}

RefusalDocument Connection::refusal(int status, const QByteArray &reason, const QByteArray &requestId) const
{
    if (m_state.config.refusal)
        return m_state.config.refusal(status, reason, requestId);
    return {reason + '\n', "text/plain"};
}

void Connection::failRequest(const ParseError &error)
{
    m_pendingHead.reset();
    m_closing = true;
    qCDebug(lcServer) << "rejecting request:" << error.status << error.reason;
    if (m_exchange) { // the body turned out malformed
        m_discardBody = true;
        m_exchange->body()->markFailed(QString::fromLatin1(error.reason));
        Response *response = m_exchange ? m_exchange->response() : nullptr;
        if (response && !response->isStarted()) {
            const RefusalDocument document = refusal(error.status, error.reason, m_exchange->requestId());
            response->send(error.status, document.body, document.contentType);
        }
        else if (m_responseEnded)
            closeGracefully();
        return;
    }
    m_headerTimer.stop();
    const QByteArray requestId = m_state.newRequestId();
    const RefusalDocument document = refusal(error.status, error.reason, requestId);
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(error.status) + ' '
        + reasonPhrase(error.status) + "\r\nDate: " + currentHttpDate()
        + "\r\nServer: Coffer\r\nContent-Type: " + document.contentType
        + "\r\nx-amz-request-id: " + requestId + "\r\nContent-Length: "
        + QByteArray::number(document.body.size()) + "\r\nConnection: close\r\n\r\n" + document.body;
    m_socket->write(bytes);
    if (m_state.log) {
        ExchangeLog entry;
        entry.requestId = requestId;
        entry.method = "-";
        entry.maskedTarget = "-";
        entry.status = error.status;
        m_state.log(entry);
    }
    closeGracefully();
}

// ---- ResponseChannel / ExchangeControl -------------------------------------------------

bool Connection::beginResponse()
{
    m_responseStarted = true;
    bool keep = m_exchange && m_exchange->request().keepAlive && !m_closing && !m_peerGone;
    if (keep && !m_messageComplete) {
        const RequestHead &request = m_exchange->request();
        if (m_parser.state() == RequestParser::State::HeadParsed || request.chunked) {
            keep = false; // body never allowed (100-continue refused) or of unknown size
        } else {
            const qint64 remaining = request.contentLength.value_or(0) - m_bodyBytesIn;
            keep = remaining <= m_state.config.drainLimit;
        }
    }
    m_keepAliveAfter = keep;
    return keep;
}

void Connection::writeToClient(const QByteArray &bytes)
{
    if (m_done || m_peerGone)
        return;
    m_socket->write(bytes);
    noteBuffered();
}

qint64 Connection::pendingToClient() const
{
    return m_socket->bytesToWrite();
}

void Connection::endResponse(bool framingIntact)
{
    m_responseEnded = true;
    // Hand the response to the kernel now rather than on the next write notification:
    // for a small exchange that saves a trip through the event loop.
    if (!m_done && !m_peerGone && m_socket->bytesToWrite() > 0)
        m_socket->flush();
    if (!framingIntact)
        m_keepAliveAfter = false;
    if (!m_messageComplete) {
        m_discardBody = true;
        if (m_exchange)
            m_exchange->body()->discardBuffered();
        if (m_keepAliveAfter && !m_closing)
            schedulePump(); // drain the small rest of the body, then the next request
    }
    maybeFinishExchange();
}

void Connection::continueRequested()
{
    if (!m_exchange || m_responseStarted || m_continueSent || !m_exchange->request().expectsContinue)
        return;
    m_continueSent = true;
    // Sent even for an empty body: botocore waits for the 100 it asked for and otherwise
    // takes the final status for it, then misreads the next response on the connection.
    m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
    if (m_parser.state() == RequestParser::State::HeadParsed) {
        m_parser.resumeBody();
        schedulePump();
    }
}

void Connection::bodyLimitChanged()
{
    enforceBodyLimit();
}

// ---- socket events and closing ----------------------------------------------------------

void Connection::onReadyRead()
{
    if (m_halfClosed) {
        m_socket->skip(m_socket->bytesAvailable()); // lingering close: drop what still comes
        return;
    }
    pump();
}

void Connection::onBytesWritten()
{
    noteBuffered();
    if (m_closeStarted) {
        halfCloseWhenFlushed();
        return;
    }
    if (m_exchange && m_responseStarted && !m_responseEnded
        && m_socket->bytesToWrite() < m_state.config.writeWatermark) {
        Q_EMIT m_exchange->response()->readyForMore();
    }
}

void Connection::onDisconnected()
{
    if (m_done)
        return;
    if (!m_closeStarted) {
        m_peerGone = true;
        pump(); // the request bytes that arrived before the close still count
        if (m_exchange)
            abortExchange(u"client disconnected"_s);
    }
    finishClose();
}

void Connection::onHeaderTimeout()
{
    if (m_exchange)
        return;
    if (m_parser.hasPartialHead() || !m_input.isEmpty())
        failRequest({408, "request head not received within "
                              + QByteArray::number(m_state.config.headerTimeout.count()) + " ms"});
    else
        closeGracefully();
}

void Connection::closeGracefully()
{
    if (m_closeStarted || m_done)
        return;
    m_closeStarted = true;
    m_closing = true;
    m_idleTimer.stop();
    m_headerTimer.stop();
    if (m_exchange)
        abortExchange(u"connection closing"_s);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        finishClose();
        return;
    }
    m_lingerTimer.start(std::max(m_state.config.headerTimeout, kLinger));
    halfCloseWhenFlushed();
}

void Connection::halfCloseWhenFlushed()
{
    if (m_halfClosed || m_socket->bytesToWrite() > 0)
        return;
    m_halfClosed = true;
    // Closing with unread request bytes makes the kernel send RST, which can destroy the
    // response before the client reads it; so shut our side and drain until the peer closes.
#if defined(Q_OS_UNIX)
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_socket->setReadBufferSize(0);
    m_socket->skip(m_socket->bytesAvailable());
    m_lingerTimer.start(kLinger);
#else
    m_socket->disconnectFromHost();
#endif
}

void Connection::shutdown()
{
    m_closing = true;
    if (!m_exchange || m_responseEnded)
        closeGracefully();
}

void Connection::abortNow()
{
    if (m_done)
        return;
    if (m_exchange)
        abortExchange(u"server stopped"_s);
    m_closeStarted = true;
    m_socket->abort();
    finishClose();
}

void Connection::finishClose()
{
    if (m_done)
        return;
    m_done = true;
    m_idleTimer.stop();
    m_headerTimer.stop();
    m_lingerTimer.stop();
    if (m_exchange)
        abortExchange(u"connection closed"_s);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    Q_EMIT closed();
    deleteLater();
}

void Connection::noteBuffered()
{
    qint64 total = m_input.size() + m_socket->bytesAvailable() + m_socket->bytesToWrite();
    if (m_exchange)
        total += m_exchange->body()->bytesAvailable();
    m_state.noteBuffered(total);
}

} // namespace coffer::server::http
