// Virtual-hosted addressing end to end over raw HTTP: with a base host configured,
// "Host: <bucket>.<base>:port" reaches the bucket (the signature covers that Host), and
// path-style keeps working beside it; without a base, a bucket-looking Host is just a
// name and the path decides, as path-style always does.

#include "s3testclient.h"

#include "s3/sigv4/digest.h"
#include "s3/sigv4/signer.h"

#include <QTest>
#include <QThread>

using namespace coffer::server::api;
using namespace coffer::server::api::test;
namespace sigv4 = coffer::s3::sigv4;

namespace {

const QByteArray kBase = "s3.coffer.test";

// A server with a router configuration of the test's choosing, on its own thread (the
// test blocks on sockets while the acceptor needs an event loop).
class HostedServer
{
public:
    explicit HostedServer(const QByteArray &virtualHostBase)
    {
        S3ServerOptions options;
        options.dataDirectory = m_dir.path();
        options.service.credentials = kKeys;
        options.service.router.virtualHostBase = virtualHostBase;
        options.workerThreads = 2;
        m_server = new S3Server(options);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(m_server, [this] {
            m_running = m_server->start();
            m_error = m_server->errorString();
        }, Qt::BlockingQueuedConnection);
    }
    ~HostedServer()
    {
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_server->port(); }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    S3Server *m_server = nullptr;
    bool m_running = false;
    QString m_error;
};

// A signed request with the Host header given, as a virtual-hosted client sends it.
Reply sendTo(quint16 port, const QByteArray &host, const QByteArray &method, const QByteArray &target,
             const QByteArray &body = {}, const QByteArray &signedHost = {})
{
    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    const QByteArray query = question < 0 ? QByteArray() : target.mid(question + 1);
    // signedHost differs from host only when a test wants a signature over another name.
    sigv4::CanonicalInput input{method, path, sigv4::parseQuery(query),
                                {{"host", signedHost.isEmpty() ? host : signedHost}}, sigv4::sha256Hex(body)};
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : sigv4::signHeaders(input, kKeys, "auto", QDateTime::currentDateTimeUtc()))
        bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return S3TestClient(port).sendRaw(bytes);
}

} // namespace

