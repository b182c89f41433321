// The HTTP/1.1 server driven with raw bytes over loopback sockets: framing, keep-alive,
// pipelining, 100-continue, early answers, limits, timeouts, logging and shutdown.

#include "rawclient.h"
#include "testhandler.h"

#include "server/http/httpserver.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace coffer::server::http;
using namespace coffer::server::http::testing;

class TestHttpServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listensOnEphemeralPort();
    void answersGetAndPut();
    void keepsTargetRaw_data();
    void keepsTargetRaw();
    void servesSeveralRequestsOnOneConnection();
    void answersPipelinedRequestsInOrder();
    void decodesChunkedRequestBody();
    void continuesWhenHandlerAllows();
    void refusesContinueWithFinalStatus();
    void drainsSmallBodyAfterEarlyAnswer();
    void closesAfterEarlyAnswerToLargeBody();
    void rejectsBodyOverHandlerLimit();
    void reportsClientDisconnectMidBody();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void sendsNoBodyForHead();
    void closesIdleConnection();
    void answers408ToSlowHead();
    void logsMaskedTargets();
    void stopsWithOpenConnections();

private:
    void startServer(ServerConfig config = {});

    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<HttpServer> m_server;
    QList<ExchangeLog> m_logs;
};

void TestHttpServer::init()
{
    m_recorder = std::make_unique<Recorder>();
    m_logs.clear();
}

void TestHttpServer::cleanup()
{
    m_server.reset();
}

void TestHttpServer::startServer(ServerConfig config)
{
    if (config.workerThreads == 0)
        config.workerThreads = 2;
    m_server = std::make_unique<HttpServer>(config, testHandlerFactory(*m_recorder));
    connect(m_server.get(), &HttpServer::exchangeLogged, this,
            [this](const ExchangeLog &entry) { m_logs.append(entry); });
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

void TestHttpServer::listensOnEphemeralPort()
{
    startServer();
    QVERIFY(m_server->port() != 0);
    QCOMPARE(m_server->address(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(m_server->workerCount(), 2);

    ServerConfig taken;
    taken.port = m_server->port();
    HttpServer second(taken, testHandlerFactory(*m_recorder));
    QVERIFY(!second.listen());
    QVERIFY(second.errorString().contains(QString::number(taken.port)));
}

void TestHttpServer::answersGetAndPut()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
    auto get = client.next();
    QVERIFY(get);
    QCOMPARE(get->status, 200);
    QCOMPARE(get->header("server"), "Coffer");
    QVERIFY(get->header("date").endsWith(" GMT"));
    QCOMPARE(get->header("x-method"), "GET");
    QCOMPARE(get->header("content-length"), "0");
    QCOMPARE(get->header("x-request-id").size(), 16);

    client.send("PUT /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
    auto put = client.next();
    QVERIFY(put);
    QCOMPARE(put->status, 200);
    QCOMPARE(put->body, "hello");
    QCOMPARE(put->header("x-method"), "PUT");
    QCOMPARE(m_recorder->bodiesComplete.load(), 2);
}

void TestHttpServer::keepsTargetRaw_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("encoded slash and dots") << QByteArray("/b/a%2Fb//c/./d/../e");
    QTest::newRow("query order") << QByteArray("/b?z=1&a=%20&list-type=2");
    QTest::newRow("plus and tilde") << QByteArray("/b/a+b~c");
    QTest::newRow("absolute form") << QByteArray("http://h/b/k");
}

void TestHttpServer::keepsTargetRaw()
{
    QFETCH(QByteArray, target);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("x-target"), target);
}

void TestHttpServer::servesSeveralRequestsOnOneConnection()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QSet<QByteArray> ids;
    for (int i = 0; i < 5; ++i) {
        const QByteArray body = QByteArray::number(i * 1000);
        client.send("PUT /echo/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: h\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->body, body);
        QCOMPARE(response->header("connection"), QByteArray());
        ids.insert(response->header("x-request-id"));
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
}

void TestHttpServer::answersPipelinedRequestsInOrder()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /echo/1 HTTP/1.1\r\nHost: h\r\n\r\n"
                "PUT /echo/2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                "GET /echo/3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    for (const QByteArray target : {"/echo/1", "/echo/2", "/echo/3"}) {
        auto response = client.next();
        QVERIFY(response);
        QCOMPARE(response->header("x-target"), target);
    }
    QVERIFY(client.waitClosed());
}

void TestHttpServer::decodesChunkedRequestBody()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                "4\r\nWiki\r\n");
    QTRY_COMPARE(m_recorder->handled.load(), 1);
    client.send("6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->body, "Wikipedia in \r\n\r\nchunks.");
}

void TestHttpServer::continuesWhenHandlerAllows()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    auto interim = client.next();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QCOMPARE(m_recorder->continuesSent.load(), 1);
    client.send("data");
    auto final = client.next();
    QVERIFY(final);
    QCOMPARE(final->status, 200);
    QCOMPARE(final->body, "data");
}

void TestHttpServer::refusesContinueWithFinalStatus()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /deny HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 403); // and no 100 before it
    QCOMPARE(response->header("connection"), "close");
    QVERIFY(client.waitClosed());
    QCOMPARE(m_recorder->continuesSent.load(), 0);
    QCOMPARE(m_recorder->bytesRead.load(), 0);
}

void TestHttpServer::drainsSmallBodyAfterEarlyAnswer()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /deny HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789"
                "GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
    auto denied = client.next();
    QVERIFY(denied);
    QCOMPARE(denied->status, 403);
    QCOMPARE(denied->header("connection"), QByteArray());
    auto next = client.next();
    QVERIFY(next);
    QCOMPARE(next->status, 200);
    QCOMPARE(next->header("x-target"), "/echo");
}

