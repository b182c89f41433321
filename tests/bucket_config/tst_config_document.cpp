// Reading a CORS or lifecycle document in whichever form it is pasted or imported,
// and writing it in each form the source view offers.

#include "samples.h"

#include "s3/json/config_document.h"
#include "s3/xml/documents.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::json;
using coffer::bucket_config::test::sample;

Q_DECLARE_METATYPE(ConfigForm)

class TestConfigDocument : public QObject
{
    Q_OBJECT

private slots:
    void cors_data()
    {
        QTest::addColumn<ConfigForm>("form");
        QTest::newRow("xml") << ConfigForm::S3Xml;
        QTest::newRow("aws CORSRules") << ConfigForm::AwsJson;
        QTest::newRow("aws array") << ConfigForm::AwsJsonArray;
        QTest::newRow("cloudflare") << ConfigForm::CloudflareJson;
    }

    void cors()
    {
        QFETCH(ConfigForm, form);
        const auto original = xml::parseCorsConfiguration(sample(u"cors-put-bucket-cors.xml"_s));
        QVERIFY(original.ok());
        const QByteArray text = writeCorsDocument(original.value(), form);
        QCOMPARE(recogniseForm(text), form);
        ConfigForm seen = ConfigForm::S3Xml;
        const auto back = readCorsDocument(text, &seen);
        QVERIFY2(back.ok(), qPrintable(back.error.message));
        QCOMPARE(seen, form);
        QCOMPARE(*back.value, original.value());
    }

    void lifecycle_data()
    {
        QTest::addColumn<ConfigForm>("form");
        QTest::addColumn<bool>("writable");
        QTest::newRow("xml") << ConfigForm::S3Xml << true;
        QTest::newRow("aws Rules") << ConfigForm::AwsJson << true;
        QTest::newRow("no bare array") << ConfigForm::AwsJsonArray << false;
        QTest::newRow("cloudflare") << ConfigForm::CloudflareJson << true;
    }

    void lifecycle()
    {
        QFETCH(ConfigForm, form);
        QFETCH(bool, writable);
        const auto original = xml::parseLifecycleConfiguration(sample(u"lifecycle-r2.xml"_s));
        QVERIFY(original.ok());
        const auto text = writeLifecycleDocument(original.value(), form);
        QCOMPARE(text.ok(), writable);
        if (!writable) {
            QVERIFY(!text.error.message.isEmpty());
            return;
        }
        const auto back = readLifecycleDocument(*text.value);
        QVERIFY2(back.ok(), qPrintable(back.error.message));
        QCOMPARE(*back.value, original.value());
    }

    // What `aws s3api get-bucket-lifecycle-configuration` prints, pasted as is.
    void awsCliLifecycleOutputReads()
    {
        const QByteArray text = R"({
    "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K",
    "Rules": [
        {
            "Expiration": {"Date": "2027-01-01T00:00:00+00:00"},
            "ID": "tmp",
            "Filter": {"Prefix": "tmp/"},
            "Status": "Enabled"
        }
    ]
})";
        const auto back = readLifecycleDocument(text);
        QVERIFY2(back.ok(), qPrintable(back.error.message));
        QCOMPARE(back.value->rules.size(), 1);
        QCOMPARE(back.value->rules.at(0).filter.prefix, u"tmp/"_s);
        QCOMPARE(back.value->rules.at(0).expiration->date, QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC));
    }

    // Malformed XML keeps the XML layer's line and column.
    void malformedXmlPointsAtItsLine()
    {
        const auto back = readCorsDocument("<CORSConfiguration>\n<CORSRule>\n<AllowedOrigin>*</Allowed>\n");
        QVERIFY(!back.ok());
        QCOMPARE(back.error.line, 3);
        QVERIFY(!back.error.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConfigDocument)
#include "tst_config_document.moc"
