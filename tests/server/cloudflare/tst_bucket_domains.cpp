// The domain model on its own: r2.dev names, the stored custom-domain document, the
// checks on POST and PUT bodies, Host headers as domain names, and an index created before
// custom domains existed gaining their column when it is opened.

#include "server/cloudflare/bucket_domains.h"
#include "server/store/object_store.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace coffer::server;
using namespace coffer::server::cloudflare;
using namespace Qt::StringLiterals;

class TestBucketDomains : public QObject
{
    Q_OBJECT

private slots:
    void namesManagedDomainsStably();
    void storesCustomDomainsLosslessly();
    void checksCreateBodies_data();
    void checksCreateBodies();
    void checksUpdateBodies_data();
    void checksUpdateBodies();
    void readsHostsAsDomains_data();
    void readsHostsAsDomains();
    void findsTheBucketOfADomain();
    void upgradesAnOlderIndex();
};

void TestBucketDomains::namesManagedDomainsStably()
{
    const QString domain = managedDomainFor(u"acc"_s, u"photos"_s);
    QVERIFY(domain.startsWith(u"pub-"_s));
    QVERIFY(domain.endsWith(u".r2.dev"_s));
    QCOMPARE(domain.size(), 4 + 32 + 7);
    QCOMPARE(managedDomainFor(u"acc"_s, u"photos"_s), domain);
    QVERIFY(managedDomainFor(u"acc"_s, u"videos"_s) != domain);
    QVERIFY(managedDomainFor(u"other"_s, u"photos"_s) != domain);
    QCOMPARE(bucketIdFor(u"acc"_s, u"photos"_s).size(), 32);
    QVERIFY(!domain.contains(bucketIdFor(u"acc"_s, u"photos"_s)));
}

void TestBucketDomains::storesCustomDomainsLosslessly()
{
    const QList<CustomDomain> domains { { u"a.example.com"_s, u"z1"_s, true, u"1.2"_s,
                                            { u"ECDHE-RSA-AES128-GCM-SHA256"_s } },
        { u"b.example.org"_s, u"z2"_s, false, {}, {} } };
    QCOMPARE(readCustomDomains(writeCustomDomains(domains)), domains);
    QVERIFY(writeCustomDomains({}).isEmpty());
    QVERIFY(readCustomDomains("not json").isEmpty());
    QVERIFY(readCustomDomains({}).isEmpty());
}

void TestBucketDomains::checksCreateBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("domain"); // empty: refused
    QTest::addColumn<QString>("field"); // named in the refusal
    QTest::newRow("minimal") << QByteArray(R"({"domain":"a.example.com","zoneId":"z","enabled":true})")
                             << u"a.example.com"_s << QString();
    QTest::newRow("upper case") << QByteArray(R"({"domain":"A.Example.COM","zoneId":"z","enabled":false})")
                                << u"a.example.com"_s << QString();
    QTest::newRow("no domain") << QByteArray(R"({"zoneId":"z","enabled":true})") << QString() << u"domain"_s;
    QTest::newRow("single label") << QByteArray(R"({"domain":"localhost","zoneId":"z","enabled":true})")
                                  << QString() << u"hostname"_s;
    QTest::newRow("with port") << QByteArray(R"({"domain":"a.example.com:8080","zoneId":"z","enabled":true})")
                               << QString() << u"hostname"_s;
    QTest::newRow("with path") << QByteArray(R"({"domain":"a.example.com/x","zoneId":"z","enabled":true})")
                               << QString() << u"hostname"_s;
    QTest::newRow("no zone") << QByteArray(R"({"domain":"a.example.com","enabled":true})") << QString()
                             << u"zoneId"_s;
    QTest::newRow("enabled as text") << QByteArray(
        R"({"domain":"a.example.com","zoneId":"z","enabled":"true"})")
                                     << QString() << u"enabled"_s;
    QTest::newRow("tls 1.4") << QByteArray(
        R"({"domain":"a.example.com","zoneId":"z","enabled":true,"minTLS":"1.4"})")
                             << QString() << u"minTLS"_s;
    QTest::newRow("ciphers not a list")
        << QByteArray(R"({"domain":"a.example.com","zoneId":"z","enabled":true,"ciphers":"all"})")
        << QString() << u"ciphers"_s;
}

void TestBucketDomains::checksCreateBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, domain);
    QFETCH(QString, field);
    const CustomDomainInput input = customDomainFromJson(QJsonDocument::fromJson(body).object());
    if (domain.isEmpty()) {
        QVERIFY(!input.domain);
        QVERIFY2(input.error.contains(field), qPrintable(input.error));
    } else {
        QVERIFY2(input.domain, qPrintable(input.error));
        QCOMPARE(input.domain->domain, domain);
        QCOMPARE(input.domain->zoneId, u"z"_s);
    }
}

