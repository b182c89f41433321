// Large bodies both ways and many clients: what goes through the server streams, and the
// bytes it holds per connection stay bounded however fast the client and however slow the
// handler. Driven with QNetworkAccessManager and raw sockets.

#include "rawclient.h"
#include "testhandler.h"

#include "server/http/httpserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace coffer::server::http;
using namespace coffer::server::http::testing;

namespace {

constexpr qint64 kLarge = 64LL * 1024 * 1024;
// 1 MiB of unread body + one socket read + one parse buffer + a little: anything near the
// body size would mean the server buffered instead of streaming.
constexpr qint64 kBufferBound = 3LL * 1024 * 1024;

} // namespace

class TestHttpStreaming : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void getAndPutThroughNetworkAccessManager();
    void streamsLargeUpload();
    void streamsLargeDownload_data();
    void streamsLargeDownload();
    void answersManyConcurrentConnections();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(pathAndQuery));
    }

    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<HttpServer> m_server;
};

void TestHttpStreaming::init()
{
    m_recorder = std::make_unique<Recorder>();
    ServerConfig config;
    config.workerThreads = 2;
    m_server = std::make_unique<HttpServer>(config, testHandlerFactory(*m_recorder));
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

void TestHttpStreaming::cleanup()
{
    m_server.reset();
}

void TestHttpStreaming::getAndPutThroughNetworkAccessManager()
{
    QNetworkAccessManager manager;
    QNetworkRequest put(url(QStringLiteral("/echo/object")));
    put.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    std::unique_ptr<QNetworkReply> putReply(manager.put(put, QByteArray("stored bytes")));
    QSignalSpy putDone(putReply.get(), &QNetworkReply::finished);
    QVERIFY(putDone.wait(20'000));
    QCOMPARE(putReply->error(), QNetworkReply::NoError);
    QCOMPARE(putReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(putReply->readAll(), "stored bytes");

    for (int i = 0; i < 3; ++i) { // QNAM reuses the kept-alive connection
        std::unique_ptr<QNetworkReply> get(manager.get(QNetworkRequest(url(QStringLiteral("/echo?n=%1").arg(i)))));
        QSignalSpy done(get.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(20'000));
        QCOMPARE(get->error(), QNetworkReply::NoError);
        QCOMPARE(get->rawHeader("X-Target"), QByteArray("/echo?n=") + QByteArray::number(i));
        QCOMPARE(get->rawHeader("Server"), "Coffer");
    }
    QCOMPARE(m_recorder->handled.load(), 4);
}

void TestHttpStreaming::streamsLargeUpload()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->port()));
    m_server->resetPeakBufferedBytes();
    client.send("PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: " + QByteArray::number(kLarge) + "\r\n\r\n");
    qint64 sent = 0;
    // Keeps at most ~1 MiB queued in the client: the server must pull the rest as it goes.
    const bool allSent = QTest::qWaitFor([&] {
        while (sent < kLarge && client.socket.bytesToWrite() < 1024 * 1024) {
            QByteArray piece(qsizetype(std::min<qint64>(256 * 1024, kLarge - sent)), Qt::Uninitialized);
            for (qsizetype i = 0; i < piece.size(); ++i)
                piece[i] = patternByte(sent + i);
            client.send(piece);
            sent += piece.size();
        }
        return sent == kLarge;
    }, 240'000);
    QVERIFY2(allSent, QByteArray::number(sent).constData());
    auto response = client.next(false, 240'000);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray::number(kLarge) + " intact");
    QCOMPARE(m_recorder->bytesRead.load(), kLarge);
    const qint64 peak = m_server->peakBufferedBytes();
    QVERIFY2(peak > 0 && peak < kBufferBound, QByteArray::number(peak).constData());
}

void TestHttpStreaming::streamsLargeDownload_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length") << false;
    QTest::newRow("chunked") << true;
}

void TestHttpStreaming::streamsLargeDownload()
{
    QFETCH(bool, chunked);
    QNetworkAccessManager manager;
    const QString target = QStringLiteral("/download?size=%1%2").arg(kLarge).arg(chunked ? QStringLiteral("&chunked=1") : QString());
    m_server->resetPeakBufferedBytes();
    std::unique_ptr<QNetworkReply> reply(manager.get(QNetworkRequest(url(target))));
    reply->setReadBufferSize(256 * 1024); // a client that reads as it goes
    qint64 received = 0;
    bool intact = true;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] {
        const QByteArray chunk = reply->readAll();
        for (qsizetype i = 0; i < chunk.size() && intact; ++i)
            intact = chunk.at(i) == patternByte(received + i);
        received += chunk.size();
    });
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    QVERIFY(done.wait(240'000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    received += reply->readAll().size();
    QCOMPARE(received, kLarge);
    QVERIFY(intact);
    QCOMPARE(reply->rawHeader("Transfer-Encoding") == "chunked", chunked);
    const qint64 peak = m_server->peakBufferedBytes();
    QVERIFY2(peak > 0 && peak < kBufferBound, QByteArray::number(peak).constData());
}

void TestHttpStreaming::answersManyConcurrentConnections()
{
    constexpr int kClients = 200;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        clients.back()->socket.connectToHost(QHostAddress(QHostAddress::LocalHost), m_server->port());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [](const auto &client) {
        return client->socket.state() == QAbstractSocket::ConnectedState;
    }), 60'000);
    for (int i = 0; i < kClients; ++i)
        clients[i]->send("PUT /echo/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: h\r\nContent-Length: "
                         + QByteArray::number(QByteArray::number(i).size()) + "\r\n\r\n" + QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(m_recorder->bodiesComplete.load(), kClients, 60'000);
    for (int i = 0; i < kClients; ++i) {
        auto response = clients[i]->next();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, QByteArray::number(i));
    }
    QCOMPARE(m_server->openConnections(), kClients);
}

QTEST_GUILESS_MAIN(TestHttpStreaming)
#include "tst_httpstreaming.moc"