class TestVirtualHosts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_hosted = std::make_unique<HostedServer>(kBase);
        QVERIFY2(m_hosted->isRunning(), qPrintable(m_hosted->errorString()));
        m_plain = std::make_unique<HostedServer>(QByteArray());
        QVERIFY2(m_plain->isRunning(), qPrintable(m_plain->errorString()));
    }

    void cleanupTestCase()
    {
        m_hosted.reset();
        m_plain.reset();
    }

    void bucketFromTheHost_data()
    {
        QTest::addColumn<QByteArray>("bucket");
        QTest::addColumn<QByteArray>("hostSuffix"); // after "<bucket>."
        QTest::newRow("with port") << QByteArray("vh-port") << QByteArray(kBase + ":PORT");
        QTest::newRow("without port") << QByteArray("vh-noport") << kBase;
        QTest::newRow("upper case") << QByteArray("vh-upper") << QByteArray("S3.Coffer.TEST:PORT");
        QTest::newRow("trailing dot") << QByteArray("vh-dot") << QByteArray(kBase + ".:PORT");
    }
    void bucketFromTheHost()
    {
        QFETCH(QByteArray, bucket);
        QFETCH(QByteArray, hostSuffix);
        const quint16 port = m_hosted->port();
        const QByteArray host = bucket + '.' + QByteArray(hostSuffix).replace("PORT", QByteArray::number(port));

        // CreateBucket is "PUT /" on the bucket's own host.
        const Reply created = sendTo(port, host, "PUT", "/");
        QVERIFY2(created.status == 200, created.body.constData());
        const QByteArray data = "virtually hosted " + bucket;
        QCOMPARE(sendTo(port, host, "PUT", "/dir/a%20b%2Bc.txt", data).status, 200);

        const Reply got = sendTo(port, host, "GET", "/dir/a%20b%2Bc.txt");
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, data);
        // The same object, path-style, on the same server.
        S3TestClient pathStyle(port);
        const Reply viaPath = pathStyle.send({"GET", "/" + bucket + "/dir/a%20b%2Bc.txt"});
        QCOMPARE(viaPath.status, 200);
        QCOMPARE(viaPath.body, data);

        // ListObjectsV2 is "GET /?list-type=2" on the bucket's host.
        const Reply listed = sendTo(port, host, "GET", "/?list-type=2&prefix=dir%2F");
        QCOMPARE(listed.status, 200);
        QVERIFY(listed.body.contains(QByteArray("<Name>" + bucket + "</Name>")));
        QVERIFY(listed.body.contains("<Key>dir/a b+c.txt</Key>"));

        QCOMPARE(sendTo(port, host, "DELETE", "/dir/a%20b%2Bc.txt").status, 204);
        QCOMPARE(sendTo(port, host, "GET", "/dir/a%20b%2Bc.txt").errorCode(), QByteArray("NoSuchKey"));
        QCOMPARE(sendTo(port, host, "DELETE", "/").status, 204);
        QCOMPARE(pathStyle.send({"HEAD", "/" + bucket}).status, 404);
    }

    void signatureCoversTheBucketInTheHost()
    {
        const quint16 port = m_hosted->port();
        const QByteArray host = "signed." + kBase + ':' + QByteArray::number(port);
        QCOMPARE(sendTo(port, host, "PUT", "/").status, 200);
        // Signed for the bare base host but sent to the bucket's host: another request.
        const Reply respelled = sendTo(port, host, "GET", "/?list-type=2", {}, kBase + ':' + QByteArray::number(port));
        QCOMPARE(respelled.status, 403);
        QCOMPARE(respelled.errorCode(), QByteArray("SignatureDoesNotMatch"));
        QCOMPARE(sendTo(port, host, "GET", "/?list-type=2").status, 200);
    }

    void baseHostAloneIsTheService()
    {
        // The base name itself (and 127.0.0.1) addresses the service: ListBuckets.
        const quint16 port = m_hosted->port();
        const Reply service = sendTo(port, kBase + ':' + QByteArray::number(port), "GET", "/");
        QCOMPARE(service.status, 200);
        QVERIFY(service.body.contains("<ListAllMyBucketsResult"));
        const Reply other = sendTo(port, "elsewhere.example:" + QByteArray::number(port), "GET", "/");
        QCOMPARE(other.status, 200);
        QVERIFY(other.body.contains("<ListAllMyBucketsResult"));
    }

    void offWithoutABase()
    {
        const quint16 port = m_plain->port();
        S3TestClient pathStyle(port);
        QCOMPARE(pathStyle.send({"PUT", "/plain"}).status, 200);
        QCOMPARE(pathStyle.send({"PUT", "/plain/key", {}, "path style"}).status, 200);
        // The Host names bucket "plain", but without a base the path is all that counts:
        // "/key" is the bucket "key", which does not exist.
        const Reply hosted = sendTo(port, "plain." + kBase + ':' + QByteArray::number(port), "GET", "/key");
        QCOMPARE(hosted.status, 404);
        QCOMPARE(hosted.errorCode(), QByteArray("NoSuchBucket"));
        const Reply root = sendTo(port, "plain." + kBase + ':' + QByteArray::number(port), "GET", "/");
        QVERIFY(root.body.contains("<ListAllMyBucketsResult"));
        const Reply viaPath = sendTo(port, "plain." + kBase + ':' + QByteArray::number(port), "GET", "/plain/key");
        QCOMPARE(viaPath.status, 200);
        QCOMPARE(viaPath.body, QByteArray("path style"));
    }

private:
    std::unique_ptr<HostedServer> m_hosted;
    std::unique_ptr<HostedServer> m_plain;
};

QTEST_GUILESS_MAIN(TestVirtualHosts)
#include "tst_virtual_hosts.moc"
