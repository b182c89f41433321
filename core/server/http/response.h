#pragma once
// The writer for one response. Headers go out at start() (or with the first write()/finish());
// a Content-Length set by the handler frames the body, otherwise HTTP/1.1 uses chunked
// framing. HEAD responses send the head only. write() never blocks: the handler writes
// while canWriteMore() and waits for readyForMore() otherwise, which keeps the bytes queued
// for a slow client bounded.

#include "server/http/requesthead.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QObject>

#include <optional>

namespace coffer::server::http {

// What a response needs from the connection it travels on.
class ResponseChannel
{
public:
    virtual ~ResponseChannel() = default;
    // The head is about to go out; answers whether the connection can stay open after it.
    virtual bool beginResponse() = 0;
    virtual void writeToClient(const QByteArray &bytes) = 0;
    virtual qint64 pendingToClient() const = 0;
    // framingIntact is false when fewer bytes than the Content-Length were written: the
    // client cannot find the end of the message, so the connection must close.
    virtual void endResponse(bool framingIntact) = 0;
};

class Response : public QObject
{
    Q_OBJECT
public:
    Response(ResponseChannel *channel, const RequestHead &request, qint64 watermark,
             QObject *parent = nullptr);

    void setStatus(int status, QByteArray reason = {});
    // Replaces every header of that name (case-insensitive); addHeader() appends one more.
    void setHeader(const QByteArray &name, const QByteArray &value);
    void addHeader(const QByteArray &name, const QByteArray &value);
    void setContentLength(qint64 length);

    bool start();
    bool write(QByteArrayView data);
    // The same, handing the bytes to the socket's queue without a copy (they are shared).
    bool write(const QByteArray &data);
    bool finish();
    // A whole small response in one call: status, Content-Type, Content-Length, body.
    bool send(int status, const QByteArray &body, const QByteArray &contentType = "application/xml");

    int status() const { return m_status; }
    bool isStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    bool isWritable() const { return m_channel != nullptr && !m_finished; }
    bool canWriteMore() const;
    qint64 bodyBytesWritten() const { return m_bodyBytes; }
    qint64 bytesPending() const { return m_channel ? m_channel->pendingToClient() : 0; }

    // The connection is gone: later writes are refused.
    void detach() { m_channel = nullptr; }

Q_SIGNALS:
    // The bytes queued for the client dropped below the watermark: write more.
    void readyForMore();

private:
    bool bodyAllowed() const;
    QByteArray composeHead(); // marks the response started
    bool writeBody(QByteArrayView data, const QByteArray *shared);

    ResponseChannel *m_channel;
    int m_status = 200;
    QByteArray m_reason;
    HeaderList m_headers; // names as the handler set them
    bool m_headRequest;
    bool m_http10;
    qint64 m_watermark;
    bool m_started = false;
    bool m_finished = false;
    bool m_chunked = false;
    std::optional<qint64> m_declaredLength;
    qint64 m_bodyBytes = 0;
};

} // namespace coffer::server::http
