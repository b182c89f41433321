#include "server/http/requestbody.h"

#include <algorithm>

namespace coffer::server::http {

RequestBody::RequestBody(std::optional<qint64> expectedLength, QObject *parent)
    : QObject(parent)
    , m_expectedLength(expectedLength)
{
}

QByteArray RequestBody::read(qint64 maxSize)
{
    QByteArray out;
    qint64 wanted = std::min(maxSize, m_buffered);
    if (wanted <= 0)
        return out;
    out.reserve(qsizetype(wanted));
    while (wanted > 0 && !m_chunks.isEmpty()) {
        const QByteArray &chunk = m_chunks.first();
        const qsizetype take = qsizetype(std::min<qint64>(wanted, chunk.size() - m_headOffset));
        out.append(QByteArrayView(chunk).sliced(m_headOffset, take));
        m_headOffset += take;
        wanted -= take;
        if (m_headOffset == chunk.size()) {
            m_chunks.removeFirst();
            m_headOffset = 0;
        }
    }
    m_buffered -= out.size();
    if (m_pullHook)
        m_pullHook();
    return out;
}

void RequestBody::append(QByteArrayView data)
{
    if (data.isEmpty() || m_failed)
        return;
    m_chunks.append(data.toByteArray());
    m_buffered += data.size();
    m_received += data.size();
}

void RequestBody::discardBuffered()
{
    m_chunks.clear();
    m_headOffset = 0;
    m_buffered = 0;
}

void RequestBody::markComplete()
{
    if (!m_failed)
        m_complete = true;
}

void RequestBody::markFailed(const QString &reason)
{
    if (m_complete || m_failed)
        return;
    m_failed = true;
    m_failureReason = reason;
    discardBuffered();
    Q_EMIT failed(reason);
}

} // namespace coffer::server::http