void TestBucketDomains::checksUpdateBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("minTls");
    QTest::newRow("nothing") << QByteArray("{}") << true << true << u"1.0"_s;
    QTest::newRow("disable") << QByteArray(R"({"enabled":false})") << true << false << u"1.0"_s;
    QTest::newRow("tls") << QByteArray(R"({"minTLS":"1.3"})") << true << true << u"1.3"_s;
    QTest::newRow("bad enabled") << QByteArray(R"({"enabled":0,"minTLS":"1.3"})") << false << true
                                 << u"1.0"_s;
    QTest::newRow("bad tls after good enabled")
        << QByteArray(R"({"enabled":false,"minTLS":"TLS1.3"})") << false << true << u"1.0"_s;
}

void TestBucketDomains::checksUpdateBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);
    QFETCH(bool, enabled);
    QFETCH(QString, minTls);
    CustomDomain domain { u"a.example.com"_s, u"z"_s, true, u"1.0"_s, {} };
    const QString error = updateCustomDomain(domain, QJsonDocument::fromJson(body).object());
    QCOMPARE(error.isEmpty(), accepted);
    // A refused update changes nothing at all.
    QCOMPARE(domain.enabled, enabled);
    QCOMPARE(domain.minTls, minTls);
}

void TestBucketDomains::readsHostsAsDomains_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QByteArray("files.example.com") << u"files.example.com"_s;
    QTest::newRow("port") << QByteArray("files.example.com:8443") << u"files.example.com"_s;
    QTest::newRow("case and dot") << QByteArray("Files.Example.COM.") << u"files.example.com"_s;
    QTest::newRow("ipv4") << QByteArray("127.0.0.1:9000") << u"127.0.0.1"_s;
    QTest::newRow("ipv6") << QByteArray("[::1]:9000") << u"[::1]"_s;
}

void TestBucketDomains::readsHostsAsDomains()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, name);
    QCOMPARE(hostName(host), name);
}

void TestBucketDomains::findsTheBucketOfADomain()
{
    QTemporaryDir dir;
    auto opened = ObjectStore::open({ dir.path() });
    QVERIFY(opened.ok());
    ObjectStore &store = *opened.value();
    QVERIFY(!store.createBucket(u"photos"_s, u"auto"_s).isError());
    QVERIFY(!store
            .setBucketDocument(u"photos"_s, BucketDocument::CustomDomains,
                writeCustomDomains({ { u"img.example.com"_s, u"z"_s, true, {}, {} } }))
            .isError());
    const auto custom = domainTarget(store, u"acc"_s, u"img.example.com"_s);
    QVERIFY(custom.ok() && custom.value());
    QCOMPARE(custom.value()->bucket, u"photos"_s);
    QVERIFY(custom.value()->enabled);

    const auto managed = domainTarget(store, u"acc"_s, managedDomainFor(u"acc"_s, u"photos"_s));
    QVERIFY(managed.ok() && managed.value());
    QVERIFY(!managed.value()->enabled);
    QVERIFY(!store.setBucketPublic(u"photos"_s, true).isError());
    QVERIFY(domainTarget(store, u"acc"_s, managedDomainFor(u"acc"_s, u"photos"_s)).value()->enabled);

    const auto nobody = domainTarget(store, u"acc"_s, u"other.example.com"_s);
    QVERIFY(nobody.ok());
    QVERIFY(!nobody.value());
    // Another account's r2.dev name is not this bucket's.
    QVERIFY(!domainTarget(store, u"acc"_s, managedDomainFor(u"other"_s, u"photos"_s)).value());
}

void TestBucketDomains::upgradesAnOlderIndex()
{
    QTemporaryDir dir;
    {
        // The buckets table as builds before custom domains created it, with one bucket.
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(dir.filePath(u"index.sqlite"_s)), &db), SQLITE_OK);
        const char *oldSchema
            = "CREATE TABLE buckets (name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL, region TEXT NOT "
              "NULL,"
              " cors BLOB, lifecycle BLOB, policy BLOB, public_access_block BLOB,"
              " r2_public INTEGER NOT NULL DEFAULT 0);"
              "INSERT INTO buckets (name, created_ms, region, r2_public) VALUES ('old', 1, 'auto', 1);";
        QCOMPARE(sqlite3_exec(db, oldSchema, nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    const QByteArray document = writeCustomDomains({ { u"old.example.com"_s, u"z"_s, true, {}, {} } });
    {
        auto opened = ObjectStore::open({ dir.path() });
        QVERIFY2(opened.ok(), qPrintable(opened.error().message()));
        ObjectStore &store = *opened.value();
        QCOMPARE(store.isBucketPublic(u"old"_s).value(), true);
        QCOMPARE(store.bucketDocument(u"old"_s, BucketDocument::CustomDomains).value(), QByteArray());
        QVERIFY(!store.setBucketDocument(u"old"_s, BucketDocument::CustomDomains, document).isError());
    }
    // Opened again, the upgraded index is left as it is and keeps the document.
    auto reopened = ObjectStore::open({ dir.path() });
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message()));
    QCOMPARE(reopened.value()->bucketDocument(u"old"_s, BucketDocument::CustomDomains).value(), document);
}

QTEST_GUILESS_MAIN(TestBucketDomains)
#include "tst_bucket_domains.moc"
