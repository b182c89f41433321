// Preconditions, byte ranges and CORS rule matching: the pure decisions behind GET, HEAD,
// CopyObject and preflight answers.

#include "server/api/conditions.h"
#include "server/api/cors_policy.h"

#include <QTest>
#include <QTimeZone>

using namespace coffer::server::api;
using namespace Qt::StringLiterals;

class TestConditions : public QObject
{
    Q_OBJECT

private slots:
    void readPreconditions_data();
    void readPreconditions();
    void copySourceFailsInsteadOfNotModified();
    void httpDates_data();
    void httpDates();
    void ranges_data();
    void ranges();
    void corsOrigins_data();
    void corsOrigins();
    void corsPreflight_data();
    void corsPreflight();
};

namespace {
const QString kEtag = u"\"0123abcd\""_s;
const QDateTime kModified(QDate(2026, 1, 10), QTime(12, 0, 0), QTimeZone::UTC);
} // namespace

void TestConditions::readPreconditions_data()
{
    QTest::addColumn<QByteArray>("ifMatch");
    QTest::addColumn<QByteArray>("ifNoneMatch");
    QTest::addColumn<QByteArray>("ifModifiedSince");
    QTest::addColumn<QByteArray>("ifUnmodifiedSince");
    QTest::addColumn<int>("result");
    const int proceed = int(PreconditionResult::Proceed);
    const int notModified = int(PreconditionResult::NotModified);
    const int failed = int(PreconditionResult::Failed);
    const QByteArray before = "Sat, 10 Jan 2026 11:59:59 GMT";
    const QByteArray same = "Sat, 10 Jan 2026 12:00:00 GMT";
    QTest::newRow("none") << QByteArray() << QByteArray() << QByteArray() << QByteArray() << proceed;
    QTest::newRow("if-match quoted") << QByteArray("\"0123abcd\"") << QByteArray() << QByteArray() << QByteArray() << proceed;
    QTest::newRow("if-match bare") << QByteArray("0123abcd") << QByteArray() << QByteArray() << QByteArray() << proceed;
    QTest::newRow("if-match list") << QByteArray("\"x\", \"0123abcd\"") << QByteArray() << QByteArray() << QByteArray() << proceed;
    QTest::newRow("if-match other") << QByteArray("\"x\"") << QByteArray() << QByteArray() << QByteArray() << failed;
    QTest::newRow("if-match wins over unmodified-since") << QByteArray("*") << QByteArray() << QByteArray() << before << proceed;
    QTest::newRow("unmodified since before") << QByteArray() << QByteArray() << QByteArray() << before << failed;
    QTest::newRow("unmodified since same second") << QByteArray() << QByteArray() << QByteArray() << same << proceed;
    QTest::newRow("none-match hit") << QByteArray() << QByteArray("\"0123abcd\"") << QByteArray() << QByteArray() << notModified;
    QTest::newRow("none-match weak hit") << QByteArray() << QByteArray("W/\"0123abcd\"") << QByteArray() << QByteArray() << notModified;
    QTest::newRow("none-match miss wins over modified-since") << QByteArray() << QByteArray("\"x\"") << same << QByteArray() << proceed;
    QTest::newRow("modified since same second") << QByteArray() << QByteArray() << same << QByteArray() << notModified;
    QTest::newRow("modified since before") << QByteArray() << QByteArray() << before << QByteArray() << proceed;
    QTest::newRow("garbage date ignored") << QByteArray() << QByteArray() << QByteArray("yesterday") << QByteArray() << proceed;
}

void TestConditions::readPreconditions()
{
    QFETCH(QByteArray, ifMatch);
    QFETCH(QByteArray, ifNoneMatch);
    QFETCH(QByteArray, ifModifiedSince);
    QFETCH(QByteArray, ifUnmodifiedSince);
    QFETCH(int, result);
    // An empty column means the header is absent (a null QByteArray).
    auto header = [](const QByteArray &v) { return v.isEmpty() ? QByteArray() : v; };
    const Preconditions conditions{header(ifMatch), header(ifNoneMatch), header(ifModifiedSince), header(ifUnmodifiedSince)};
    QCOMPARE(int(evaluateRead(conditions, kEtag, kModified)), result);
}

void TestConditions::copySourceFailsInsteadOfNotModified()
{
    const Preconditions conditions{{}, "\"0123abcd\"", {}, {}};
    QCOMPARE(evaluateRead(conditions, kEtag, kModified), PreconditionResult::NotModified);
    QCOMPARE(evaluateCopySource(conditions, kEtag, kModified), PreconditionResult::Failed);
}

void TestConditions::httpDates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("rfc 1123") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << true;
    QTest::newRow("rfc 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << true;
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << true;
    QTest::newRow("garbage") << QByteArray("not a date") << false;
}

