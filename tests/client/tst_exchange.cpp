// The request pipeline (Exchange, driven through S3Client): retries, backoff, clock-skew
// correction, cancel, dropped connections, and the activity signal.
#include "fake_network.h"
#include "test_support.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace coffer::client;
using namespace coffer::client::testing;
using coffer::s3::S3Error;

namespace {

// A body that can be read once only (like a pipe): retrying it is impossible.
class OneShotDevice : public QBuffer
{
public:
    explicit OneShotDevice(const QByteArray &data)
    {
        setData(data);
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
};

const QByteArray kSlowDown = "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>";
const QByteArray kUnavailable = "<Error><Code>ServiceUnavailable</Code><Message>Try again.</Message></Error>";

} // namespace

class TestExchange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retriesAfterServerErrorThenSucceeds_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("503") << 503 << kUnavailable;
        QTest::newRow("500") << 500 << QByteArray("<Error><Code>InternalError</Code></Error>");
        QTest::newRow("429-slowdown") << 429 << kSlowDown;
        QTest::newRow("400-request-timeout") << 400 << QByteArray("<Error><Code>RequestTimeout</Code></Error>");
    }
    void retriesAfterServerErrorThenSucceeds()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        FakeNetwork network;
        network.enqueue(ScriptedResponse::withStatus(status, body));
        network.enqueue(ScriptedResponse::ok());
        S3Client client(testConfig(), &network);
        QSignalSpy activity(&client, &S3Client::activity);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY2((*result)->ok(), qPrintable((*result)->error().userMessage()));
        QCOMPARE(network.requestCount(), 2);
        QCOMPARE(activity.size(), 2);
        QCOMPARE(activity.at(0).at(0).value<HttpActivity>().status, status);
        QCOMPARE(activity.at(1).at(0).value<HttpActivity>().attempt, 2);
    }

    void givesUpAfterThreeAttempts()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &) { return ScriptedResponse::withStatus(503, kUnavailable); };
        S3Client client(testConfig(), &network);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().kind, S3Error::Kind::Http);
        QCOMPARE((*result)->error().httpStatus, 503);
        QCOMPARE((*result)->error().code, QStringLiteral("ServiceUnavailable"));
        QCOMPARE(network.requestCount(), 3);
    }

    void clientErrorsAreNotRetried()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &) {
            return ScriptedResponse::withStatus(404, "<Error><Code>NoSuchBucket</Code></Error>");
        };
        S3Client client(testConfig(), &network);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->error().code, QStringLiteral("NoSuchBucket"));
        QCOMPARE((*result)->error().bucket, QStringLiteral("bucket"));
        QCOMPARE(network.requestCount(), 1);
    }

    void retriesDroppedConnections()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::dropped(QNetworkReply::RemoteHostClosedError));
        network.enqueue(ScriptedResponse::ok());
        S3Client client(testConfig(), &network);
        QBuffer body;
        body.setData("hello world");
        body.open(QIODevice::ReadOnly);
        auto result = capture(client.putObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("k"),
                                                .body = &body, .size = 11}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(network.requestCount(), 2);
        // The rewound body was sent whole the second time.
        QCOMPARE(network.requests().at(1).body, QByteArray("hello world"));
    }

    void nonRewindableBodyIsNotRetried()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &) { return ScriptedResponse::withStatus(503, kUnavailable); };
        S3Client client(testConfig(), &network);
        OneShotDevice body("streamed once");
        auto result = capture(client.putObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("k"),
                                                .body = &body, .size = 13}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().httpStatus, 503);
        QCOMPARE(network.requestCount(), 1);
        QCOMPARE(network.requests().at(0).header("x-amz-content-sha256"), QByteArray("UNSIGNED-PAYLOAD"));
    }

    void backoffUsesTheInjectedRandomSource()
    {
        // With random = 0 every wait is 0 ms; with a large base and random near 1, the
        // retry is still pending long after the first answer.
        FakeNetwork network;
        network.responder = [](const RecordedRequest &) { return ScriptedResponse::withStatus(503, kUnavailable); };
        ClientConfig slow = testConfig();
        slow.retry.baseDelay = std::chrono::milliseconds(60000);
        slow.retry.maxBackoff = std::chrono::milliseconds(60000);
        slow.random = [] { return 0.99; };
        S3Client client(slow, &network);
        QSignalSpy answered(&client, &S3Client::activity);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_COMPARE(answered.size(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(network.requestCount(), 1); // the retry waits ~59 s, not 0
        QVERIFY(!result->has_value());

        FakeNetwork fastNetwork;
        fastNetwork.responder = network.responder;
        ClientConfig fast = slow;
        fast.random = [] { return 0.0; };
        S3Client fastClient(fast, &fastNetwork);
        auto fastResult = capture(fastClient.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(fastResult->has_value());
        QCOMPARE(fastNetwork.requestCount(), 3);
    }

    void correctsClockSkewOnce()
    {
        FakeNetwork network;
        const QByteArray serverDate = "Mon, 23 Feb 2026 09:24:20 GMT"; // one hour ahead
        network.enqueue(ScriptedResponse::withStatus(
            403, "<Error><Code>RequestTimeTooSkewed</Code><Message>too far</Message></Error>", {{"Date", serverDate}}));
        network.enqueue(ScriptedResponse::ok());
        S3Client client(testConfig(), &network);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(network.requestCount(), 2);
        QCOMPARE(network.requests().at(0).header("x-amz-date"), QByteArray("20260223T082420Z"));
        QCOMPARE(network.requests().at(1).header("x-amz-date"), QByteArray("20260223T092420Z"));
        QCOMPARE(client.clockOffset(), std::chrono::milliseconds(3600 * 1000));

        // The next call signs with the corrected time from the start.
        auto again = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(again->has_value());
        QCOMPARE(network.requests().at(2).header("x-amz-date"), QByteArray("20260223T092420Z"));
    }

    void skewIsCorrectedOnlyOnce()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &) {
            return ScriptedResponse::withStatus(403, "<Error><Code>RequestTimeTooSkewed</Code></Error>",
                                            {{"Date", "Mon, 23 Feb 2026 09:24:20 GMT"}});
        };
        S3Client client(testConfig(), &network);
        auto result = capture(client.deleteBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().code, QStringLiteral("RequestTimeTooSkewed"));
        QCOMPARE(network.requestCount(), 2);
    }

    void cancelStopsADownload()
    {
        FakeNetwork network;
        ScriptedResponse hanging = ScriptedResponse::ok(QByteArray(1000, 'x'));
        hanging.deliverBytes = 400;
        hanging.hang = true;
        network.enqueue(hanging);
        S3Client client(testConfig(), &network);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        QPointer<S3Reply<ObjectHead>> reply =
            client.getObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("big")}, &sink);
        QSignalSpy progress(reply.data(), &S3Call::progress);
        auto result = capture(reply.data(), this);
        QTRY_VERIFY(progress.size() > 0);
        QCOMPARE(progress.last().at(1).toLongLong(), 1000);
        reply->cancel();
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().kind, S3Error::Kind::Canceled);
        QCOMPARE(network.requestCount(), 1);
        QTRY_VERIFY(reply.isNull()); // the reply deletes itself
    }

    void droppedBodyIsANetworkErrorNotASuccess()
    {
        FakeNetwork network;
        ScriptedResponse cut = ScriptedResponse::ok(QByteArray(1000, 'y'));
        cut.deliverBytes = 300;
        cut.error = QNetworkReply::RemoteHostClosedError;
        network.enqueue(cut);
        network.enqueue(ScriptedResponse::ok(QByteArray(1000, 'y')));
        S3Client client(testConfig(), &network);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto result = capture(client.getObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("k")}, &sink), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().kind, S3Error::Kind::Network);
        // Bytes already handed to the caller cannot be taken back: no silent retry.
        QCOMPARE(network.requestCount(), 1);
        QCOMPARE(sink.data().size(), 300);
    }

    void shortBodyWithoutErrorIsCaught()
    {
        // A server that claims 1000 bytes and ends cleanly after 300.
        FakeNetwork network;
        ScriptedResponse shortBody = ScriptedResponse::ok(QByteArray(1000, 'z'));
        shortBody.deliverBytes = 300;
        network.enqueue(shortBody);
        S3Client client(testConfig(), &network);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto result = capture(client.getObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("k")}, &sink), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().kind, S3Error::Kind::Network);
    }

    void activityNeverCarriesSecrets()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok({}, {{"x-amz-request-id", "REQ123"}}));
        ClientConfig config = testConfig();
        config.credentials.sessionToken = "SESSIONTOKENSECRET";
        S3Client client(config, &network);
        QSignalSpy activity(&client, &S3Client::activity);
        auto result = capture(client.deleteObject({.bucket = QStringLiteral("bucket"), .key = QStringLiteral("a b")}), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE(activity.size(), 1);
        const HttpActivity record = activity.at(0).at(0).value<HttpActivity>();
        QCOMPARE(record.method, QByteArray("DELETE"));
        QCOMPARE(record.url, QStringLiteral("https://s3.example.test/bucket/a%20b"));
        QCOMPARE(record.status, 200);
        QCOMPARE(record.requestId, QStringLiteral("REQ123"));
        const QByteArray authorization = network.requests().at(0).header("authorization");
        const QByteArray signature = authorization.mid(authorization.indexOf("Signature=") + 10);
        QCOMPARE(signature.size(), 64);
        QVERIFY(!record.url.contains(QString::fromLatin1(signature)));
        QVERIFY(!record.url.contains(QStringLiteral("SESSIONTOKENSECRET")));
        QVERIFY(!record.url.contains(QString::fromLatin1(config.credentials.secretAccessKey)));
    }

    void redirectNamesTheRightRegion()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::withStatus(
            301, "<Error><Code>PermanentRedirect</Code><Message>Use the right endpoint.</Message></Error>",
            {{"x-amz-bucket-region", "eu-west-3"}}));
        S3Client client(testConfig(), &network);
        auto result = capture(client.headBucket(QStringLiteral("bucket")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().httpStatus, 301);
        QVERIFY((*result)->error().detail.contains(QStringLiteral("eu-west-3")));
        QCOMPARE(network.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
