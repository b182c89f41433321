// Public access the R2 way: the managed r2.dev domain switched through the REST API opens
// and closes anonymous reads on the public listener, and custom domains attached to a
// bucket serve it to requests that name them in Host.

#include "cloudflare_server.h"

#include "server/cloudflare/bucket_domains.h"
#include "server/cloudflare/cloudflare_site.h"
#include "server/cloudflare/envelope.h"

#include <QJsonArray>
#include <QTest>

using namespace coffer::server;
using namespace coffer::server::cloudflare;
using namespace coffer::server::cloudflare::test;
using namespace Qt::StringLiterals;

class TestCloudflareDomains : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void managedDomainOpensAndClosesPublicReads();
    void managedDomainAnswersByHostToo();
    void publicReadsAreReadsOnly_data();
    void publicReadsAreReadsOnly();
    void customDomainsAreListedAndRemoved();
    void customDomainServesItsBucketByHost();
    void domainServesOneBucketOnly();
    void unknownDomainIsNotFound();
    void publicDomainAppliesTheBucketsCors();

private:
    ApiReply managed(const QString &bucket, bool enabled)
    {
        return m_api->bucket(
            "PUT", bucket, "domains/managed", enabled ? R"({"enabled":true})" : R"({"enabled":false})");
    }
    QByteArray publicHost() const { return "127.0.0.1:" + QByteArray::number(m_server->publicPort()); }

    std::unique_ptr<CloudflareServer> m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<S3TestClient> m_s3;
};

void TestCloudflareDomains::initTestCase()
{
    m_server = std::make_unique<CloudflareServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    QVERIFY(m_server->publicPort() != 0);
    QVERIFY(m_server->publicPort() != m_server->port());
    m_api = std::make_unique<ApiClient>(m_server->port());
    m_s3 = std::make_unique<S3TestClient>(m_server->port());
    for (const QByteArray bucket : { "site", "media" }) {
        QCOMPARE(m_s3->send({ "PUT", "/" + bucket }).status, 200);
        QCOMPARE(
            m_s3->send({ "PUT", "/" + bucket + "/docs/index.html", {}, "<h1>" + bucket + "</h1>" }).status,
            200);
    }
}

void TestCloudflareDomains::cleanupTestCase()
{
    m_s3.reset();
    m_api.reset();
    m_server.reset();
}

void TestCloudflareDomains::managedDomainOpensAndClosesPublicReads()
{
    const ApiReply before = m_api->bucket("GET", u"site"_s, "domains/managed");
    QVERIFY(before.success());
    const QString domain = before.result()[u"domain"_s].toString();
    QCOMPARE(domain, managedDomainFor(kAccount, u"site"_s));
    QVERIFY(domain.startsWith(u"pub-"_s) && domain.endsWith(u".r2.dev"_s));
    QCOMPARE(before.result()[u"bucketId"_s].toString().size(), 32);
    QCOMPARE(before.result()[u"enabled"_s].toBool(), false);

    const QByteArray url = '/' + domain.toUtf8() + "/docs/index.html";
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", url, publicHost()).status, 403);

    const ApiReply enabled = managed(u"site"_s, true);
    QVERIFY(enabled.success());
    QCOMPARE(enabled.result()[u"enabled"_s].toBool(), true);
    QCOMPARE(enabled.result()[u"domain"_s].toString(), domain);
    QCOMPARE(m_api->bucket("GET", u"site"_s, "domains/managed").result()[u"enabled"_s].toBool(), true);
    const Reply read = publicRequest(m_server->publicPort(), "GET", url, publicHost());
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray("<h1>site</h1>"));
    QCOMPARE(m_server->server()->cloudflare()->publicUrl(u"site"_s),
        u"http://%1/%2"_s.arg(QString::fromLatin1(publicHost()), domain));
    // Only this bucket opened: the other one's domain still refuses.
    const QByteArray otherUrl = '/' + managedDomainFor(kAccount, u"media"_s).toUtf8() + "/docs/index.html";
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", otherUrl, publicHost()).status, 403);

    QVERIFY(managed(u"site"_s, false).success());
    const Reply closed = publicRequest(m_server->publicPort(), "GET", url, publicHost());
    QCOMPARE(closed.status, 403);
    QCOMPARE(closed.errorCode(), QByteArray("AccessDenied"));
}

