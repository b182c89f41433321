// S3Client's bucket configuration calls against a fake network: bodies, integrity
// headers, parsing, and 501/405/400 read as "not supported by this provider".
#include "fake_network.h"
#include "test_support.h"

#include "s3/checksum/checksum.h"
#include "s3/xml/documents.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace coffer::client;
using namespace coffer::client::testing;
namespace s3 = coffer::s3;
using s3::S3Error;

namespace {
const QString kBucket = QStringLiteral("bucket");
}

class TestConfigurationCalls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void configurationCallsRoundTrip()
    {
        FakeNetwork network;
        s3::CorsConfiguration cors;
        s3::CorsRule rule;
        rule.allowedOrigins = {QStringLiteral("https://example.com")};
        rule.allowedMethods = {QStringLiteral("GET")};
        cors.rules = {rule};
        network.responder = [cors](const RecordedRequest &r) {
            if (r.method == "GET" && r.hasQuery("cors"))
                return ScriptedResponse::ok(s3::xml::writeCorsConfiguration(cors));
            if (r.method == "GET" && r.hasQuery("policyStatus"))
                return ScriptedResponse::ok("<PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>");
            if (r.method == "GET" && r.hasQuery("policy"))
                return ScriptedResponse::ok("{\"Version\":\"2012-10-17\"}");
            if (r.method == "GET" && r.hasQuery("publicAccessBlock"))
                return ScriptedResponse::ok(s3::xml::writePublicAccessBlockConfiguration({true, true, false, false}));
            if (r.method == "GET" && r.hasQuery("versioning"))
                return ScriptedResponse::ok(s3::xml::writeVersioningConfiguration({s3::VersioningStatus::Enabled, {}}));
            return ScriptedResponse::ok();
        };
        S3Client client(testConfig(), &network);

        auto put = capture(client.putBucketCors(kBucket, cors), this);
        QTRY_VERIFY(put->has_value());
        QVERIFY((*put)->ok());
        const RecordedRequest &putRequest = network.requests().at(0);
        QCOMPARE(putRequest.method, QByteArray("PUT"));
        QCOMPARE(putRequest.query, QByteArray("cors="));
        QCOMPARE(putRequest.header("content-md5"), s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, putRequest.body).toBase64());
        QCOMPARE(s3::xml::parseCorsConfiguration(putRequest.body).value(), cors);

        auto got = capture(client.getBucketCors(kBucket), this);
        QTRY_VERIFY(got->has_value());
        QCOMPARE((**got).value(), cors);

        auto policy = capture(client.putBucketPolicy(kBucket, "{\"Statement\":[]}"), this);
        QTRY_VERIFY(policy->has_value());
        QCOMPARE(network.requests().at(2).body, QByteArray("{\"Statement\":[]}"));
        QCOMPARE(network.requests().at(2).header("content-type"), QByteArray("application/json"));

        auto policyText = capture(client.getBucketPolicy(kBucket), this);
        QTRY_VERIFY(policyText->has_value());
        QCOMPARE((**policyText).value(), QByteArray("{\"Version\":\"2012-10-17\"}"));

        auto status = capture(client.getBucketPolicyStatus(kBucket), this);
        QTRY_VERIFY(status->has_value());
        QVERIFY((**status)->isPublic);

        auto pab = capture(client.getPublicAccessBlock(kBucket), this);
        QTRY_VERIFY(pab->has_value());
        QVERIFY((**pab)->blockPublicAcls);
        QVERIFY(!(**pab)->blockPublicPolicy);

        auto putPab = capture(client.putPublicAccessBlock(kBucket, {true, true, true, true}), this);
        QTRY_VERIFY(putPab->has_value());
        QVERIFY(network.requests().last().hasQuery("publicAccessBlock"));

        auto versioning = capture(client.getBucketVersioning(kBucket), this);
        QTRY_VERIFY(versioning->has_value());
        QCOMPARE((**versioning)->status, s3::VersioningStatus::Enabled);
    }

    void unsupportedConfigurationIsNotSupported_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("501") << 501;
        QTest::newRow("405") << 405;
        QTest::newRow("400") << 400;
    }
    void unsupportedConfigurationIsNotSupported()
    {
        QFETCH(int, status);
        FakeNetwork network;
        network.responder = [status](const RecordedRequest &) {
            return ScriptedResponse::withStatus(status, "<Error><Code>NotImplemented</Code></Error>");
        };
        S3Client client(testConfig(s3::Provider::CloudflareR2), &network);
        auto policy = capture(client.getBucketPolicy(kBucket), this);
        auto lifecycle = capture(client.getBucketLifecycleConfiguration(kBucket), this);
        QTRY_VERIFY(policy->has_value() && lifecycle->has_value());
        QVERIFY((*policy)->error().isNotSupported());
        QVERIFY((*lifecycle)->error().isNotSupported());
        QCOMPARE(network.requestCount(), 2); // not retried
    }

};

QTEST_GUILESS_MAIN(TestConfigurationCalls)
#include "tst_configuration_calls.moc"
