// The emulated Cloudflare API's outer behaviour against a real server on loopback: the
// envelope on success and failure, the bearer token, the account, the jurisdiction
// header, unknown buckets and routes, and bodies it must refuse without storing anything.

#include "cloudflare_server.h"

#include "server/cloudflare/envelope.h"

#include <QJsonArray>
#include <QTest>

using namespace coffer::server;
using namespace coffer::server::cloudflare;
using namespace coffer::server::cloudflare::test;
using namespace Qt::StringLiterals;

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

class TestCloudflareApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void answersInTheEnvelope();
    void refusesBadTokens_data();
    void refusesBadTokens();
    void refusesOtherAccounts();
    void refusesUnknownBucketsAndRoutes_data();
    void refusesUnknownBucketsAndRoutes();
    void treatsEveryBucketAsDefaultJurisdiction_data();
    void treatsEveryBucketAsDefaultJurisdiction();
    void refusesBadBodiesAndStoresNothing_data();
    void refusesBadBodiesAndStoresNothing();
    void refusesOversizedBodies();
    void leavesS3UnderTheBasePathToS3();

private:
    std::unique_ptr<CloudflareServer> m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<S3TestClient> m_s3;
};

void TestCloudflareApi::initTestCase()
{
    m_server = std::make_unique<CloudflareServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_api = std::make_unique<ApiClient>(m_server->port());
    m_s3 = std::make_unique<S3TestClient>(m_server->port());
    QCOMPARE(m_s3->send({ "PUT", "/photos" }).status, 200);
}

void TestCloudflareApi::cleanupTestCase()
{
    m_s3.reset();
    m_api.reset();
    m_server.reset();
}

void TestCloudflareApi::answersInTheEnvelope()
{
    const ApiReply reply = m_api->bucket("GET", u"photos"_s, "domains/managed");
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    QVERIFY(reply.success());
    QVERIFY(reply.envelope.value(u"errors"_s).isArray());
    QVERIFY(reply.envelope.value(u"errors"_s).toArray().isEmpty());
    QVERIFY(reply.envelope.value(u"messages"_s).isArray());
    QVERIFY(reply.result().isObject());

    const ApiReply failed = m_api->bucket("GET", u"missing-bucket"_s, "domains/managed");
    QCOMPARE(failed.status, 404);
    QCOMPARE(failed.envelope.value(u"success"_s), QJsonValue(false));
    QVERIFY(failed.envelope.value(u"result"_s).isNull());
    QCOMPARE(failed.errorCode(), errc::kNoSuchBucket);
    QVERIFY(failed.errorMessage().contains(u"missing-bucket"_s));
}

void TestCloudflareApi::refusesBadTokens_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("none") << HeaderList {} << 400 << errc::kMissingCredentials;
    QTest::newRow("not bearer") << HeaderList { { "authorization", "Basic " + kToken } } << 400
                                << errc::kAuthentication;
    QTest::newRow("empty bearer") << HeaderList { { "authorization", "Bearer " } } << 400
                                  << errc::kAuthentication;
    QTest::newRow("wrong") << HeaderList { { "authorization", "Bearer wrong-token" } } << 403
                           << errc::kAuthentication;
    QTest::newRow("prefix of the token")
        << HeaderList { { "authorization", "Bearer " + kToken.left(10) } } << 403 << errc::kAuthentication;
    QTest::newRow("token plus more") << HeaderList { { "authorization", "Bearer " + kToken + "x" } } << 403
                                     << errc::kAuthentication;
}

void TestCloudflareApi::refusesBadTokens()
{
    QFETCH(HeaderList, headers);
    QFETCH(int, status);
    QFETCH(int, code);
    const QByteArray path = "/accounts/" + kAccount.toUtf8() + "/r2/buckets/photos/domains/managed";
    const ApiReply reply = m_api->call("PUT", path, R"({"enabled":true})", headers);
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.success());
    QCOMPARE(reply.errorCode(), code);
    QVERIFY(!reply.body.contains(kToken));
    // Refused before anything ran: the bucket is still private.
    QCOMPARE(m_api->bucket("GET", u"photos"_s, "domains/managed").result()[u"enabled"_s].toBool(), false);
}