void TestCloudflareDomains::managedDomainAnswersByHostToo()
{
    const QByteArray host = managedDomainFor(kAccount, u"site"_s).toUtf8();
    QVERIFY(managed(u"site"_s, true).success());
    const Reply read = publicRequest(m_server->publicPort(), "GET", "/docs/index.html", host);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray("<h1>site</h1>"));
    const Reply head = publicRequest(m_server->publicPort(), "HEAD", "/docs/index.html", host + ":443");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-length"), QByteArray("13"));
    const Reply ranged = publicRequest(
        m_server->publicPort(), "GET", "/docs/index.html", host, { { "range", "bytes=1-2" } });
    QCOMPARE(ranged.status, 206);
    QCOMPARE(ranged.body, QByteArray("h1"));
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", "/docs/missing.html", host).status, 404);
    QVERIFY(managed(u"site"_s, false).success());
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", "/docs/index.html", host).status, 403);
}

void TestCloudflareDomains::publicReadsAreReadsOnly_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::newRow("put") << QByteArray("PUT") << 405;
    QTest::newRow("delete") << QByteArray("DELETE") << 405;
    QTest::newRow("post") << QByteArray("POST") << 405;
}

void TestCloudflareDomains::publicReadsAreReadsOnly()
{
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QVERIFY(managed(u"site"_s, true).success());
    const QByteArray host = managedDomainFor(kAccount, u"site"_s).toUtf8();
    QCOMPARE(publicRequest(m_server->publicPort(), method, "/docs/index.html", host).status, status);
    QVERIFY(managed(u"site"_s, false).success());
    // Still there, unchanged.
    QCOMPARE(m_s3->send({ "GET", "/site/docs/index.html" }).body, QByteArray("<h1>site</h1>"));
}

void TestCloudflareDomains::customDomainsAreListedAndRemoved()
{
    const ApiReply added = m_api->bucket("POST", u"media"_s, "domains/custom",
        R"({"domain":"Media.Example.com","zoneId":"zone-1","enabled":true,"minTLS":"1.2"})");
    QVERIFY2(added.success(), qPrintable(added.errorMessage()));
    QCOMPARE(added.result()[u"domain"_s].toString(), u"media.example.com"_s);
    QCOMPARE(added.result()[u"zoneId"_s].toString(), u"zone-1"_s);
    QCOMPARE(added.result()[u"minTLS"_s].toString(), u"1.2"_s);
    QVERIFY(m_api
            ->bucket("POST", u"media"_s, "domains/custom",
                R"({"domain":"cdn.example.org","zoneId":"zone-2","enabled":false})")
            .success());

    const ApiReply list = m_api->bucket("GET", u"media"_s, "domains/custom");
    QVERIFY(list.success());
    const QJsonArray domains = list.result()[u"domains"_s].toArray();
    QCOMPARE(domains.size(), 2);
    QCOMPARE(domains.at(0)[u"domain"_s].toString(), u"media.example.com"_s);
    QCOMPARE(domains.at(0)[u"enabled"_s].toBool(), true);
    QCOMPARE(domains.at(0)[u"zoneName"_s].toString(), u"example.com"_s);
    QCOMPARE(domains.at(0)[u"status"_s][u"ownership"_s].toString(), u"active"_s);
    QCOMPARE(domains.at(0)[u"status"_s][u"ssl"_s].toString(), u"active"_s);
    QCOMPARE(domains.at(1)[u"domain"_s].toString(), u"cdn.example.org"_s);
    QCOMPARE(domains.at(1)[u"enabled"_s].toBool(), false);

    const ApiReply one = m_api->bucket("GET", u"media"_s, "domains/custom/cdn.example.org");
    QVERIFY(one.success());
    QCOMPARE(one.result()[u"zoneId"_s].toString(), u"zone-2"_s);
    const ApiReply updated = m_api->bucket(
        "PUT", u"media"_s, "domains/custom/cdn.example.org", R"({"enabled":true,"minTLS":"1.3"})");
    QVERIFY(updated.success());
    QCOMPARE(updated.result()[u"enabled"_s].toBool(), true);
    QCOMPARE(
        m_api->bucket("GET", u"media"_s, "domains/custom/cdn.example.org").result()[u"minTLS"_s].toString(),
        u"1.3"_s);

    const ApiReply removed = m_api->bucket("DELETE", u"media"_s, "domains/custom/cdn.example.org");
    QVERIFY(removed.success());
    QCOMPARE(removed.result()[u"domain"_s].toString(), u"cdn.example.org"_s);
    QCOMPARE(m_api->bucket("GET", u"media"_s, "domains/custom").result()[u"domains"_s].toArray().size(), 1);
    QCOMPARE(m_api->bucket("DELETE", u"media"_s, "domains/custom/cdn.example.org").errorCode(),
        errc::kNoSuchDomain);
    QVERIFY(m_api->bucket("DELETE", u"media"_s, "domains/custom/media.example.com").success());
    QCOMPARE(m_api->bucket("GET", u"media"_s, "domains/custom").result()[u"domains"_s].toArray().size(), 0);
}

