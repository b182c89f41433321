#pragma once
// The body of one request as a stream the handler pulls from. The connection appends what
// arrives and stops reading the socket while more than a bounded amount sits here unread,
// so a slow handler slows the client down instead of filling memory.
//
// readyRead(): new bytes are buffered. finished(): every byte has arrived (some may still
// be buffered: read until atEnd()); emitted once, after RequestHandler::handle() returned,
// even for an empty body, unless the response was already complete by then.
// failed(reason): the body will never be complete (client gone, too large, malformed);
// a handler that stores the body must then discard what it wrote.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace coffer::server::http {

class RequestBody : public QObject
{
    Q_OBJECT
public:
    explicit RequestBody(std::optional<qint64> expectedLength, QObject *parent = nullptr);

    qint64 bytesAvailable() const { return m_buffered; }
    QByteArray read(qint64 maxSize);
    QByteArray readAll() { return read(m_buffered); }
    bool atEnd() const { return m_complete && m_buffered == 0; }
    bool isComplete() const { return m_complete; }
    bool hasFailed() const { return m_failed; }
    QString failureReason() const { return m_failureReason; }
    std::optional<qint64> expectedLength() const { return m_expectedLength; }
    qint64 bytesReceived() const { return m_received; }

    // Connection side. The pull hook tells the connection the handler made room.
    void append(QByteArrayView data);
    void discardBuffered();
    void markComplete();
    void markFailed(const QString &reason);
    void setPullHook(std::function<void()> hook) { m_pullHook = std::move(hook); }

Q_SIGNALS:
    void readyRead();
    void finished();
    void failed(const QString &reason);

private:
    QList<QByteArray> m_chunks;
    qsizetype m_headOffset = 0; // bytes of m_chunks.first() already read
    qint64 m_buffered = 0;
    qint64 m_received = 0;
    std::optional<qint64> m_expectedLength;
    bool m_complete = false;
    bool m_failed = false;
    QString m_failureReason;
    std::function<void()> m_pullHook;
};

} // namespace coffer::server::http
