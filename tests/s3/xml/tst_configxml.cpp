// Bucket configuration documents: CORS, lifecycle, public access block, versioning.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

class TestConfigXml : public QObject
{
    Q_OBJECT

private slots:
    void cors()
    {
        const auto configuration = parseCorsConfiguration(sample(u"CORSConfiguration.xml"_s));
        QVERIFY2(configuration.ok(), qPrintable(describe(configuration)));
        QCOMPARE(configuration->rules.size(), 2);
        const CorsRule &first = configuration->rules[0];
        QVERIFY(first.id.isEmpty());
        QCOMPARE(first.allowedOrigins, QStringList{u"http://www.example.com"_s});
        QCOMPARE(first.allowedMethods, (QStringList{u"PUT"_s, u"POST"_s, u"DELETE"_s}));
        QCOMPARE(first.allowedHeaders, QStringList{u"*"_s});
        QCOMPARE(first.maxAgeSeconds, 3000);
        QCOMPARE(first.exposeHeaders, (QStringList{u"x-amz-server-side-encryption"_s, u"x-amz-request-id"_s, u"x-amz-id-2"_s}));
        const CorsRule &second = configuration->rules[1];
        QCOMPARE(second.id, u"public-read"_s);
        QCOMPARE(second.allowedOrigins, QStringList{u"*"_s});
        QCOMPARE(second.allowedMethods, QStringList{u"GET"_s});
        QVERIFY(!second.maxAgeSeconds.has_value());
        QVERIFY(configuration->validate().isEmpty());
        verifyRoundTrip(configuration.value(), writeCorsConfiguration, parseCorsConfiguration);
    }

    void lifecycle()
    {
        const auto configuration = parseLifecycleConfiguration(sample(u"LifecycleConfiguration.xml"_s));
        QVERIFY2(configuration.ok(), qPrintable(describe(configuration)));
        QCOMPARE(configuration->rules.size(), 4);

        const LifecycleRule &archive = configuration->rules[0];
        QCOMPARE(archive.id, u"id1"_s);
        QVERIFY(archive.enabled);
        QCOMPARE(archive.filter.prefix, u"documents/"_s);
        QCOMPARE(archive.filter.conditionCount(), 1);
        QCOMPARE(archive.transitions.size(), 1);
        QCOMPARE(archive.transitions[0].days, 30);
        QCOMPARE(archive.transitions[0].storageClass, u"GLACIER"_s);
        QVERIFY(!archive.expiration.has_value());

        const LifecycleRule &logs = configuration->rules[1];
        QVERIFY(!logs.enabled);
        QCOMPARE(logs.filter.prefix, u"logs/"_s);
        QCOMPARE(logs.filter.tags, (QList<LifecycleTag>{{u"key1"_s, u"value1"_s}}));
        QCOMPARE(logs.filter.objectSizeGreaterThan, 500);
        QCOMPARE(logs.filter.objectSizeLessThan, 64000);
        QCOMPARE(logs.expiration->days, 365);
        QCOMPARE(logs.noncurrentVersionExpiration->noncurrentDays, 30);
        QCOMPARE(logs.noncurrentVersionExpiration->newerNoncurrentVersions, 2);

        const LifecycleRule &abort = configuration->rules[2];
        QCOMPARE(abort.filter.conditionCount(), 0);
        QCOMPARE(abort.abortIncompleteMultipartUploadDays, 7);

        const LifecycleRule &legacy = configuration->rules[3];
        QVERIFY(legacy.filter.legacyRulePrefix);
        QCOMPARE(legacy.filter.prefix, u"tmp/"_s);
        QCOMPARE(legacy.expiration->date, utc(2027, 1, 1, 0, 0, 0));

        verifyRoundTrip(configuration.value(), writeLifecycleConfiguration, parseLifecycleConfiguration);
        const QByteArray written = writeLifecycleConfiguration(configuration.value());
        QVERIFY2(written.contains("<And><Prefix>logs/</Prefix><Tag>"), written.constData());
        QVERIFY(written.contains("<Filter><Prefix></Prefix></Filter>") || written.contains("<Filter><Prefix/></Filter>"));
    }

    void lifecycleStatusMustBeKnown()
    {
        const auto configuration = parseLifecycleConfiguration(
            "<LifecycleConfiguration><Rule><Status>On</Status></Rule></LifecycleConfiguration>");
        QVERIFY(!configuration.ok());
        QCOMPARE(configuration.error().kind, XmlError::Kind::InvalidValue);
        QVERIFY(configuration.error().message.contains(u"Enabled"_s));
    }

    void publicAccessBlock()
    {
        const auto configuration = parsePublicAccessBlockConfiguration(sample(u"PublicAccessBlockConfiguration.xml"_s));
        QVERIFY2(configuration.ok(), qPrintable(describe(configuration)));
        QVERIFY(configuration->blockPublicAcls);
        QVERIFY(!configuration->ignorePublicAcls);
        QVERIFY(configuration->blockPublicPolicy);
        QVERIFY(!configuration->restrictPublicBuckets);
        verifyRoundTrip(configuration.value(), writePublicAccessBlockConfiguration, parsePublicAccessBlockConfiguration);
    }

    void versioning_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("mfaDelete");
        QTest::newRow("reference sample") << sample(u"VersioningConfiguration.xml"_s)
                                          << int(VersioningStatus::Enabled) << int(MfaDeleteStatus::Disabled);
        QTest::newRow("never enabled") << QByteArray("<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")
                                       << int(VersioningStatus::Unset) << int(MfaDeleteStatus::Unset);
        QTest::newRow("suspended, API spelling") << QByteArray("<VersioningConfiguration><Status>Suspended</Status><MFADelete>Enabled</MFADelete></VersioningConfiguration>")
                                                 << int(VersioningStatus::Suspended) << int(MfaDeleteStatus::Enabled);
    }

    void versioning()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, mfaDelete);
        const auto configuration = parseVersioningConfiguration(body);
        QVERIFY2(configuration.ok(), qPrintable(describe(configuration)));
        QCOMPARE(int(configuration->status), status);
        QCOMPARE(int(configuration->mfaDelete), mfaDelete);
        verifyRoundTrip(configuration.value(), writeVersioningConfiguration, parseVersioningConfiguration);
    }
};

QTEST_GUILESS_MAIN(TestConfigXml)
#include "tst_configxml.moc"
