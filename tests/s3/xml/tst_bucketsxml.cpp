// ListAllMyBucketsResult, LocationConstraint, CreateBucketConfiguration: parse the
// reference samples, compare field by field, write back, parse again.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

class TestBucketsXml : public QObject
{
    Q_OBJECT

private slots:
    void listBuckets()
    {
        const auto page = parseListAllMyBucketsResult(sample(u"ListAllMyBucketsResult.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->buckets.size(), 2);
        QCOMPARE(page->buckets[0].name, u"amzn-s3-demo-bucket"_s);
        QCOMPARE(page->buckets[0].creationDate, utc(2019, 12, 11, 23, 32, 47));
        QCOMPARE(page->buckets[0].creationDate.timeSpec(), Qt::UTC);
        QCOMPARE(page->buckets[0].region, u"us-east-1"_s);
        QCOMPARE(page->buckets[1].name, u"amzn-s3-demo-bucket1"_s);
        QCOMPARE(page->buckets[1].creationDate, utc(2019, 11, 10, 23, 32, 13));
        QVERIFY(page->buckets[1].region.isEmpty());
        QVERIFY(page->owner.has_value());
        QCOMPARE(page->owner->id, u"bcaf1ffd86f461ca5fb16fd081034f"_s);
        QCOMPARE(page->owner->displayName, u"webfile"_s);
        QCOMPARE(page->continuationToken, u"eyJDb250aW51YXRpb25Ub2tlbiI6ImEifQ"_s);
        QCOMPARE(page->prefix, u"amzn"_s);
        verifyRoundTrip(page.value(), writeListAllMyBucketsResult, parseListAllMyBucketsResult);
    }

    void timestampsAreWrittenWithMilliseconds()
    {
        ListBucketsPage page;
        page.buckets.append({u"b"_s, utc(2026, 2, 23, 8, 24, 20), {}});
        const QByteArray written = writeListAllMyBucketsResult(page);
        QVERIFY2(written.contains("<CreationDate>2026-02-23T08:24:20.000Z</CreationDate>"), written.constData());
        QVERIFY(written.contains("xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\""));
    }

    void emptyListing()
    {
        const auto page = parseListAllMyBucketsResult("<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>");
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QVERIFY(page->buckets.isEmpty());
        QVERIFY(!page->owner.has_value());
        verifyRoundTrip(page.value(), writeListAllMyBucketsResult, parseListAllMyBucketsResult);
    }

    void locationConstraint_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reference sample") << sample(u"LocationConstraint.xml"_s) << u"EU"_s;
        QTest::newRow("us-east-1 is empty") << QByteArray("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>") << QString();
        QTest::newRow("r2 auto") << QByteArray("<LocationConstraint>auto</LocationConstraint>") << u"auto"_s;
    }

    void locationConstraint()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto location = parseLocationConstraint(body);
        QVERIFY2(location.ok(), qPrintable(describe(location)));
        QCOMPARE(location->locationConstraint, expected);
        verifyRoundTrip(location.value(), writeLocationConstraint, parseLocationConstraint);
    }

    void createBucketConfiguration()
    {
        const auto configuration = parseCreateBucketConfiguration(sample(u"CreateBucketConfiguration.xml"_s));
        QVERIFY2(configuration.ok(), qPrintable(describe(configuration)));
        QCOMPARE(configuration->locationConstraint, u"weur"_s);
        verifyRoundTrip(configuration.value(), writeCreateBucketConfiguration, parseCreateBucketConfiguration);
    }

    void createBucketWithoutBody()
    {
        const auto configuration = parseCreateBucketConfiguration(" \r\n");
        QVERIFY(configuration.ok());
        QVERIFY(configuration->locationConstraint.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBucketsXml)
#include "tst_bucketsxml.moc"
