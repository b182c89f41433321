// CORS and lifecycle through the emulated REST API and through S3 are one configuration:
// what one API writes, the other reads back, and the rules a REST PUT sets are the ones
// the server applies (a preflight answered from them).

#include "cloudflare_server.h"

#include "s3/json/cloudflare_json.h"
#include "s3/xml/documents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace coffer::server;
using namespace coffer::server::cloudflare;
using namespace coffer::server::cloudflare::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kRestCors
    = R"({"rules":[{"id":"browser uploads","allowed":{"origins":["https://app.example.com"],)"
      R"("methods":["GET","PUT"],"headers":["content-type"]},"exposeHeaders":["ETag"],)"
      R"("maxAgeSeconds":3600}]})";

const QByteArray kS3Cors = "<CORSConfiguration><CORSRule><ID>reads</ID><AllowedOrigin>*</AllowedOrigin>"
                           "<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>"
                           "<MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>";

const QByteArray kRestLifecycle
    = R"({"rules":[{"id":"expire logs","enabled":true,"conditions":{"prefix":"logs/"},)"
      R"("deleteObjectsTransition":{"condition":{"type":"Age","maxAge":2592000}}},)"
      R"({"id":"abort uploads","enabled":false,"conditions":{"prefix":""},)"
      R"("abortMultipartUploadsTransition":{"condition":{"type":"Age","maxAge":604800}}}]})";

const QByteArray kS3Lifecycle
    = "<LifecycleConfiguration><Rule><ID>to ia</ID><Filter><Prefix>archive/</Prefix>"
      "</Filter><Status>Enabled</Status><Transition><Days>30</Days>"
      "<StorageClass>STANDARD_IA</StorageClass></Transition></Rule></LifecycleConfiguration>";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestCloudflareConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void corsFromRestIsReadOverS3();
    void corsFromS3IsReadOverRest();
    void corsFromRestAnswersPreflights();
    void deletingCorsOverRestRemovesIt();
    void lifecycleFromRestIsReadOverS3();
    void lifecycleFromS3IsReadOverRest();
    void emptyRulesRemoveTheConfiguration();

private:
    std::unique_ptr<CloudflareServer> m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<S3TestClient> m_s3;
};

void TestCloudflareConfig::initTestCase()
{
    m_server = std::make_unique<CloudflareServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_api = std::make_unique<ApiClient>(m_server->port());
    m_s3 = std::make_unique<S3TestClient>(m_server->port());
    QCOMPARE(m_s3->send({ "PUT", "/site" }).status, 200);
}

void TestCloudflareConfig::cleanupTestCase()
{
    m_s3.reset();
    m_api.reset();
    m_server.reset();
}

void TestCloudflareConfig::corsFromRestIsReadOverS3()
{
    const ApiReply put = m_api->bucket("PUT", u"site"_s, "cors", kRestCors);
    QCOMPARE(put.status, 200);
    QVERIFY(put.success());

    const auto viaS3 = coffer::s3::xml::parseCorsConfiguration(m_s3->send({ "GET", "/site?cors" }).body);
    QVERIFY(viaS3.ok());
    const auto sent = coffer::s3::json::corsFromCloudflare(object(kRestCors));
    QVERIFY(sent.ok());
    QCOMPARE(viaS3.value(), *sent.value);
    QCOMPARE(viaS3->rules.first().allowedOrigins, QStringList { u"https://app.example.com"_s });

    const ApiReply get = m_api->bucket("GET", u"site"_s, "cors");
    QVERIFY(get.success());
    QCOMPARE(get.result().toObject(), object(kRestCors));
}

void TestCloudflareConfig::corsFromS3IsReadOverRest()
{
    QCOMPARE(m_s3->send({ "PUT", "/site?cors", {}, kS3Cors }).status, 200);
    const ApiReply get = m_api->bucket("GET", u"site"_s, "cors");
    QVERIFY(get.success());
    const QJsonArray rules = get.result()[u"rules"_s].toArray();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.at(0)[u"id"_s].toString(), u"reads"_s);
    QCOMPARE(rules.at(0)[u"allowed"_s][u"origins"_s].toArray(), QJsonArray { u"*"_s });
    QCOMPARE(rules.at(0)[u"allowed"_s][u"methods"_s].toArray(), (QJsonArray { u"GET"_s, u"HEAD"_s }));
    QCOMPARE(rules.at(0)[u"maxAgeSeconds"_s].toInt(), 600);
}

