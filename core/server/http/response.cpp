#include "server/http/response.h"

#include "lcServer.h"
#include "server/http/wireformat.h"

#include <algorithm>

namespace coffer::server::http {

namespace {
constexpr qsizetype kCoalesceLimit = 16 * 1024;
} // namespace

Response::Response(ResponseChannel *channel, const RequestHead &request, qint64 watermark,
                   QObject *parent)
    : QObject(parent)
    , m_channel(channel)
    , m_headRequest(request.isHead())
    , m_http10(request.versionMinor == 0)
    , m_watermark(watermark)
{
}

void Response::setStatus(int status, QByteArray reason)
{
    if (m_started)
        return;
    m_status = status;
    m_reason = std::move(reason);
}

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    if (m_started)
        return;
    m_headers.removeIf([&name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    m_headers.append({name, value});
}

void Response::addHeader(const QByteArray &name, const QByteArray &value)
{
    if (!m_started)
        m_headers.append({name, value});
}

void Response::setContentLength(qint64 length)
{
    setHeader("Content-Length", QByteArray::number(length));
}

bool Response::bodyAllowed() const
{
    return !m_headRequest && m_status != 204 && m_status != 304 && m_status >= 200;
}

bool Response::start()
{
    if (m_started || !m_channel)
        return false;
    m_channel->writeToClient(composeHead());
    return true;
}

QByteArray Response::composeHead()
{
    m_started = true;

    bool hasDate = false;
    bool hasServer = false;
    for (auto it = m_headers.begin(); it != m_headers.end();) {
        const QByteArray lower = it->first.toLower();
        // Framing and connection management belong to this layer, not to the handler.
        if (lower == "transfer-encoding" || lower == "connection") {
            it = m_headers.erase(it);
            continue;
        }
        if (lower == "content-length") {
            bool ok = false;
            const qint64 length = it->second.trimmed().toLongLong(&ok);
            if (ok && length >= 0)
                m_declaredLength = length;
        }
        hasDate = hasDate || lower == "date";
        hasServer = hasServer || lower == "server";
        ++it;
    }

    bool keepAlive = m_channel->beginResponse();
    const bool sendsBody = bodyAllowed();
    if (sendsBody && !m_declaredLength) {
        if (m_http10)
            keepAlive = false; // the end of the body is the end of the connection
        else
            m_chunked = true;
    }

    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_status) + ' '
        + (m_reason.isEmpty() ? reasonPhrase(m_status) : m_reason) + "\r\n";
    if (!hasDate)
        head += "Date: " + currentHttpDate() + "\r\n";
    if (!hasServer)
        head += "Server: Coffer\r\n";
    for (const auto &[name, value] : std::as_const(m_headers))
        head += name + ": " + value + "\r\n";
    if (m_chunked)
        head += "Transfer-Encoding: chunked\r\n";
    if (!keepAlive)
        head += "Connection: close\r\n";
    else if (m_http10)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

bool Response::write(QByteArrayView data)
{
    return writeBody(data, nullptr);
}

bool Response::write(const QByteArray &data)
{
    return writeBody(data, &data);
}

// shared, when given, holds the same bytes as data: queued as it is, not copied.
bool Response::writeBody(QByteArrayView data, const QByteArray *shared)
{
    if (!m_started && m_channel) {
        QByteArray head = composeHead();
        // A small body travels in the head's buffer: one write, one segment on the wire.
        if (!data.isEmpty() && data.size() <= kCoalesceLimit && bodyAllowed() && !m_chunked
            && m_declaredLength && data.size() <= *m_declaredLength - m_bodyBytes) {
            head.append(data);
            m_channel->writeToClient(head);
            m_bodyBytes += data.size();
            return true;
        }
        m_channel->writeToClient(head);
    }
    if (!m_channel || m_finished)
        return false;
    if (data.isEmpty())
        return true;
    if (!bodyAllowed()) {
        m_bodyBytes += data.size();
        return true;
    }
    if (m_chunked) {
        m_channel->writeToClient(chunkFrame(data));
        m_bodyBytes += data.size();
        return true;
    }
    if (m_declaredLength) {
        const qint64 room = *m_declaredLength - m_bodyBytes;
        if (data.size() > room) {
            qCWarning(lcServer) << "response body longer than its Content-Length; extra bytes dropped";
            if (room > 0)
                m_channel->writeToClient(data.first(qsizetype(room)).toByteArray());
            m_bodyBytes += std::max<qint64>(room, 0);
            return false;
        }
    }
    m_channel->writeToClient(shared ? *shared : data.toByteArray());
    m_bodyBytes += data.size();
    return true;
}

bool Response::finish()
{
    if (m_finished)
        return false;
    if (!m_started) {
        if (bodyAllowed() && !m_declaredLength) {
            bool hasLength = false;
            for (const auto &header : std::as_const(m_headers))
                hasLength = hasLength || header.first.compare("content-length", Qt::CaseInsensitive) == 0;
            if (!hasLength)
                setContentLength(0);
        }
        start();
    }
    if (!m_channel)
        return false;
    m_finished = true;
    bool intact = true;
    if (m_chunked) {
        m_channel->writeToClient(QByteArrayLiteral("0\r\n\r\n"));
    } else if (bodyAllowed() && m_declaredLength && m_bodyBytes < *m_declaredLength) {
        qCWarning(lcServer) << "response finished after" << m_bodyBytes << "of"
                            << *m_declaredLength << "declared bytes; closing the connection";
        intact = false;
    }
    m_channel->endResponse(intact);
    return true;
}

bool Response::send(int status, const QByteArray &body, const QByteArray &contentType)
{
    if (m_started)
        return false;
    setStatus(status);
    if (!body.isEmpty() || !contentType.isEmpty())
        setHeader("Content-Type", contentType);
    setContentLength(body.size());
    write(body); // starts the response, with the body in the same write when small
    return finish();
}

bool Response::canWriteMore() const
{
    return m_channel && !m_finished && m_channel->pendingToClient() < m_watermark;
}

} // namespace coffer::server::http