void TestCloudflareApi::refusesOtherAccounts()
{
    const ApiReply reply
        = m_api->call("GET", "/accounts/ffffffffffffffffffffffffffffffff/r2/buckets/photos/cors");
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), errc::kAuthentication);
    QVERIFY(reply.errorMessage().contains(kAccount));
}

void TestCloudflareApi::refusesUnknownBucketsAndRoutes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    const QByteArray account = "/accounts/" + kAccount.toUtf8();
    QTest::newRow("cors of missing bucket") << QByteArray("GET") << account + "/r2/buckets/nope/cors"
                                            << QByteArray() << 404 << errc::kNoSuchBucket;
    QTest::newRow("put lifecycle of missing bucket")
        << QByteArray("PUT") << account + "/r2/buckets/nope/lifecycle" << QByteArray(R"({"rules":[]})") << 404
        << errc::kNoSuchBucket;
    QTest::newRow("custom of missing bucket")
        << QByteArray("GET") << account + "/r2/buckets/nope/domains/custom" << QByteArray() << 404
        << errc::kNoSuchBucket;
    QTest::newRow("no cors yet") << QByteArray("GET") << account + "/r2/buckets/photos/cors" << QByteArray()
                                 << 404 << errc::kNoCorsConfiguration;
    QTest::newRow("unknown domain") << QByteArray("GET")
                                    << account + "/r2/buckets/photos/domains/custom/x.example.com"
                                    << QByteArray() << 404 << errc::kNoSuchDomain;
    QTest::newRow("unknown route") << QByteArray("GET") << account + "/r2/buckets/photos/metrics"
                                   << QByteArray() << 400 << errc::kNoRoute;
    QTest::newRow("wrong method") << QByteArray("POST") << account + "/r2/buckets/photos/lifecycle"
                                  << QByteArray("{}") << 405 << errc::kMethodNotAllowed;
}

void TestCloudflareApi::refusesUnknownBucketsAndRoutes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, code);
    const ApiReply reply = m_api->call(method, path, body);
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.success());
    QCOMPARE(reply.errorCode(), code);
    QVERIFY(!reply.errorMessage().isEmpty());
}

void TestCloudflareApi::treatsEveryBucketAsDefaultJurisdiction_data()
{
    QTest::addColumn<QByteArray>("jurisdiction");
    QTest::addColumn<int>("status");
    QTest::newRow("default") << QByteArray("default") << 200;
    QTest::newRow("eu") << QByteArray("eu") << 404;
    QTest::newRow("fedramp") << QByteArray("fedramp") << 404;
    QTest::newRow("unknown") << QByteArray("mars") << 400;
}

void TestCloudflareApi::treatsEveryBucketAsDefaultJurisdiction()
{
    QFETCH(QByteArray, jurisdiction);
    QFETCH(int, status);
    const QByteArray path = "/accounts/" + kAccount.toUtf8() + "/r2/buckets/photos/domains/managed";
    const ApiReply reply = m_api->call(
        "GET", path, {}, { { "authorization", "Bearer " + kToken }, { "cf-r2-jurisdiction", jurisdiction } });
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.success(), status == 200);
    if (status == 404)
        QCOMPARE(reply.errorCode(), errc::kNoSuchBucket);
}

