// Wire-format pieces shared by the response writer and the request log, and --listen parsing.

#include "server/http/listenaddress.h"
#include "server/http/wireformat.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace coffer::server::http;
using namespace Qt::StringLiterals;

class TestWireFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void formatsHttpDate();
    void cachesTheCurrentDate();
    void framesChunks_data();
    void framesChunks();
    void masksSecretQueryValues_data();
    void masksSecretQueryValues();
    void namesStatuses();
    void parsesListenAddress_data();
    void parsesListenAddress();
};

void TestWireFormat::formatsHttpDate()
{
    const QDateTime when(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::UTC);
    QCOMPARE(httpDate(when), "Sun, 06 Nov 1994 08:49:37 GMT");
    const QDateTime offset(QDate(2026, 1, 1), QTime(1, 0, 0), QTimeZone::fromSecondsAheadOfUtc(3600));
    QCOMPARE(httpDate(offset), "Thu, 01 Jan 2026 00:00:00 GMT");
}

// The Date of every response is formatted once a second per thread: it must still be now.
void TestWireFormat::cachesTheCurrentDate()
{
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const QByteArray first = currentHttpDate();
    const QByteArray second = currentHttpDate();
    const qint64 after = QDateTime::currentSecsSinceEpoch();
    QVERIFY(second == first || after > before); // the same text within one second
    QLocale c = QLocale::c();
    const QDateTime parsed = c.toDateTime(QString::fromLatin1(second), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    QVERIFY2(parsed.isValid(), second.constData());
    const qint64 seconds = QDateTime(parsed.date(), parsed.time(), QTimeZone::UTC).toSecsSinceEpoch();
    QVERIFY(seconds >= before && seconds <= after);
}

void TestWireFormat::framesChunks_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("short") << QByteArray("abc") << QByteArray("3\r\nabc\r\n");
    QTest::newRow("hex size") << QByteArray(26, 'z') << "1a\r\n" + QByteArray(26, 'z') + "\r\n";
}

void TestWireFormat::framesChunks()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, frame);
    QCOMPARE(chunkFrame(data), frame);
}

void TestWireFormat::masksSecretQueryValues_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("masked");
    QTest::newRow("no query") << QByteArray("/b/k") << QByteArray("/b/k");
    QTest::newRow("plain query") << QByteArray("/b?list-type=2&prefix=a") << QByteArray("/b?list-type=2&prefix=a");
    QTest::newRow("presigned")
        << QByteArray("/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F1&X-Amz-Signature=ff&x-id=GetObject")
        << QByteArray("/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***&x-id=GetObject");
    QTest::newRow("lowercase and token") << QByteArray("/k?x-amz-signature=1&X-Amz-Security-Token=t")
                                         << QByteArray("/k?x-amz-signature=***&X-Amz-Security-Token=***");
    QTest::newRow("name without value") << QByteArray("/k?X-Amz-Signature&uploads")
                                        << QByteArray("/k?X-Amz-Signature&uploads");
}

void TestWireFormat::masksSecretQueryValues()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, masked);
    QCOMPARE(maskedTarget(target), masked);
}

void TestWireFormat::namesStatuses()
{
    QCOMPARE(reasonPhrase(200), "OK");
    QCOMPARE(reasonPhrase(431), "Request Header Fields Too Large");
    QCOMPARE(reasonPhrase(599), "Unknown");
}

void TestWireFormat::parsesListenAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QHostAddress>("address");
    QTest::addColumn<int>("port");
    QTest::newRow("ephemeral") << QStringLiteral("127.0.0.1:0") << true << QHostAddress(QHostAddress::LocalHost) << 0;
    QTest::newRow("port") << QStringLiteral("0.0.0.0:9000") << true << QHostAddress(QHostAddress::AnyIPv4) << 9000;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:8080") << true << QHostAddress(QHostAddress::LocalHostIPv6) << 8080;
    QTest::newRow("localhost") << QStringLiteral("localhost:1") << true << QHostAddress(QHostAddress::LocalHost) << 1;
    QTest::newRow("no port") << QStringLiteral("127.0.0.1") << false << QHostAddress() << 0;
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:70000") << false << QHostAddress() << 0;
    QTest::newRow("bare ipv6") << QStringLiteral("::1:80") << false << QHostAddress() << 0;
    QTest::newRow("hostname") << QStringLiteral("example.com:80") << false << QHostAddress() << 0;
}

void TestWireFormat::parsesListenAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QHostAddress, address);
    QFETCH(int, port);
    QString error;
    const auto parsed = ListenAddress::parse(text, &error);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->address, address);
        QCOMPARE(int(parsed->port), port);
        QVERIFY(error.isEmpty());
    } else {
        QVERIFY(error.contains(text));
        QVERIFY(error.contains(QStringLiteral("HOST:PORT")));
    }
}

QTEST_GUILESS_MAIN(TestWireFormat)
#include "tst_wireformat.moc"
