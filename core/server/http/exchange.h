#pragma once
// One request/response exchange, as the handler sees it. The connection owns it and deletes
// it (later, from the event loop) once the response is finished and the request body is
// consumed, or after the client went away. A handler that keeps working asynchronously
// holds a QPointer<Exchange> or connects with the exchange as context; aborted() says the
// client is gone and nothing more can be sent.

#include "server/http/requestbody.h"
#include "server/http/requesthead.h"
#include "server/http/response.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

namespace coffer::server::http {

class ExchangeControl;

class Exchange : public QObject
{
    Q_OBJECT
public:
    Exchange(RequestHead head, ExchangeControl *control, ResponseChannel *channel,
             QHostAddress peer, quint16 peerPort, QByteArray requestId, qint64 watermark,
             QObject *parent = nullptr);

    const RequestHead &request() const { return m_head; }
    RequestBody *body() const { return m_body; }
    Response *response() const { return m_response; }
    QHostAddress peerAddress() const { return m_peer; }
    quint16 peerPort() const { return m_peerPort; }
    // Unique per server run; the handler above may echo it as x-amz-request-id.
    QByteArray requestId() const { return m_requestId; }

    // Expect: 100-continue: the handler calls this once the headers are acceptable (e.g.
    // authenticated); answering a final status instead means the body is never read.
    bool expectsContinue() const { return m_head.expectsContinue; }
    void sendContinue();
    // A body larger than this fails with "too large" and, if nothing was answered yet,
    // the client gets 413 and the connection closes.
    void setMaxBodySize(qint64 bytes);
    qint64 maxBodySize() const { return m_maxBodySize; }
    bool isAborted() const { return m_aborted; }

    // Connection side.
    void markAborted();

Q_SIGNALS:
    void aborted();

private:
    RequestHead m_head;
    ExchangeControl *m_control;
    RequestBody *m_body;
    Response *m_response;
    QHostAddress m_peer;
    quint16 m_peerPort;
    QByteArray m_requestId;
    qint64 m_maxBodySize = -1;
    bool m_aborted = false;
};

// What an exchange asks of its connection beyond writing the response.
class ExchangeControl
{
public:
    virtual ~ExchangeControl() = default;
    virtual void continueRequested() = 0;
    virtual void bodyLimitChanged() = 0;
};

} // namespace coffer::server::http