void TestCloudflareApi::refusesBadBodiesAndStoresNothing_data()
{
    QTest::addColumn<QByteArray>("resource");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("cors not json") << QByteArray("cors") << QByteArray("{\"rules\": [");
    QTest::newRow("cors not an object") << QByteArray("cors") << QByteArray("[1, 2]");
    QTest::newRow("cors origin with a path")
        << QByteArray("cors")
        << QByteArray(R"({"rules":[{"allowed":{"origins":["https://example.com/app"],"methods":["GET"]}}]})");
    QTest::newRow("cors unknown method") << QByteArray(
        "cors") << QByteArray(R"({"rules":[{"allowed":{"origins":["*"],"methods":["PATCH"]}}]})");
    QTest::newRow("lifecycle not json") << QByteArray("lifecycle") << QByteArray("rules: none");
    QTest::newRow("lifecycle bad age")
        << QByteArray("lifecycle")
        << QByteArray(R"({"rules":[{"id":"r","enabled":true,"conditions":{"prefix":""},)"
                      R"("deleteObjectsTransition":{"condition":{"type":"Age","maxAge":"soon"}}}]})");
    QTest::newRow("managed without enabled")
        << QByteArray("domains/managed") << QByteArray(R"({"enable":true})");
    QTest::newRow("managed enabled as text")
        << QByteArray("domains/managed") << QByteArray(R"({"enabled":"yes"})");
    QTest::newRow("custom without zone")
        << QByteArray("domains/custom") << QByteArray(R"({"domain":"a.example.com","enabled":true})");
    QTest::newRow("custom with a url") << QByteArray(
        "domains/custom") << QByteArray(R"({"domain":"https://a.example.com","zoneId":"z","enabled":true})");
    QTest::newRow("custom bad tls")
        << QByteArray("domains/custom")
        << QByteArray(R"({"domain":"a.example.com","zoneId":"z","enabled":true,"minTLS":"2.0"})");
}

void TestCloudflareApi::refusesBadBodiesAndStoresNothing()
{
    QFETCH(QByteArray, resource);
    QFETCH(QByteArray, body);
    const QByteArray method = resource == "domains/custom" ? "POST" : "PUT";
    const ApiReply reply = m_api->bucket(method, u"photos"_s, resource, body);
    QCOMPARE(reply.status, 400);
    QVERIFY(!reply.success());
    QCOMPARE(reply.errorCode(), errc::kInvalidRequest);
    QVERIFY2(reply.errorMessage().contains(u"Nothing was changed"_s), qPrintable(reply.errorMessage()));

    QCOMPARE(m_api->bucket("GET", u"photos"_s, "cors").errorCode(), errc::kNoCorsConfiguration);
    QCOMPARE(m_s3->send({ "GET", "/photos?cors" }).errorCode(), QByteArray("NoSuchCORSConfiguration"));
    QCOMPARE(
        m_s3->send({ "GET", "/photos?lifecycle" }).errorCode(), QByteArray("NoSuchLifecycleConfiguration"));
    QCOMPARE(m_api->bucket("GET", u"photos"_s, "domains/managed").result()[u"enabled"_s].toBool(), false);
    QCOMPARE(m_api->bucket("GET", u"photos"_s, "domains/custom").result()[u"domains"_s].toArray().size(), 0);
}

void TestCloudflareApi::refusesOversizedBodies()
{
    // Refused from the head alone: the announced length is over the limit, no byte is read.
    const QByteArray head = "PUT " + kBasePath + "/accounts/" + kAccount.toUtf8()
        + "/r2/buckets/photos/cors HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken
        + "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n";
    const api::test::Reply reply = m_s3->sendRaw(head);
    QCOMPARE(reply.status, 413);
    QVERIFY(reply.body.contains("\"success\":false"));
    QVERIFY(reply.body.contains(QByteArray::number(errc::kInvalidRequest)));
    QCOMPARE(m_api->bucket("GET", u"photos"_s, "cors").errorCode(), errc::kNoCorsConfiguration);
}

void TestCloudflareApi::leavesS3UnderTheBasePathToS3()
{
    // A signed request whose path happens to start with the base path is S3's to answer.
    const api::test::Reply reply = m_s3->send({ "GET", kBasePath + "/accounts" });
    QVERIFY(reply.body.contains("<Error>"));
    QVERIFY(!reply.body.contains("\"success\""));
}

QTEST_GUILESS_MAIN(TestCloudflareApi)
#include "tst_cloudflare_api.moc"
