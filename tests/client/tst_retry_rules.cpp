// The retry, backoff, clock-skew and masking rules, as pure functions.
#include "client/http_activity.h"
#include "client/retry_rules.h"

#include <QTest>

using namespace coffer::client;
using namespace std::chrono;

class TestRetryRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backoffStaysWithinFullJitterBounds_data()
    {
        QTest::addColumn<int>("retry");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("ceilingMs"); // min(base * 2^(retry-1), cap)
        for (int retry : {1, 2, 3, 5, 6, 12, 40}) {
            const qint64 ceiling = std::min<qint64>(1000LL << std::min(retry - 1, 20), 20000);
            for (double r : {0.0, 0.25, 0.999999}) {
                QTest::addRow("retry%d-r%.2f", retry, r) << retry << r << ceiling;
            }
        }
    }
    void backoffStaysWithinFullJitterBounds()
    {
        QFETCH(int, retry);
        QFETCH(double, random);
        QFETCH(qint64, ceilingMs);
        const RetryPolicy policy; // the documented defaults: base 1 s, cap 20 s
        const milliseconds delay = backoffDelay(policy, retry, random);
        QVERIFY(delay.count() >= 0);
        QVERIFY(delay.count() < ceilingMs || (ceilingMs == 0));
        // Full jitter: the delay is the random fraction of the ceiling.
        QCOMPARE(delay.count(), qint64(random * double(ceilingMs)));
    }

    void backoffNeverExceedsTheCap()
    {
        const RetryPolicy policy;
        for (int retry = 1; retry < 100; ++retry)
            QVERIFY(backoffDelay(policy, retry, 0.9999999) <= policy.maxBackoff);
        QCOMPARE(backoffDelay(policy, 3, 2.0), milliseconds(4000)); // random clamped to 1
    }

    void transientErrors_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<bool>("transient");
        QTest::newRow("closed") << int(QNetworkReply::RemoteHostClosedError) << true;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << true;
        QTest::newRow("temporary") << int(QNetworkReply::TemporaryNetworkFailureError) << true;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << false;
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError) << false;
        QTest::newRow("canceled") << int(QNetworkReply::OperationCanceledError) << false;
    }
    void transientErrors()
    {
        QFETCH(int, error);
        QFETCH(bool, transient);
        QCOMPARE(isTransientNetworkError(QNetworkReply::NetworkError(error)), transient);
    }

    void parsesHttpDates()
    {
        const auto date = parseHttpDate("Mon, 23 Feb 2026 08:24:20 GMT");
        QVERIFY(date.has_value());
        QCOMPARE(*date, QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC));
        QVERIFY(!parseHttpDate("yesterday").has_value());
        QVERIFY(!parseHttpDate("").has_value());
    }

    void clockSkew_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QByteArray>("date");
        QTest::addColumn<bool>("corrects");
        QTest::addColumn<qint64>("skewSeconds");
        // local time is 2026-02-23 08:24:20 UTC
        QTest::newRow("too-skewed-ahead") << 403 << QStringLiteral("RequestTimeTooSkewed") << QByteArray("Mon, 23 Feb 2026 09:24:20 GMT") << true << qint64(3600);
        QTest::newRow("too-skewed-behind") << 403 << QStringLiteral("RequestTimeTooSkewed") << QByteArray("Mon, 23 Feb 2026 08:04:20 GMT") << true << qint64(-1200);
        QTest::newRow("403-far-date") << 403 << QStringLiteral("SignatureDoesNotMatch") << QByteArray("Mon, 23 Feb 2026 08:40:21 GMT") << true << qint64(961);
        QTest::newRow("403-near-date") << 403 << QStringLiteral("AccessDenied") << QByteArray("Mon, 23 Feb 2026 08:30:00 GMT") << false << qint64(0);
        QTest::newRow("404-far-date") << 404 << QStringLiteral("NoSuchKey") << QByteArray("Mon, 23 Feb 2026 10:00:00 GMT") << false << qint64(0);
        QTest::newRow("no-date") << 403 << QStringLiteral("RequestTimeTooSkewed") << QByteArray() << false << qint64(0);
    }
    void clockSkew()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QByteArray, date);
        QFETCH(bool, corrects);
        QFETCH(qint64, skewSeconds);
        HttpResponse response;
        response.status = status;
        if (!date.isEmpty())
            response.headers.append({"date", date});
        coffer::s3::S3Error error;
        error.kind = coffer::s3::S3Error::Kind::Http;
        error.code = code;
        error.httpStatus = status;
        const auto skew = clockSkewCorrection(response, error, QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC));
        QCOMPARE(skew.has_value(), corrects);
        if (corrects)
            QCOMPARE(duration_cast<seconds>(*skew).count(), skewSeconds);
    }

    void masksSecretsInUrls_data()
    {
        QTest::addColumn<QByteArray>("url");
        QTest::addColumn<QByteArray>("masked");
        QTest::newRow("presigned")
            << QByteArray("https://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F2026&X-Amz-Signature=abcdef&x=1")
            << QByteArray("https://h/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***&x=1");
        QTest::newRow("token-any-case") << QByteArray("https://h/?x-amz-security-token=SECRET")
                                        << QByteArray("https://h/?x-amz-security-token=***");
        QTest::newRow("plain") << QByteArray("https://h/b/a%20b?list-type=2&prefix=x")
                               << QByteArray("https://h/b/a%20b?list-type=2&prefix=x");
        QTest::newRow("no-query") << QByteArray("https://h/b/k") << QByteArray("https://h/b/k");
    }
    void masksSecretsInUrls()
    {
        QFETCH(QByteArray, url);
        QFETCH(QByteArray, masked);
        QCOMPARE(maskUrl(url), masked);
    }
};

QTEST_GUILESS_MAIN(TestRetryRules)
#include "tst_retry_rules.moc"
