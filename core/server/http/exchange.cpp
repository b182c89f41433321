#include "server/http/exchange.h"

namespace coffer::server::http {

Exchange::Exchange(RequestHead head, ExchangeControl *control, ResponseChannel *channel,
                   QHostAddress peer, quint16 peerPort, QByteArray requestId, qint64 watermark,
                   QObject *parent)
    : QObject(parent)
    , m_head(std::move(head))
    , m_control(control)
    , m_body(new RequestBody(m_head.chunked ? std::nullopt
                                            : std::optional<qint64>(m_head.contentLength.value_or(0)),
                             this))
    , m_response(new Response(channel, m_head, watermark, this))
    , m_peer(std::move(peer))
    , m_peerPort(peerPort)
    , m_requestId(std::move(requestId))
{
}

void Exchange::sendContinue()
{
    if (!m_aborted && m_control)
        m_control->continueRequested();
}

void Exchange::setMaxBodySize(qint64 bytes)
{
    m_maxBodySize = bytes;
    if (!m_aborted && m_control)
        m_control->bodyLimitChanged();
}

void Exchange::markAborted()
{
    if (m_aborted)
        return;
    m_aborted = true;
    m_control = nullptr;
    m_response->detach();
    m_body->markFailed(QStringLiteral("client disconnected"));
    Q_EMIT aborted();
}

} // namespace coffer::server::http
