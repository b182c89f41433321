// The AWS documentation's CORS and lifecycle samples: XML → domain → each JSON form →
// back, unchanged; and a form that cannot hold a field refuses with a sentence.

#include "samples.h"

#include "s3/json/cloudflare_json.h"
#include "s3/json/cors_json.h"
#include "s3/json/lifecycle_json.h"
#include "s3/xml/documents.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::json;
using coffer::bucket_config::test::sample;

namespace {

enum class Form { AwsArray, AwsObject, Cloudflare };

QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

Q_DECLARE_METATYPE(Form)

class TestConfigRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void cors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Form>("form");
        for (const QString &file : {u"cors-put-bucket-cors.xml"_s, u"cors-browser-uploads.xml"_s}) {
            QTest::addRow("%s aws array", qPrintable(file)) << file << Form::AwsArray;
            QTest::addRow("%s aws CORSRules", qPrintable(file)) << file << Form::AwsObject;
            QTest::addRow("%s cloudflare", qPrintable(file)) << file << Form::Cloudflare;
        }
    }

    void cors()
    {
        QFETCH(QString, file);
        QFETCH(Form, form);
        const QByteArray xml = sample(file);
        const auto parsed = xml::parseCorsConfiguration(xml);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        const CorsConfiguration &original = parsed.value();
        QVERIFY(original.rules.size() >= 2);

        QByteArray json;
        JsonResult<CorsConfiguration> back;
        switch (form) {
        case Form::AwsArray:
            json = QJsonDocument(corsToAwsArray(original)).toJson();
            back = parseCorsJson(json);
            break;
        case Form::AwsObject:
            json = text(corsToAws(original));
            back = parseCorsJson(json);
            break;
        case Form::Cloudflare:
            json = text(corsToCloudflare(original));
            back = parseCloudflareCorsJson(json);
            break;
        }
        QVERIFY2(back.ok(), qPrintable(back.error.message + u'\n' + QString::fromUtf8(json)));
        QCOMPARE(*back.value, original);
        QCOMPARE(xml::writeCorsConfiguration(*back.value), xml::writeCorsConfiguration(original));
    }

    void lifecycle_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<Form>("form");
        QTest::addColumn<int>("refusedRule"); // -1: the form holds every field
        QTest::addColumn<QString>("refusal"); // words the refusal must contain

        const QString archive = u"lifecycle-archive-and-expire.xml"_s;
        const QString tags = u"lifecycle-tags-and-sizes.xml"_s;
        const QString versions = u"lifecycle-versions.xml"_s;
        const QString r2 = u"lifecycle-r2.xml"_s;
        const QString legacy = u"lifecycle-legacy-prefix.xml"_s;
        for (const QString &file : {archive, tags, versions, r2, legacy})
            QTest::addRow("%s aws", qPrintable(file)) << file << Form::AwsObject << -1 << QString();
        QTest::addRow("%s cloudflare", qPrintable(r2)) << r2 << Form::Cloudflare << -1 << QString();
        QTest::addRow("%s cloudflare", qPrintable(archive))
            << archive << Form::Cloudflare << 0 << u"GLACIER"_s;
        QTest::addRow("%s cloudflare", qPrintable(tags)) << tags << Form::Cloudflare << 0 << u"tag"_s;
        QTest::addRow("%s cloudflare", qPrintable(versions))
            << versions << Form::Cloudflare << 0 << u"noncurrent"_s;
    }

    void lifecycle()
    {
        QFETCH(QString, file);
        QFETCH(Form, form);
        QFETCH(int, refusedRule);
        QFETCH(QString, refusal);
        const auto parsed = xml::parseLifecycleConfiguration(sample(file));
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
        const LifecycleConfiguration &original = parsed.value();
        QVERIFY(!original.rules.isEmpty());

        QByteArray json;
        JsonResult<LifecycleConfiguration> back;
        if (form == Form::Cloudflare) {
            const auto converted = lifecycleToCloudflareChecked(original);
            if (refusedRule >= 0) {
                QVERIFY(!converted.ok());
                QCOMPARE(converted.error.rule, refusedRule);
                QVERIFY2(converted.error.message.contains(refusal), qPrintable(converted.error.message));
                return;
            }
            QVERIFY2(converted.ok(), qPrintable(converted.error.message));
            json = text(*converted.value);
            back = parseCloudflareLifecycleJson(json);
        } else {
            json = text(lifecycleToAws(original));
            back = parseLifecycleJson(json);
        }
        QVERIFY2(back.ok(), qPrintable(back.error.message + u'\n' + QString::fromUtf8(json)));
        QCOMPARE(*back.value, original);
        QCOMPARE(xml::writeLifecycleConfiguration(*back.value), xml::writeLifecycleConfiguration(original));
    }

    // The rule-level <Prefix> is only a spelling of a prefix filter; the Cloudflare
    // form has one spelling, so the rule comes back as <Filter><Prefix>, same meaning.
    void cloudflareSpellsLegacyPrefixAsFilter()
    {
        const auto parsed = xml::parseLifecycleConfiguration(sample(u"lifecycle-legacy-prefix.xml"_s));
        QVERIFY(parsed.ok());
        QVERIFY(parsed->rules.at(0).filter.legacyRulePrefix);
        QVERIFY(cloudflareCannotCarry(parsed.value()).message.isEmpty());
        const auto back = lifecycleFromCloudflare(lifecycleToCloudflare(parsed.value()));
        QVERIFY(back.ok());
        LifecycleConfiguration expected = parsed.value();
        expected.rules[0].filter.legacyRulePrefix = false;
        QCOMPARE(*back.value, expected);
        QCOMPARE(back.value->rules.at(0).filter.prefix, u"old/"_s);
    }

    // Ages travel in seconds in the Cloudflare form and in days everywhere else.
    void cloudflareAgesAreSeconds_data()
    {
        QTest::addColumn<int>("days");
        QTest::newRow("1 day") << 1;
        QTest::newRow("30 days") << 30;
        QTest::newRow("10 years") << 3650;
    }

    void cloudflareAgesAreSeconds()
    {
        QFETCH(int, days);
        LifecycleRule rule;
        rule.id = u"r"_s;
        rule.expiration = LifecycleExpiration{days, {}, std::nullopt};
        const QJsonObject o = lifecycleToCloudflare(LifecycleConfiguration{{rule}});
        const QJsonObject condition = o[u"rules"_s][0][u"deleteObjectsTransition"_s][u"condition"_s].toObject();
        QCOMPARE(condition[u"type"_s].toString(), u"Age"_s);
        QCOMPARE(condition[u"maxAge"_s].toInteger(), qint64(days) * 86400);
    }
};

QTEST_GUILESS_MAIN(TestConfigRoundTrip)
#include "tst_config_round_trip.moc"
