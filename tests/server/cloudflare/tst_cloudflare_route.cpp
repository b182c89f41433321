// The emulated API's router and the front door's split between it and S3, as pure
// functions: every path and method the R2 calls use, and the refusals around them.

#include "server/cloudflare/api_route.h"
#include "server/cloudflare/front_door.h"

#include <QTest>

using namespace coffer::server;
using namespace coffer::server::cloudflare;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coffer::server::cloudflare::ApiAction)

class TestCloudflareRoute : public QObject
{
    Q_OBJECT

private slots:
    void routesEachCall_data();
    void routesEachCall();
    void refuses_data();
    void refuses();
    void findsPathBelowBase_data();
    void findsPathBelowBase();
    void sendsOnlyUnsignedCallsUnderBaseToApi_data();
    void sendsOnlyUnsignedCallsUnderBaseToApi();
};

void TestCloudflareRoute::routesEachCall_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<ApiAction>("action");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QString>("domain");
    const QByteArray b = "/accounts/acc/r2/buckets/photos";
    QTest::newRow("get cors") << QByteArray("GET") << b + "/cors" << ApiAction::GetCors << u"photos"_s
                              << QString();
    QTest::newRow("put cors") << QByteArray("PUT") << b + "/cors" << ApiAction::PutCors << u"photos"_s
                              << QString();
    QTest::newRow("delete cors") << QByteArray("DELETE") << b + "/cors" << ApiAction::DeleteCors
                                 << u"photos"_s << QString();
    QTest::newRow("get lifecycle") << QByteArray("GET") << b + "/lifecycle" << ApiAction::GetLifecycle
                                   << u"photos"_s << QString();
    QTest::newRow("put lifecycle") << QByteArray("PUT") << b + "/lifecycle" << ApiAction::PutLifecycle
                                   << u"photos"_s << QString();
    QTest::newRow("get managed") << QByteArray("GET") << b + "/domains/managed" << ApiAction::GetManagedDomain
                                 << u"photos"_s << QString();
    QTest::newRow("put managed") << QByteArray("PUT") << b + "/domains/managed" << ApiAction::PutManagedDomain
                                 << u"photos"_s << QString();
    QTest::newRow("list custom") << QByteArray("GET") << b + "/domains/custom" << ApiAction::ListCustomDomains
                                 << u"photos"_s << QString();
    QTest::newRow("add custom") << QByteArray("POST") << b + "/domains/custom" << ApiAction::AddCustomDomain
                                << u"photos"_s << QString();
    QTest::newRow("get one") << QByteArray("GET") << b + "/domains/custom/files.example.com"
                             << ApiAction::GetCustomDomain << u"photos"_s << u"files.example.com"_s;
    QTest::newRow("update one") << QByteArray("PUT") << b + "/domains/custom/files.example.com"
                                << ApiAction::UpdateCustomDomain << u"photos"_s << u"files.example.com"_s;
    QTest::newRow("delete one") << QByteArray("DELETE") << b + "/domains/custom/files.example.com"
                                << ApiAction::RemoveCustomDomain << u"photos"_s << u"files.example.com"_s;
    QTest::newRow("encoded segments")
        << QByteArray("GET") << QByteArray("/accounts/acc/r2/buckets/my%2Dbucket/domains/custom/a%2Eb.com")
        << ApiAction::GetCustomDomain << u"my-bucket"_s << u"a.b.com"_s;
    QTest::newRow("trailing slash") << QByteArray("GET") << b + "/cors/" << ApiAction::GetCors << u"photos"_s
                                    << QString();
}

void TestCloudflareRoute::routesEachCall()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(ApiAction, action);
    QFETCH(QString, bucket);
    QFETCH(QString, domain);
    const ApiRouteResult result = routeApi(method, path);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.route->action, action);
    QCOMPARE(result.route->accountId, u"acc"_s);
    QCOMPARE(result.route->bucket, bucket);
    QCOMPARE(result.route->domain, domain);
}