void TestCloudflareConfig::corsFromRestAnswersPreflights()
{
    QCOMPARE(m_api->bucket("PUT", u"site"_s, "cors", kRestCors).status, 200);
    api::test::Request allowed("OPTIONS", "/site/upload.bin",
        { { "origin", "https://app.example.com" }, { "access-control-request-method", "PUT" } });
    allowed.sign = false;
    const api::test::Reply yes = m_s3->send(allowed);
    QCOMPARE(yes.status, 200);
    QCOMPARE(yes.header("access-control-allow-origin"), QByteArray("https://app.example.com"));

    api::test::Request other("OPTIONS", "/site/upload.bin",
        { { "origin", "https://evil.example.org" }, { "access-control-request-method", "PUT" } });
    other.sign = false;
    QCOMPARE(m_s3->send(other).status, 403);
}

void TestCloudflareConfig::deletingCorsOverRestRemovesIt()
{
    QCOMPARE(m_api->bucket("PUT", u"site"_s, "cors", kRestCors).status, 200);
    const ApiReply removed = m_api->bucket("DELETE", u"site"_s, "cors");
    QCOMPARE(removed.status, 200);
    QVERIFY(removed.success());
    QCOMPARE(m_s3->send({ "GET", "/site?cors" }).errorCode(), QByteArray("NoSuchCORSConfiguration"));
    QCOMPARE(m_api->bucket("GET", u"site"_s, "cors").status, 404);
}

void TestCloudflareConfig::lifecycleFromRestIsReadOverS3()
{
    const ApiReply put = m_api->bucket("PUT", u"site"_s, "lifecycle", kRestLifecycle);
    QVERIFY2(put.success(), qPrintable(put.errorMessage()));

    const auto viaS3
        = coffer::s3::xml::parseLifecycleConfiguration(m_s3->send({ "GET", "/site?lifecycle" }).body);
    QVERIFY(viaS3.ok());
    const auto sent = coffer::s3::json::lifecycleFromCloudflare(object(kRestLifecycle));
    QVERIFY(sent.ok());
    QCOMPARE(viaS3.value(), *sent.value);
    QCOMPARE(viaS3->rules.size(), 2);
    QCOMPARE(viaS3->rules.at(0).expiration->days, std::optional<int>(30));

    const ApiReply get = m_api->bucket("GET", u"site"_s, "lifecycle");
    QVERIFY(get.success());
    QCOMPARE(get.result().toObject(), object(kRestLifecycle));
}

void TestCloudflareConfig::lifecycleFromS3IsReadOverRest()
{
    QCOMPARE(m_s3->send({ "PUT", "/site?lifecycle", {}, kS3Lifecycle }).status, 200);
    const ApiReply get = m_api->bucket("GET", u"site"_s, "lifecycle");
    QVERIFY(get.success());
    const QJsonArray rules = get.result()[u"rules"_s].toArray();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules.at(0)[u"id"_s].toString(), u"to ia"_s);
    QCOMPARE(rules.at(0)[u"conditions"_s][u"prefix"_s].toString(), u"archive/"_s);
    const QJsonObject transition = rules.at(0)[u"storageClassTransitions"_s].toArray().at(0).toObject();
    QCOMPARE(transition[u"storageClass"_s].toString(), u"InfrequentAccess"_s);
    QCOMPARE(transition[u"condition"_s][u"maxAge"_s].toInteger(), 30LL * 86400);
}

void TestCloudflareConfig::emptyRulesRemoveTheConfiguration()
{
    QCOMPARE(m_api->bucket("PUT", u"site"_s, "lifecycle", kRestLifecycle).status, 200);
    QVERIFY(m_api->bucket("PUT", u"site"_s, "lifecycle", R"({"rules":[]})").success());
    QCOMPARE(
        m_s3->send({ "GET", "/site?lifecycle" }).errorCode(), QByteArray("NoSuchLifecycleConfiguration"));
    const ApiReply get = m_api->bucket("GET", u"site"_s, "lifecycle");
    QVERIFY(get.success());
    QCOMPARE(get.result()[u"rules"_s].toArray().size(), 0);

    QCOMPARE(m_api->bucket("PUT", u"site"_s, "cors", kRestCors).status, 200);
    QVERIFY(m_api->bucket("PUT", u"site"_s, "cors", R"({"rules":[]})").success());
    QCOMPARE(m_s3->send({ "GET", "/site?cors" }).errorCode(), QByteArray("NoSuchCORSConfiguration"));
}

QTEST_GUILESS_MAIN(TestCloudflareConfig)
#include "tst_cloudflare_config.moc"
