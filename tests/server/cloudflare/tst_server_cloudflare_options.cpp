// coffer-server's options for the Cloudflare side: their defaults in R2 mode, the values
// they take, and the sentences that refuse them (S3 mode, a bad path, empty values).

#include "command_line.h"

#include <QTest>

using namespace coffer::server;
using namespace coffer::server::app;
using namespace Qt::StringLiterals;

namespace {

ParsedCommand parse(const QString &line)
{
    return parseCommandLine(
        QStringList { u"coffer-server"_s, u"--data"_s, u"/tmp/d"_s } + line.split(u' ', Qt::SkipEmptyParts));
}

} // namespace

class TestServerCloudflareOptions : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void takesValues();
    void refuses_data();
    void refuses();
};

void TestServerCloudflareOptions::defaults()
{
    const ParsedCommand parsed = parse({});
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    QCOMPARE(parsed.command->cloudflareApiPath, QByteArray("/cf/client/v4"));
    QVERIFY(parsed.command->cloudflareToken.isEmpty());
    QVERIFY(parsed.command->accountId.isEmpty());
    QCOMPARE(parsed.command->publicAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(parsed.command->publicPort, quint16(0));
}

void TestServerCloudflareOptions::takesValues()
{
    const ParsedCommand parsed = parse(u"--cloudflare-api /client/v4 --cloudflare-token T0K --account-id acc "
                                       "--public-listen 127.0.0.1:8788"_s);
    QVERIFY2(parsed.command, qPrintable(parsed.error));
    QCOMPARE(parsed.command->cloudflareApiPath, QByteArray("/client/v4"));
    QCOMPARE(parsed.command->cloudflareToken, QByteArray("T0K"));
    QCOMPARE(parsed.command->accountId, u"acc"_s);
    QCOMPARE(parsed.command->publicPort, quint16(8788));
}

void TestServerCloudflareOptions::refuses_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("named");
    QTest::newRow("s3 mode") << u"--mode s3 --cloudflare-token T"_s << u"R2 mode"_s;
    QTest::newRow("s3 mode public") << u"--mode s3 --public-listen 127.0.0.1:0"_s << u"R2 mode"_s;
    QTest::newRow("relative path") << u"--cloudflare-api client/v4"_s << u"--cloudflare-api"_s;
    QTest::newRow("trailing slash") << u"--cloudflare-api /client/v4/"_s << u"--cloudflare-api"_s;
    QTest::newRow("bad public address") << u"--public-listen nowhere"_s << u"--public-listen"_s;
}

void TestServerCloudflareOptions::refuses()
{
    QFETCH(QString, line);
    QFETCH(QString, named);
    const ParsedCommand parsed = parse(line);
    QVERIFY(!parsed.command);
    QVERIFY2(parsed.error.contains(named), qPrintable(parsed.error));
}

QTEST_GUILESS_MAIN(TestServerCloudflareOptions)
#include "tst_server_cloudflare_options.moc"