void TestCloudflareRoute::refuses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::newRow("root") << QByteArray("GET") << QByteArray("/") << 400 << errc::kNoRoute;
    QTest::newRow("no resource") << QByteArray("GET") << QByteArray("/accounts/a/r2/buckets/b") << 400
                                 << errc::kNoRoute;
    QTest::newRow("unknown resource")
        << QByteArray("GET") << QByteArray("/accounts/a/r2/buckets/b/sippy") << 400 << errc::kNoRoute;
    QTest::newRow("not r2") << QByteArray("GET") << QByteArray("/accounts/a/d1/buckets/b/cors") << 400
                            << errc::kNoRoute;
    QTest::newRow("unknown domain kind")
        << QByteArray("GET") << QByteArray("/accounts/a/r2/buckets/b/domains/other") << 400 << errc::kNoRoute;
    QTest::newRow("post cors") << QByteArray("POST") << QByteArray("/accounts/a/r2/buckets/b/cors") << 405
                               << errc::kMethodNotAllowed;
    QTest::newRow("delete lifecycle")
        << QByteArray("DELETE") << QByteArray("/accounts/a/r2/buckets/b/lifecycle") << 405
        << errc::kMethodNotAllowed;
    QTest::newRow("delete managed") << QByteArray("DELETE")
                                    << QByteArray("/accounts/a/r2/buckets/b/domains/managed") << 405
                                    << errc::kMethodNotAllowed;
    QTest::newRow("put custom list") << QByteArray("PUT")
                                     << QByteArray("/accounts/a/r2/buckets/b/domains/custom") << 405
                                     << errc::kMethodNotAllowed;
}

void TestCloudflareRoute::refuses()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, status);
    QFETCH(int, code);
    const ApiRouteResult result = routeApi(method, path);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.httpStatus, status);
    QCOMPARE(result.error.code, code);
    QVERIFY(!result.error.message.isEmpty());
}

void TestCloudflareRoute::findsPathBelowBase_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("below");
    QTest::addColumn<QByteArray>("rest");
    QTest::newRow("exact") << QByteArray("/cf/client/v4") << true << QByteArray("/");
    QTest::newRow("below") << QByteArray("/cf/client/v4/accounts/x") << true << QByteArray("/accounts/x");
    QTest::newRow("longer segment") << QByteArray("/cf/client/v40/accounts") << false << QByteArray();
    QTest::newRow("other") << QByteArray("/photos/cf/client/v4") << false << QByteArray();
}

void TestCloudflareRoute::findsPathBelowBase()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, below);
    QFETCH(QByteArray, rest);
    const auto found = pathBelow(path, "/cf/client/v4");
    QCOMPARE(found.has_value(), below);
    if (below)
        QCOMPARE(*found, rest);
}

void TestCloudflareRoute::sendsOnlyUnsignedCallsUnderBaseToApi_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("api");
    QTest::newRow("bearer under base")
        << QByteArray("/cf/client/v4/accounts/a/r2/buckets/b/cors") << QByteArray("Bearer t") << true;
    QTest::newRow("no auth under base") << QByteArray("/cf/client/v4/x") << QByteArray() << true;
    QTest::newRow("sigv4 under base")
        << QByteArray("/cf/client/v4/x")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20260101/auto/s3/aws4_request") << false;
    QTest::newRow("presigned under base")
        << QByteArray("/cf/client/v4/x?X-Amz-Signature=abc") << QByteArray() << false;
    QTest::newRow("bucket path") << QByteArray("/photos/cf/client/v4") << QByteArray("Bearer t") << false;
    QTest::newRow("s3 root") << QByteArray("/") << QByteArray() << false;
}

void TestCloudflareRoute::sendsOnlyUnsignedCallsUnderBaseToApi()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, api);
    http::RequestHead head;
    head.method = "GET";
    head.target = target;
    if (!authorization.isEmpty())
        head.headers.append({ "authorization", authorization });
    QCOMPARE(isApiRequest(head, "/cf/client/v4"), api);
}

QTEST_GUILESS_MAIN(TestCloudflareRoute)
#include "tst_cloudflare_route.moc"
