// The lifecycle dry run against a live bucket on the embedded server: objects written
// now look N days old to a run whose "today" is N days ahead.

#include "live_server.h"

#include "bucket_config/dry_run_runner.h"

#include <QBuffer>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::bucket_config;
using namespace coffer::bucket_config::test;

namespace {

const QString kBucket = u"dry-run"_s;

s3::LifecycleRule rule(const QString &prefix)
{
    s3::LifecycleRule r;
    r.id = prefix;
    r.filter.prefix = prefix;
    return r;
}

} // namespace

class TestDryRunRunner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<CloudflareServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_s3 = std::make_unique<client::S3Client>(s3Config(m_server->port()), m_network.get());
        const auto created = waitFor(m_s3->createBucket(kBucket), this);
        QVERIFY(created && created->ok());
        const QList<std::pair<QString, qint64>> objects
            = {{u"logs/a.txt"_s, 10}, {u"logs/b.txt"_s, 2000}, {u"tmp/c.bin"_s, 300}, {u"keep.md"_s, 4}};
        for (const auto &[key, size] : objects) {
            auto *body = new QBuffer(this);
            body->setData(QByteArray(size, 'x'));
            body->open(QIODevice::ReadOnly);
            client::PutObjectParams params;
            params.bucket = kBucket;
            params.key = key;
            params.body = body;
            params.size = size;
            const auto put = waitFor(m_s3->putObject(params), this);
            QVERIFY2(put && put->ok(), put ? qPrintable(put->error().userMessage()) : "timed out");
        }
        const auto upload = waitFor(m_s3->createMultipartUpload({.bucket = kBucket, .key = u"big/x.iso"_s}), this);
        QVERIFY(upload && upload->ok());
    }

    void cleanupTestCase()
    {
        m_s3.reset();
        m_network.reset();
        m_server.reset();
    }

    void countsEachRule()
    {
        s3::LifecycleRule logs = rule(u"logs/"_s);
        logs.expiration = s3::LifecycleExpiration{7, {}, std::nullopt};
        s3::LifecycleRule tmp = rule(u"tmp/"_s);
        tmp.expiration = s3::LifecycleExpiration{30, {}, std::nullopt};
        s3::LifecycleRule uploads = rule(u"big/"_s);
        uploads.abortIncompleteMultipartUploadDays = 1;

        DryRunRunner runner(m_s3.get(), kBucket, s3::LifecycleConfiguration{{logs, tmp, uploads}},
                            QDateTime::currentDateTimeUtc().addDays(10));
        QSignalSpy finished(&runner, &DryRunRunner::finished);
        QSignalSpy progress(&runner, &DryRunRunner::progress);
        runner.start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(!runner.error().isError(), qPrintable(runner.error().userMessage()));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!progress.isEmpty());

        QCOMPARE(runner.result().objectsSeen(), 4);
        const QList<RuleImpact> &impacts = runner.result().impacts();
        QCOMPARE(impacts.size(), 3);
        QCOMPARE(impacts.at(0).expiredObjects, 2);
        QCOMPARE(impacts.at(0).expiredBytes, 2010);
        QCOMPARE(impacts.at(0).keys, (QStringList{u"logs/a.txt"_s, u"logs/b.txt"_s}));
        QCOMPARE(impacts.at(1).expiredObjects, 0);
        QCOMPARE(impacts.at(2).abortedUploads, 1);
        QCOMPARE(impacts.at(2).keys, QStringList{u"big/x.iso"_s});
    }

    // Only the prefix the rules share is listed, so a rule set for logs/ never pages
    // through the rest of the bucket.
    void listsOnlyTheSharedPrefix()
    {
        s3::LifecycleRule logs = rule(u"logs/"_s);
        logs.expiration = s3::LifecycleExpiration{1, {}, std::nullopt};
        DryRunRunner runner(m_s3.get(), kBucket, s3::LifecycleConfiguration{{logs}},
                            QDateTime::currentDateTimeUtc());
        QSignalSpy finished(&runner, &DryRunRunner::finished);
        runner.start();
        QVERIFY(finished.wait(30000));
        QVERIFY(!runner.error().isError());
        QCOMPARE(runner.result().objectsSeen(), 2);
        QCOMPARE(runner.result().impacts().at(0).expiredObjects, 0); // written today: not due yet
    }

    void missingBucketIsAnError()
    {
        s3::LifecycleRule logs = rule(u"logs/"_s);
        logs.expiration = s3::LifecycleExpiration{1, {}, std::nullopt};
        DryRunRunner runner(m_s3.get(), u"no-such-bucket"_s, s3::LifecycleConfiguration{{logs}},
                            QDateTime::currentDateTimeUtc());
        QSignalSpy finished(&runner, &DryRunRunner::finished);
        runner.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(runner.error().kind, s3::S3Error::Kind::Http);
        QCOMPARE(runner.error().code, u"NoSuchBucket"_s);
    }

private:
    std::unique_ptr<CloudflareServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<client::S3Client> m_s3;
};

QTEST_GUILESS_MAIN(TestDryRunRunner)
#include "tst_dry_run_runner.moc"
