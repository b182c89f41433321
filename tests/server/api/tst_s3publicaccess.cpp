// S3 mode's public access end to end: a bucket policy granting s3:GetObject to everyone
// opens anonymous reads, PublicAccessBlock closes them again, and GetBucketPolicyStatus
// reports which it is. Also the R2 mode's part-size rule is not applied here.

#include "s3testclient.h"

#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;

namespace {

const QByteArray kPublicPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                                 "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::site/*\"}]}";

Request anonymous(const QByteArray &method, const QByteArray &target)
{
    Request request(method, target);
    request.sign = false;
    return request;
}

} // namespace

class TestS3PublicAccess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void policyOpensAnonymousReads();
    void publicAccessBlockClosesThem();
    void refusesMalformedPolicies_data();
    void refusesMalformedPolicies();

private:
    std::unique_ptr<ServerThread> m_server;
    std::unique_ptr<S3TestClient> m_client;
};

void TestS3PublicAccess::initTestCase()
{
    m_server = std::make_unique<ServerThread>(ServerMode::S3);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<S3TestClient>(m_server->port(), "us-east-1");
    QCOMPARE(m_client->send({"PUT", "/site"}).status, 200);
    QCOMPARE(m_client->send({"PUT", "/site/index.html", {}, "<h1>hi</h1>"}).status, 200);
}

void TestS3PublicAccess::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void TestS3PublicAccess::policyOpensAnonymousReads()
{
    QCOMPARE(m_client->send(anonymous("GET", "/site/index.html")).errorCode(), QByteArray("AccessDenied"));
    QCOMPARE(m_client->send({"GET", "/site?policy"}).errorCode(), QByteArray("NoSuchBucketPolicy"));
    QVERIFY(m_client->send({"GET", "/site?policyStatus"}).body.contains("<IsPublic>false</IsPublic>"));

    QCOMPARE(m_client->send({"PUT", "/site?policy", {}, kPublicPolicy}).status, 204);
    QCOMPARE(m_client->send({"GET", "/site?policy"}).body, kPublicPolicy);
    QVERIFY(m_client->send({"GET", "/site?policyStatus"}).body.contains("<IsPublic>true</IsPublic>"));
    const Reply read = m_client->send(anonymous("GET", "/site/index.html"));
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray("<h1>hi</h1>"));
    QCOMPARE(m_client->send(anonymous("HEAD", "/site/index.html")).status, 200);
    QCOMPARE(m_client->send(anonymous("DELETE", "/site/index.html")).errorCode(), QByteArray("AccessDenied"));

    QCOMPARE(m_client->send({"DELETE", "/site?policy"}).status, 204);
    QCOMPARE(m_client->send(anonymous("GET", "/site/index.html")).errorCode(), QByteArray("AccessDenied"));
}

void TestS3PublicAccess::publicAccessBlockClosesThem()
{
    QCOMPARE(m_client->send({"PUT", "/site?policy", {}, kPublicPolicy}).status, 204);
    QCOMPARE(m_client->send(anonymous("GET", "/site/index.html")).status, 200);
    const QByteArray restrict = "<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets>"
                                "<BlockPublicPolicy>true</BlockPublicPolicy></PublicAccessBlockConfiguration>";
    QCOMPARE(m_client->send({"PUT", "/site?publicAccessBlock", {}, restrict}).status, 200);
    QVERIFY(m_client->send({"GET", "/site?publicAccessBlock"}).body.contains("<RestrictPublicBuckets>true</RestrictPublicBuckets>"));
    QCOMPARE(m_client->send(anonymous("GET", "/site/index.html")).errorCode(), QByteArray("AccessDenied"));
    // BlockPublicPolicy refuses a new public policy.
    QCOMPARE(m_client->send({"PUT", "/site?policy", {}, kPublicPolicy}).errorCode(), QByteArray("AccessDenied"));
    QCOMPARE(m_client->send({"DELETE", "/site?publicAccessBlock"}).status, 204);
    QCOMPARE(m_client->send({"GET", "/site?publicAccessBlock"}).errorCode(), QByteArray("NoSuchPublicAccessBlockConfiguration"));
    QCOMPARE(m_client->send(anonymous("GET", "/site/index.html")).status, 200);
    QCOMPARE(m_client->send({"DELETE", "/site?policy"}).status, 204);
}

void TestS3PublicAccess::refusesMalformedPolicies_data()
{
    QTest::addColumn<QByteArray>("policy");
    QTest::newRow("not json") << QByteArray("{nope");
    QTest::newRow("no statement") << QByteArray("{\"Version\":\"2012-10-17\"}");
    QTest::newRow("bad effect") << QByteArray("{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"s3:GetObject\"}]}");
    QTest::newRow("no action") << QByteArray("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}");
}

void TestS3PublicAccess::refusesMalformedPolicies()
{
    QFETCH(QByteArray, policy);
    const Reply reply = m_client->send({"PUT", "/site?policy", {}, policy});
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QByteArray("MalformedPolicy"));
}

QTEST_GUILESS_MAIN(TestS3PublicAccess)
#include "tst_s3publicaccess.moc"
