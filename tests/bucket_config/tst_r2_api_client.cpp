// The Cloudflare R2 REST client against the embedded server's emulation of that API:
// CORS, lifecycle, r2.dev and custom domains, and every kind of failure a user can meet.

#include "live_server.h"
#include "samples.h"

#include "s3/json/cloudflare_json.h"
#include "s3/xml/documents.h"

#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::bucket_config;
using namespace coffer::bucket_config::test;

namespace {

const R2Bucket kBucket{u"config-test"_s, s3::R2Jurisdiction::Default};

} // namespace

class TestR2ApiClient : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_server = std::make_unique<CloudflareServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_s3 = std::make_unique<client::S3Client>(s3Config(m_server->port()), m_network.get());
        m_api = std::make_unique<R2ApiClient>(apiConfig(m_server->port()), m_network.get());
        const auto created = waitFor(m_s3->createBucket(kBucket.name), this);
        QVERIFY(created && created->ok());
    }

    void cleanup()
    {
        m_api.reset();
        m_s3.reset();
        m_network.reset();
        m_server.reset();
    }

    void corsRoundTrip()
    {
        const auto sample = s3::xml::parseCorsConfiguration(coffer::bucket_config::test::sample(u"cors-browser-uploads.xml"_s));
        QVERIFY(sample.ok());
        const auto put = waitFor(m_api->putCors(kBucket, sample.value()), this);
        QVERIFY2(put && put->ok(), put ? qPrintable(put->error().userMessage()) : "timed out");

        const auto got = waitFor(m_api->getCors(kBucket), this);
        QVERIFY2(got && got->ok(), got ? qPrintable(got->error().userMessage()) : "timed out");
        QCOMPARE(got->value(), sample.value());
        // The same rules over S3: one configuration, two APIs.
        const auto overS3 = waitFor(m_s3->getBucketCors(kBucket.name), this);
        QVERIFY(overS3 && overS3->ok());
        QCOMPARE(overS3->value(), sample.value());

        const auto deleted = waitFor(m_api->deleteCors(kBucket), this);
        QVERIFY(deleted && deleted->ok());
        const auto gone = waitFor(m_api->getCors(kBucket), this);
        QVERIFY(gone && !gone->ok());
        QCOMPARE(gone->error().kind, R2ApiError::Kind::Api);
        QCOMPARE(gone->error().httpStatus, 404);
        QVERIFY(!gone->error().errors.isEmpty());
        QVERIFY2(gone->error().userMessage().contains(gone->error().errors.first().message),
                 qPrintable(gone->error().userMessage()));
    }

    void lifecycleRoundTrip()
    {
        const auto sample = s3::xml::parseLifecycleConfiguration(coffer::bucket_config::test::sample(u"lifecycle-r2.xml"_s));
        QVERIFY(sample.ok());
        const auto put = waitFor(m_api->putLifecycle(kBucket, sample.value()), this);
        QVERIFY2(put && put->ok(), put ? qPrintable(put->error().userMessage()) : "timed out");
        const auto got = waitFor(m_api->getLifecycle(kBucket), this);
        QVERIFY2(got && got->ok(), got ? qPrintable(got->error().userMessage()) : "timed out");
        QCOMPARE(got->value(), sample.value());
        const auto overS3 = waitFor(m_s3->getBucketLifecycleConfiguration(kBucket.name), this);
        QVERIFY(overS3 && overS3->ok());
        QCOMPARE(overS3->value().rules.size(), sample->rules.size());
        QCOMPARE(overS3->value().rules.at(0).expiration, sample->rules.at(0).expiration);
    }

    // A rule the Cloudflare form cannot hold is refused before anything is sent, so the
    // bucket keeps its rules whole instead of getting a silently trimmed copy.
    void lifecycleTheFormCannotHoldIsRefused()
    {
        const auto sample = s3::xml::parseLifecycleConfiguration(
            coffer::bucket_config::test::sample(u"lifecycle-tags-and-sizes.xml"_s));
        QVERIFY(sample.ok());
        const auto put = waitFor(m_api->putLifecycle(kBucket, sample.value()), this);
        QVERIFY(put && !put->ok());
        QCOMPARE(put->error().kind, R2ApiError::Kind::InvalidInput);
        QCOMPARE(put->error().httpStatus, 0);
        QVERIFY2(put->error().userMessage().contains(u"Rule 1"_s), qPrintable(put->error().userMessage()));
    }

    void managedDomain()
    {
        const auto initial = waitFor(m_api->getManagedDomain(kBucket), this);
        QVERIFY2(initial && initial->ok(), initial ? qPrintable(initial->error().userMessage()) : "timed out");
        QVERIFY(!initial->value().enabled);

        const auto enabled = waitFor(m_api->setManagedDomain(kBucket, true), this);
        QVERIFY(enabled && enabled->ok());
        QVERIFY(enabled->value().enabled);
        QVERIFY2(enabled->value().domain.endsWith(u".r2.dev"_s), qPrintable(enabled->value().domain));
        const auto read = waitFor(m_api->getManagedDomain(kBucket), this);
        QVERIFY(read && read->ok());
        QCOMPARE(read->value(), enabled->value());

        const auto disabled = waitFor(m_api->setManagedDomain(kBucket, false), this);
        QVERIFY(disabled && disabled->ok());
        QVERIFY(!disabled->value().enabled);
    }

    void customDomains()
    {
        CustomDomain wanted;
        wanted.domain = u"files.example.com"_s;
        wanted.zoneId = u"023e105f4ecef8ad9ca31a8372d0c353"_s;
        wanted.enabled = true;
        wanted.minTls = u"1.2"_s;
        const auto added = waitFor(m_api->addCustomDomain(kBucket, wanted), this);
        QVERIFY2(added && added->ok(), added ? qPrintable(added->error().userMessage()) : "timed out");
        QCOMPARE(added->value().domain, wanted.domain);
        QVERIFY(added->value().enabled);

        const auto listed = waitFor(m_api->listCustomDomains(kBucket), this);
        QVERIFY(listed && listed->ok());
        QCOMPARE(listed->value().size(), 1);
        QCOMPARE(listed->value().first().domain, wanted.domain);
        QCOMPARE(listed->value().first().zoneId, wanted.zoneId);
        QCOMPARE(listed->value().first().minTls, wanted.minTls);
        QVERIFY(!listed->value().first().ownershipStatus.isEmpty());

        const auto removed = waitFor(m_api->deleteCustomDomain(kBucket, wanted.domain), this);
        QVERIFY(removed && removed->ok());
        const auto empty = waitFor(m_api->listCustomDomains(kBucket), this);
        QVERIFY(empty && empty->ok());
        QVERIFY(empty->value().isEmpty());
    }

    void customDomainNeedsAZone()
    {
        CustomDomain noZone;
        noZone.domain = u"files.example.com"_s;
        const auto added = waitFor(m_api->addCustomDomain(kBucket, noZone), this);
        QVERIFY(added && !added->ok());
        QCOMPARE(added->error().kind, R2ApiError::Kind::InvalidInput);
    }

    void wrongTokenIsExplainedNeverShown()
    {
        const QString wrong = u"not-the-token-9876543210"_s;
        R2ApiClient api(apiConfig(m_server->port(), wrong), m_network.get());
        const auto got = waitFor(api.getManagedDomain(kBucket), this);
        QVERIFY(got && !got->ok());
        QCOMPARE(got->error().kind, R2ApiError::Kind::Api);
        QVERIFY(got->error().httpStatus == 401 || got->error().httpStatus == 403);
        QVERIFY2(got->error().userMessage().contains(u"token"_s), qPrintable(got->error().userMessage()));
        QVERIFY(!got->error().userMessage().contains(wrong));
    }

    // The header travels: the local server keeps every bucket in the default jurisdiction,
    // so asking for the bucket in "eu" answers Cloudflare's "no such bucket there".
    void jurisdictionHeaderIsSent()
    {
        const auto got = waitFor(m_api->getManagedDomain({kBucket.name, s3::R2Jurisdiction::Eu}), this);
        QVERIFY(got && !got->ok());
        QCOMPARE(got->error().kind, R2ApiError::Kind::Api);
        QVERIFY2(got->error().userMessage().contains(u"eu"_s), qPrintable(got->error().userMessage()));
    }

    void unreachableServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        R2ApiClient api(apiConfig(port), m_network.get());
        const auto got = waitFor(api.getCors(kBucket), this);
        QVERIFY(got && !got->ok());
        QCOMPARE(got->error().kind, R2ApiError::Kind::Network);
        QVERIFY(!got->error().userMessage().isEmpty());
    }

    // A base URL that reaches something other than the Cloudflare API (here: the S3
    // listener itself) gives a clear error, not a parse failure deep down.
    void wrongBaseUrl()
    {
        R2ApiConfig config = apiConfig(m_server->port());
        config.baseUrl = QUrl(u"http://127.0.0.1:%1/not-the-api"_s.arg(m_server->port()));
        R2ApiClient api(config, m_network.get());
        const auto got = waitFor(api.getCors(kBucket), this);
        QVERIFY(got && !got->ok());
        QVERIFY2(got->error().kind == R2ApiError::Kind::Http || got->error().kind == R2ApiError::Kind::Response,
                 qPrintable(got->error().userMessage()));
    }

    void cancel()
    {
        auto *call = m_api->getCors(kBucket);
        std::optional<R2Result<s3::CorsConfiguration>> got;
        call->onFinished(this, [&got](const R2Result<s3::CorsConfiguration> &result) { got = result; });
        call->cancel();
        QVERIFY(got && !got->ok()); // finished at once, exactly once
        QCOMPARE(got->error().kind, R2ApiError::Kind::Canceled);
    }

private:
    std::unique_ptr<CloudflareServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<client::S3Client> m_s3;
    std::unique_ptr<R2ApiClient> m_api;
};

QTEST_GUILESS_MAIN(TestR2ApiClient)
#include "tst_r2_api_client.moc"
