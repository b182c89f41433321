#pragma once
// Incremental HTTP/1.1 request parser on llhttp, with no sockets: bytes go in, in slices
// of any size, and the parser reports a request head, body bytes (chunked framing already
// decoded) and the end of each message to a sink.
//
// It stops at two points so the connection above can decide what happens next: after a
// head (resumeBody() lets the body through, e.g. once the handler allowed 100-continue) and
// after a complete message (nextMessage(), so pipelined requests wait their turn).
// Limits are checked here and turn into the status code the client should get.

#include "server/http/requesthead.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace coffer::server::http {

struct ParserLimits {
    qsizetype maxHeaderBytes = 64 * 1024; // request line + header section (and trailers)
    qsizetype maxTargetBytes = 16 * 1024; // request target alone
};

struct ParseError {
    int status = 0;    // the 4xx/5xx to answer with (0: no error)
    QByteArray reason; // for the log and the response body, never client secrets
};

class RequestSink
{
public:
    virtual ~RequestSink() = default;
    virtual void onRequestHead(RequestHead head) = 0;
    virtual void onRequestBody(QByteArrayView data) = 0;
    virtual void onRequestComplete() = 0;
};

class RequestParser
{
public:
    enum class State {
        AwaitingHead, // between messages or inside a head
        HeadParsed,   // paused after a head: call resumeBody()
        InBody,
        Complete,     // paused after a message: call nextMessage()
        Failed,
    };

    explicit RequestParser(RequestSink &sink, ParserLimits limits = {});
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    // Parses what it can of data and returns how many bytes it used. It uses fewer than
    // given when it stops after a head or a message, or fails; the rest is for later.
    qsizetype feed(QByteArrayView data);
    void resumeBody();
    void nextMessage();

    State state() const { return m_state; }
    bool hasPartialHead() const { return m_state == State::AwaitingHead && m_headBytes > 0; }
    const ParseError &error() const { return m_error; }

private:
    struct Impl;
    friend struct Impl;
    void fail(int status, QByteArray reason);

    RequestSink &m_sink;
    ParserLimits m_limits;
    std::unique_ptr<Impl> m_impl;
    State m_state = State::AwaitingHead;
    qsizetype m_headBytes = 0; // bytes fed since the current head began
    ParseError m_error;
};

} // namespace coffer::server::http