void TestConditions::httpDates()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    const QDateTime parsed = parseHttpDate(text);
    QCOMPARE(parsed.isValid(), valid);
    if (valid) {
        QCOMPARE(parsed, QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), QTimeZone::UTC));
        QCOMPARE(formatHttpDate(parsed), QByteArray("Sun, 06 Nov 1994 08:49:37 GMT"));
    }
}

void TestConditions::ranges_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("present");
    QTest::addColumn<bool>("satisfiable");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("length");
    QTest::newRow("closed") << QByteArray("bytes=0-0") << qint64(10) << true << true << qint64(0) << qint64(1);
    QTest::newRow("open") << QByteArray("bytes=4-") << qint64(10) << true << true << qint64(4) << qint64(6);
    QTest::newRow("suffix longer than object") << QByteArray("bytes=-50") << qint64(10) << true << true << qint64(0) << qint64(10);
    QTest::newRow("last clipped") << QByteArray("bytes=9-20") << qint64(10) << true << true << qint64(9) << qint64(1);
    QTest::newRow("start at size") << QByteArray("bytes=10-11") << qint64(10) << true << false << qint64(0) << qint64(0);
    QTest::newRow("suffix zero") << QByteArray("bytes=-0") << qint64(10) << true << false << qint64(0) << qint64(0);
    QTest::newRow("empty object") << QByteArray("bytes=0-") << qint64(0) << true << false << qint64(0) << qint64(0);
    QTest::newRow("reversed ignored") << QByteArray("bytes=5-2") << qint64(10) << false << true << qint64(0) << qint64(0);
    QTest::newRow("several ignored") << QByteArray("bytes=0-1,4-5") << qint64(10) << false << true << qint64(0) << qint64(0);
    QTest::newRow("other unit ignored") << QByteArray("items=0-1") << qint64(10) << false << true << qint64(0) << qint64(0);
    QTest::newRow("sign ignored") << QByteArray("bytes=+1-2") << qint64(10) << false << true << qint64(0) << qint64(0);
}

void TestConditions::ranges()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, size);
    QFETCH(bool, present);
    QFETCH(bool, satisfiable);
    QFETCH(qint64, first);
    QFETCH(qint64, length);
    const RangeRequest range = resolveRange(header, size);
    QCOMPARE(range.present, present);
    QCOMPARE(range.satisfiable, satisfiable);
    if (present && satisfiable) {
        QCOMPARE(range.range.first, first);
        QCOMPARE(range.range.length, length);
    }
}

void TestConditions::corsOrigins_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("matches");
    QTest::newRow("any") << u"*"_s << u"https://a.example"_s << true;
    QTest::newRow("exact") << u"https://a.example"_s << u"https://a.example"_s << true;
    QTest::newRow("exact other port") << u"https://a.example"_s << u"https://a.example:8443"_s << false;
    QTest::newRow("wildcard subdomain") << u"https://*.example"_s << u"https://app.example"_s << true;
    QTest::newRow("wildcard other scheme") << u"https://*.example"_s << u"http://app.example"_s << false;
    QTest::newRow("case matters") << u"https://A.example"_s << u"https://a.example"_s << false;
}

void TestConditions::corsOrigins()
{
    QFETCH(QString, pattern);
    QFETCH(QString, origin);
    QFETCH(bool, matches);
    QCOMPARE(corsOriginMatches(pattern, origin), matches);
}

void TestConditions::corsPreflight_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("allowOrigin"); // empty: forbidden
    QTest::newRow("first rule") << QByteArray("https://app.example") << QByteArray("PUT") << QByteArray("x-amz-date") << QByteArray("https://app.example");
    QTest::newRow("header not allowed") << QByteArray("https://app.example") << QByteArray("PUT") << QByteArray("authorization") << QByteArray();
    QTest::newRow("second rule, any origin") << QByteArray("https://else.example") << QByteArray("GET") << QByteArray() << QByteArray("*");
    QTest::newRow("method of neither") << QByteArray("https://else.example") << QByteArray("DELETE") << QByteArray() << QByteArray();
}

void TestConditions::corsPreflight()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, allowOrigin);
    coffer::s3::CorsConfiguration cors;
    coffer::s3::CorsRule upload;
    upload.allowedOrigins = {u"https://app.example"_s};
    upload.allowedMethods = {u"PUT"_s};
    upload.allowedHeaders = {u"x-amz-*"_s, u"content-type"_s};
    coffer::s3::CorsRule read;
    read.allowedOrigins = {u"*"_s};
    read.allowedMethods = {u"GET"_s, u"HEAD"_s};
    cors.rules = {upload, read};
    const auto answer = answerPreflight(cors, {origin, method, headers});
    QCOMPARE(answer.has_value(), !allowOrigin.isEmpty());
    if (!answer)
        return;
    QByteArray sent;
    for (const auto &[name, value] : *answer) {
        if (name == "Access-Control-Allow-Origin")
            sent = value;
    }
    QCOMPARE(sent, allowOrigin);
}

QTEST_GUILESS_MAIN(TestConditions)
#include "tst_conditions.moc"
