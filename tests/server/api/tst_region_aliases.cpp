// The region in the credential scope, end to end against a running server: R2 mode
// answers to "auto" and accepts "us-east-1" and an empty region as aliases, as R2 does;
// S3 mode accepts only its own region. Header signatures and presigned URLs alike.

#include "s3testclient.h"

#include "s3/sigv4/signer.h"

#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;
namespace sigv4 = coffer::s3::sigv4;

Q_DECLARE_METATYPE(coffer::server::api::ServerMode)

class TestRegionAliases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_r2 = std::make_unique<ServerThread>(ServerMode::R2);
        QVERIFY2(m_r2->isRunning(), qPrintable(m_r2->errorString()));
        m_s3 = std::make_unique<ServerThread>(ServerMode::S3);
        QVERIFY2(m_s3->isRunning(), qPrintable(m_s3->errorString()));
        for (ServerThread *server : {m_r2.get(), m_s3.get()}) {
            S3TestClient owner(server->port(), server == m_r2.get() ? "auto" : "us-east-1");
            QCOMPARE(owner.send({"PUT", "/regions"}).status, 200);
            QCOMPARE(owner.send({"PUT", "/regions/object", {}, "region-test"}).status, 200);
        }
    }

    void cleanupTestCase()
    {
        m_r2.reset();
        m_s3.reset();
    }

    void headerSignatures_data() { table(); }
    void headerSignatures()
    {
        QFETCH(ServerMode, mode);
        QFETCH(QByteArray, region);
        QFETCH(bool, accepted);
        S3TestClient client(server(mode)->port(), region);
        const Reply reply = client.send({"GET", "/regions/object"});
        if (accepted) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, QByteArray("region-test"));
        } else {
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), QByteArray("AuthorizationHeaderMalformed"));
            QVERIFY(reply.body.contains("<Message>"));
        }
    }

    void presignedUrls_data() { table(); }
    void presignedUrls()
    {
        QFETCH(ServerMode, mode);
        QFETCH(QByteArray, region);
        QFETCH(bool, accepted);
        S3TestClient client(server(mode)->port(), region);
        sigv4::CanonicalInput input{"GET", "/regions/object", {}, {{"host", client.hostHeader()}}, {}};
        const auto query = sigv4::presignQuery(input, kKeys, region, QDateTime::currentDateTimeUtc(), 300);
        QVERIFY(query.has_value());
        QVERIFY(query->contains(QByteArray("X-Amz-Credential=" + kKeys.accessKeyId + "%2F")));
        Request request("GET", "/regions/object?" + *query);
        request.sign = false;
        const Reply reply = client.send(request);
        if (accepted) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, QByteArray("region-test"));
        } else {
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), QByteArray("AuthorizationQueryParametersError"));
        }
    }

private:
    void table()
    {
        QTest::addColumn<ServerMode>("mode");
        QTest::addColumn<QByteArray>("region");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("r2: auto") << ServerMode::R2 << QByteArray("auto") << true;
        QTest::newRow("r2: us-east-1 alias") << ServerMode::R2 << QByteArray("us-east-1") << true;
        QTest::newRow("r2: empty alias") << ServerMode::R2 << QByteArray("") << true;
        QTest::newRow("r2: another region") << ServerMode::R2 << QByteArray("ap-southeast-1") << false;
        QTest::newRow("s3: its region") << ServerMode::S3 << QByteArray("us-east-1") << true;
        QTest::newRow("s3: empty") << ServerMode::S3 << QByteArray("") << false;
        QTest::newRow("s3: auto") << ServerMode::S3 << QByteArray("auto") << false;
    }

    ServerThread *server(ServerMode mode) const { return mode == ServerMode::R2 ? m_r2.get() : m_s3.get(); }

    std::unique_ptr<ServerThread> m_r2;
    std::unique_ptr<ServerThread> m_s3;
};

QTEST_GUILESS_MAIN(TestRegionAliases)
#include "tst_region_aliases.moc"
