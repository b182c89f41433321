#pragma once
// Request handlers the HTTP server tests run behind the server, chosen by path:
//   /echo      reads the whole body, answers it back with what it saw of the head
//   /upload    a deliberately slow reader that checks the pattern body incrementally
//   /download  streams ?size=N pattern bytes, writing only while the socket drains
//   /deny      answers 403 at once, never reading the body or allowing 100-continue
//   /limit     allows 16 bytes of body, then echoes
//   /hold      never answers (for shutdown and disconnect tests)
// What happened is counted in a Recorder the test thread reads.

#include "server/http/requesthandler.h"

#include <QTimer>
#include <QUrlQuery>

#include <atomic>
#include <memory>

namespace coffer::server::http::testing {

inline char patternByte(qint64 index)
{
    return char(index % 251);
}

struct Recorder {
    std::atomic<int> handled{0};
    std::atomic<int> bodiesComplete{0};
    std::atomic<int> bodiesFailed{0};
    std::atomic<int> aborted{0};
    std::atomic<int> continuesSent{0};
    std::atomic<qint64> bytesRead{0};
};

class TestHandler : public RequestHandler
{
public:
    explicit TestHandler(Recorder &recorder) : m_recorder(recorder) {}

    void handle(Exchange *exchange) override
    {
        ++m_recorder.handled;
        QObject::connect(exchange, &Exchange::aborted, exchange, [this] { ++m_recorder.aborted; });
        QObject::connect(exchange->body(), &RequestBody::failed, exchange,
                         [this] { ++m_recorder.bodiesFailed; });
        const QByteArrayView path = exchange->request().path();
        if (path == "/deny") {
            exchange->response()->send(403, "denied\n", "text/plain");
        } else if (path == "/hold") {
            continueIfAsked(exchange);
        } else if (path == "/download") {
            download(exchange);
        } else if (path == "/upload") {
            continueIfAsked(exchange);
            upload(exchange);
        } else {
            if (path == "/limit")
                exchange->setMaxBodySize(16);
            continueIfAsked(exchange);
            echo(exchange);
        }
    }

private:
    void continueIfAsked(Exchange *exchange)
    {
        if (exchange->expectsContinue()) {
            ++m_recorder.continuesSent;
            exchange->sendContinue();
        }
    }

    void echo(Exchange *exchange)
    {
        auto *collected = new QObject(exchange); // per-exchange state dies with the exchange
        auto data = std::make_shared<QByteArray>();
        auto collect = [this, exchange, data] {
            RequestBody *body = exchange->body();
            const QByteArray chunk = body->readAll();
            m_recorder.bytesRead += chunk.size();
            data->append(chunk);
            if (!body->atEnd() || exchange->response()->isStarted())
                return;
            ++m_recorder.bodiesComplete;
            Response *response = exchange->response();
            response->setHeader("X-Method", exchange->request().method);
            response->setHeader("X-Target", exchange->request().target);
            response->setHeader("X-Request-Id", exchange->requestId());
            response->setHeader("X-Header-Count", QByteArray::number(exchange->request().headers.size()));
            response->send(200, *data, "application/octet-stream");
        };
        QObject::connect(exchange->body(), &RequestBody::readyRead, collected, collect);
        QObject::connect(exchange->body(), &RequestBody::finished, collected, collect);
    }

    void upload(Exchange *exchange)
    {
        // Reads at most 64 KiB per timer tick: much slower than a loopback client sends, so
        // the server must hold the client back instead of buffering the whole body.
        auto *tick = new QTimer(exchange);
        tick->setInterval(1);
        auto position = std::make_shared<qint64>(0);
        auto intact = std::make_shared<bool>(true);
        QObject::connect(tick, &QTimer::timeout, exchange, [this, exchange, tick, position, intact] {
            RequestBody *body = exchange->body();
            if (body->hasFailed()) {
                tick->stop();
                return;
            }
            const QByteArray chunk = body->read(64 * 1024);
            for (qsizetype i = 0; i < chunk.size() && *intact; ++i)
                *intact = chunk.at(i) == patternByte(*position + i);
            *position += chunk.size();
            m_recorder.bytesRead += chunk.size();
            if (!body->atEnd())
                return;
            tick->stop();
            ++m_recorder.bodiesComplete;
            exchange->response()->send(200, QByteArray::number(*position) + (*intact ? " intact" : " corrupt"),
                                       "text/plain");
        });
        tick->start();
    }

    void download(Exchange *exchange)
    {
        const QUrlQuery query(QString::fromLatin1(exchange->request().query()));
        const qint64 size = query.queryItemValue(QStringLiteral("size")).toLongLong();
        Response *response = exchange->response();
        if (query.queryItemValue(QStringLiteral("chunked")) != QStringLiteral("1"))
            response->setContentLength(size);
        response->start();
        auto position = std::make_shared<qint64>(0);
        auto pump = [response, size, position] {
            while (*position < size && response->canWriteMore()) {
                const qint64 n = std::min<qint64>(64 * 1024, size - *position);
                QByteArray piece(qsizetype(n), Qt::Uninitialized);
                for (qsizetype i = 0; i < piece.size(); ++i)
                    piece[i] = patternByte(*position + i);
                response->write(piece);
                *position += n;
            }
            if (*position == size && !response->isFinished())
                response->finish();
        };
        QObject::connect(response, &Response::readyForMore, response, pump);
        pump();
    }

    Recorder &m_recorder;
};

inline HandlerFactory testHandlerFactory(Recorder &recorder)
{
    return [&recorder] { return std::make_unique<TestHandler>(recorder); };
}

} // namespace coffer::server::http::testing