void TestCloudflareDomains::customDomainServesItsBucketByHost()
{
    QVERIFY(m_api
            ->bucket("POST", u"media"_s, "domains/custom",
                R"({"domain":"files.example.com","zoneId":"z","enabled":true})")
            .success());
    const Reply read = publicRequest(m_server->publicPort(), "GET", "/docs/index.html", "files.example.com");
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray("<h1>media</h1>"));
    // The loopback form: the domain as the first path segment.
    QCOMPARE(
        publicRequest(m_server->publicPort(), "GET", "/files.example.com/docs/index.html", publicHost()).body,
        QByteArray("<h1>media</h1>"));

    QVERIFY(m_api->bucket("PUT", u"media"_s, "domains/custom/files.example.com", R"({"enabled":false})")
            .success());
    QCOMPARE(
        publicRequest(m_server->publicPort(), "GET", "/docs/index.html", "files.example.com").status, 403);

    QVERIFY(m_api->bucket("DELETE", u"media"_s, "domains/custom/files.example.com").success());
    QCOMPARE(
        publicRequest(m_server->publicPort(), "GET", "/docs/index.html", "files.example.com").status, 404);
}

void TestCloudflareDomains::domainServesOneBucketOnly()
{
    const QByteArray body = R"({"domain":"shared.example.com","zoneId":"z","enabled":true})";
    QVERIFY(m_api->bucket("POST", u"site"_s, "domains/custom", body).success());
    const ApiReply twice = m_api->bucket("POST", u"media"_s, "domains/custom", body);
    QCOMPARE(twice.status, 409);
    QCOMPARE(twice.errorCode(), errc::kDomainInUse);
    QVERIFY(twice.errorMessage().contains(u"site"_s));
    QCOMPARE(m_api->bucket("GET", u"media"_s, "domains/custom").result()[u"domains"_s].toArray().size(), 0);
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", "/docs/index.html", "shared.example.com").body,
        QByteArray("<h1>site</h1>"));
    QVERIFY(m_api->bucket("DELETE", u"site"_s, "domains/custom/shared.example.com").success());
}

void TestCloudflareDomains::unknownDomainIsNotFound()
{
    const Reply byHost
        = publicRequest(m_server->publicPort(), "GET", "/docs/index.html", "nobody.example.com");
    QCOMPARE(byHost.status, 404);
    QCOMPARE(byHost.errorCode(), QByteArray("NoSuchBucket"));
    QCOMPARE(publicRequest(m_server->publicPort(), "GET", "/site/docs/index.html", publicHost()).status, 404);
}

void TestCloudflareDomains::publicDomainAppliesTheBucketsCors()
{
    const QByteArray cors
        = R"({"rules":[{"allowed":{"origins":["https://app.example.com"],"methods":["GET"]}}]})";
    QVERIFY(m_api->bucket("PUT", u"site"_s, "cors", cors).success());
    QVERIFY(managed(u"site"_s, true).success());
    const QByteArray host = managedDomainFor(kAccount, u"site"_s).toUtf8();

    const Reply read = publicRequest(
        m_server->publicPort(), "GET", "/docs/index.html", host, { { "origin", "https://app.example.com" } });
    QCOMPARE(read.status, 200);
    QCOMPARE(read.header("access-control-allow-origin"), QByteArray("https://app.example.com"));
    const Reply stranger = publicRequest(m_server->publicPort(), "GET", "/docs/index.html", host,
        { { "origin", "https://other.example.org" } });
    QCOMPARE(stranger.status, 200);
    QVERIFY(stranger.header("access-control-allow-origin").isEmpty());

    const Reply preflight = publicRequest(m_server->publicPort(), "OPTIONS", "/docs/index.html", host,
        { { "origin", "https://app.example.com" }, { "access-control-request-method", "GET" } });
    QCOMPARE(preflight.status, 200);
    QCOMPARE(preflight.header("access-control-allow-origin"), QByteArray("https://app.example.com"));

    QVERIFY(managed(u"site"_s, false).success());
    QVERIFY(m_api->bucket("DELETE", u"site"_s, "cors").success());
}

QTEST_GUILESS_MAIN(TestCloudflareDomains)
#include "tst_cloudflare_domains.moc"
