// The API token and account id kept in the data directory: created once with owner-only
// permissions, read back unchanged on the next start, and a damaged file refused with a
// sentence instead of being silently replaced.

#include "server/cloudflare/api_credentials.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coffer::server::cloudflare;
using namespace Qt::StringLiterals;

class TestApiCredentials : public QObject
{
    Q_OBJECT

private slots:
    void createsOnceAndReadsBack();
    void refusesDamagedFiles_data();
    void refusesDamagedFiles();
};

void TestApiCredentials::createsOnceAndReadsBack()
{
    QTemporaryDir dir;
    const QString data = dir.filePath(u"data"_s);
    QString error;
    const auto created = loadOrCreateApiCredentials(data, &error);
    QVERIFY2(created, qPrintable(error));
    QVERIFY(created->created);
    QCOMPARE(created->apiToken.size(), 40);
    QCOMPARE(created->accountId.size(), 32);
    const QString path = data + u"/"_s + QLatin1StringView(kApiCredentialsFileName);
    QCOMPARE(QFile::permissions(path)
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                | QFileDevice::WriteOther),
        QFileDevice::Permissions());

    const auto again = loadOrCreateApiCredentials(data, &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(!again->created);
    QCOMPARE(again->apiToken, created->apiToken);
    QCOMPARE(again->accountId, created->accountId);

    QTemporaryDir other;
    const auto elsewhere = loadOrCreateApiCredentials(other.path(), &error);
    QVERIFY(elsewhere);
    QVERIFY(elsewhere->apiToken != created->apiToken);
}

void TestApiCredentials::refusesDamagedFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("not json") << QByteArray("apiToken=x");
    QTest::newRow("no token") << QByteArray(R"({"accountId":"abc"})");
    QTest::newRow("no account") << QByteArray(R"({"apiToken":"abc"})");
    QTest::newRow("empty") << QByteArray();
}

void TestApiCredentials::refusesDamagedFiles()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QFile file(dir.filePath(QLatin1StringView(kApiCredentialsFileName)));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QString error;
    QVERIFY(!loadOrCreateApiCredentials(dir.path(), &error));
    QVERIFY2(error.contains(u"damaged"_s), qPrintable(error));
    file.open(QIODevice::ReadOnly);
    QCOMPARE(file.readAll(), content); // left for the user to look at
}

QTEST_GUILESS_MAIN(TestApiCredentials)
#include "tst_api_credentials.moc"