void TestHttpServer::closesAfterEarlyAnswerToLargeBody()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /deny HTTP/1.1\r\nHost: h\r\nContent-Length: 100000000\r\n\r\n"
                + QByteArray(100'000, 'x'));
    auto denied = client.next();
    QVERIFY(denied);
    QCOMPARE(denied->status, 403);
    QCOMPARE(denied->header("connection"), "close");
    QVERIFY(client.waitClosed());
}

void TestHttpServer::rejectsBodyOverHandlerLimit()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /limit HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QVERIFY(client.waitClosed());
    QTRY_COMPARE(m_recorder->bodiesFailed.load(), 1);
    QCOMPARE(m_recorder->bodiesComplete.load(), 0);
}

void TestHttpServer::reportsClientDisconnectMidBody()
{
    startServer();
    {
        RawClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 1048576\r\n\r\n");
        QByteArray part(5000, Qt::Uninitialized);
        for (qsizetype i = 0; i < part.size(); ++i)
            part[i] = patternByte(i);
        client.send(part);
        QTRY_COMPARE(m_recorder->bytesRead.load(), part.size());
        client.socket.abort();
    }
    QTRY_COMPARE(m_recorder->bodiesFailed.load(), 1);
    QTRY_COMPARE(m_recorder->aborted.load(), 1);
    QCOMPARE(m_recorder->bodiesComplete.load(), 0);
    QTRY_COMPARE(m_server->openConnections(), 0);
    QTRY_COMPARE(m_logs.size(), 1);
    QVERIFY(m_logs.first().aborted);
}

void TestHttpServer::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00garbage\r\n\r\n") << 400;
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n") << 400;
    QTest::newRow("oversized headers")
        << "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n" << 431;
    QTest::newRow("long target") << "GET /" + QByteArray(20 * 1024, 'a') + " HTTP/1.1\r\n\r\n" << 414;
    QTest::newRow("gzip transfer") << QByteArray("PUT / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
}

void TestHttpServer::rejectsBadRequests()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send(wire);
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->header("connection"), "close");
    QCOMPARE(response->header("server"), "Coffer");
    QVERIFY(!response->body.isEmpty());
    QVERIFY(client.waitClosed());
    QCOMPARE(m_recorder->handled.load(), 0);
}

void TestHttpServer::sendsNoBodyForHead()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("HEAD /download?size=1000 HTTP/1.1\r\nHost: h\r\n\r\n");
    auto head = client.next(true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QCOMPARE(head->header("content-length"), "1000");
    // Had any body byte been sent, this next response would not parse.
    client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
    auto next = client.next();
    QVERIFY(next);
    QCOMPARE(next->status, 200);
    QCOMPARE(next->header("x-target"), "/echo");
}

void TestHttpServer::closesIdleConnection()
{
    ServerConfig config;
    config.idleTimeout = std::chrono::milliseconds(200);
    startServer(config);
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(client.next());
    QVERIFY(client.waitClosed(10'000));
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestHttpServer::answers408ToSlowHead()
{
    ServerConfig config;
    config.headerTimeout = std::chrono::milliseconds(200);
    startServer(config);
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /echo HTTP/1.1\r\nHost: h\r\nX-Slow");
    auto response = client.next(false, 10'000);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QVERIFY(client.waitClosed());
    QCOMPARE(m_recorder->handled.load(), 0);
}

void TestHttpServer::logsMaskedTargets()
{
    startServer();
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("PUT /echo/k?X-Amz-Credential=AKIDEXAMPLE%2F20150830&prefix=a"
                "&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
                " HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
    QVERIFY(client.next());
    QTRY_COMPARE(m_logs.size(), 1);
    const ExchangeLog &entry = m_logs.first();
    QCOMPARE(entry.status, 200);
    QCOMPARE(entry.bytesIn, 3);
    QCOMPARE(entry.bytesOut, 3);
    QCOMPARE(entry.maskedTarget, "/echo/k?X-Amz-Credential=***&prefix=a&X-Amz-Signature=***");
    const QByteArray line = entry.toLine();
    QVERIFY(line.startsWith("PUT /echo/k?"));
    QVERIFY(!line.contains("AKIDEXAMPLE"));
    QVERIFY(!line.contains("5d672d79"));
    QVERIFY(line.contains(" 200 "));
}

void TestHttpServer::stopsWithOpenConnections()
{
    ServerConfig config;
    config.shutdownGrace = std::chrono::milliseconds(300);
    startServer(config);
    RawClient idle;
    RawClient busy;
    RawClient partial;
    QVERIFY(idle.connectTo(m_server->port()));
    QVERIFY(busy.connectTo(m_server->port()));
    QVERIFY(partial.connectTo(m_server->port()));
    idle.send("GET /echo HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(idle.next());
    busy.send("PUT /hold HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123");
    partial.send("GET /echo HTTP/1.1\r\nHo");
    QTRY_COMPARE(m_recorder->handled.load(), 2);
    QTRY_COMPARE(m_server->openConnections(), 3);

    m_server->stop();
    QVERIFY(!m_server->isListening());
    QCOMPARE(m_server->openConnections(), 0);
    QCOMPARE(m_recorder->aborted.load(), 1);
    QCOMPARE(m_recorder->bodiesFailed.load(), 1);
    QVERIFY(idle.waitClosed());
    QVERIFY(busy.waitClosed());
    QVERIFY(partial.waitClosed());
    m_server->stop(); // a second stop is harmless
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
