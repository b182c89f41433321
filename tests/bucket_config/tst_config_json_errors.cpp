// Bad JSON pasted into a source view: malformed text points at its line and column, a
// bad rule at its index and the line it starts on, and nothing partial comes back.

#include "s3/json/cloudflare_json.h"
#include "s3/json/cors_json.h"
#include "s3/json/lifecycle_json.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::json;

namespace {

enum class Parser { AwsCors, CloudflareCors, AwsLifecycle, CloudflareLifecycle };

// The error of whichever parser, with a check that no value came with it.
JsonError parseError(Parser parser, const QByteArray &text, bool *valueReturned)
{
    switch (parser) {
    case Parser::AwsCors: {
        auto r = parseCorsJson(text);
        *valueReturned = r.value.has_value();
        return r.error;
    }
    case Parser::CloudflareCors: {
        auto r = parseCloudflareCorsJson(text);
        *valueReturned = r.value.has_value();
        return r.error;
    }
    case Parser::AwsLifecycle: {
        auto r = parseLifecycleJson(text);
        *valueReturned = r.value.has_value();
        return r.error;
    }
    case Parser::CloudflareLifecycle: {
        auto r = parseCloudflareLifecycleJson(text);
        *valueReturned = r.value.has_value();
        return r.error;
    }
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Parser)

class TestConfigJsonErrors : public QObject
{
    Q_OBJECT

private slots:
    void errors_data()
    {
        QTest::addColumn<Parser>("parser");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line"); // 0: no line expected
        QTest::addColumn<int>("rule"); // -1: not about one rule
        QTest::addColumn<QString>("words"); // the sentence must contain these

        QTest::newRow("malformed: missing comma")
            << Parser::AwsCors
            << "[\n  {\"AllowedOrigins\": [\"*\"],\n   \"AllowedMethods\": [\"GET\"] \"MaxAgeSeconds\": 3}\n]"_ba << 3
            << -1 << u"line 3"_s;
        QTest::newRow("malformed: truncated")
            << Parser::CloudflareLifecycle << "{\"rules\": [\n  {\"id\": \"a\",\n"_ba << 3 << -1 << u"not valid JSON"_s;
        QTest::newRow("malformed: trailing garbage")
            << Parser::AwsLifecycle << "{\"Rules\": []}\nextra"_ba << 2 << -1 << u"line 2"_s;
        QTest::newRow("origin list is a string")
            << Parser::AwsCors
            << "{\"CORSRules\": [\n {\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"GET\"]},\n"
               " {\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"PUT\"]},\n"
               " {\"AllowedOrigins\": \"*\", \"AllowedMethods\": [\"GET\"]}\n]}"_ba
            << 4 << 2 << u"AllowedOrigins"_s;
        QTest::newRow("unknown member (singular name)")
            << Parser::AwsCors << "[{\"AllowedOrigin\": [\"*\"], \"AllowedMethods\": [\"GET\"]}]"_ba << 1 << 0
            << u"AllowedOrigin"_s;
        QTest::newRow("rule is not an object") << Parser::AwsCors << "[\n[\"GET\"]\n]"_ba << 2 << 0 << u"object"_s;
        QTest::newRow("negative max age")
            << Parser::CloudflareCors
            << "{\"rules\": [{\"allowed\": {\"origins\": [\"*\"], \"methods\": [\"GET\"]}, \"maxAgeSeconds\": -1}]}"_ba
            << 1 << 0 << u"maxAgeSeconds"_s;
        QTest::newRow("cloudflare rule without allowed")
            << Parser::CloudflareCors << "{\"rules\": [\n{\"id\": \"x\"}]}"_ba << 2 << 0 << u"allowed"_s;
        QTest::newRow("aws json without CORSRules")
            << Parser::AwsCors << "{\"Rules\": []}"_ba << 0 << -1 << u"CORSRules"_s;
        QTest::newRow("status misspelt")
            << Parser::AwsLifecycle
            << "{\"Rules\": [\n {\"Status\": \"Enabled\", \"Expiration\": {\"Days\": 1}},\n"
               " {\"Status\": \"enabled\", \"Expiration\": {\"Days\": 1}}]}"_ba
            << 3 << 1 << u"Status"_s;
        QTest::newRow("days not whole")
            << Parser::AwsLifecycle << "{\"Rules\": [{\"Status\": \"Enabled\", \"Expiration\": {\"Days\": 1.5}}]}"_ba
            << 1 << 0 << u"Expiration.Days"_s;
        QTest::newRow("bad date")
            << Parser::AwsLifecycle
            << "{\"Rules\": [{\"Status\": \"Enabled\", \"Expiration\": {\"Date\": \"next tuesday\"}}]}"_ba << 1 << 0
            << u"Expiration.Date"_s;
        QTest::newRow("filter and legacy prefix")
            << Parser::AwsLifecycle
            << "{\"Rules\": [{\"Status\": \"Enabled\", \"Prefix\": \"a\", \"Filter\": {\"Prefix\": \"b\"}}]}"_ba << 1
            << 0 << u"not both"_s;
        QTest::newRow("tags outside And")
            << Parser::AwsLifecycle
            << "{\"Rules\": [{\"Status\": \"Enabled\", \"Filter\": {\"Tags\": []}}]}"_ba << 1 << 0 << u"Tags"_s;
        QTest::newRow("cloudflare age not whole days")
            << Parser::CloudflareLifecycle
            << "{\"rules\": [{\"id\": \"a\", \"enabled\": true, \"conditions\": {\"prefix\": \"\"},\n"
               " \"deleteObjectsTransition\": {\"condition\": {\"type\": \"Age\", \"maxAge\": 3600}}}]}"_ba
            << 1 << 0 << u"3600"_s;
        QTest::newRow("cloudflare unknown storage class")
            << Parser::CloudflareLifecycle
            << "{\"rules\": [{\"id\": \"a\", \"enabled\": true, \"storageClassTransitions\": "
               "[{\"condition\": {\"type\": \"Age\", \"maxAge\": 86400}, \"storageClass\": \"Glacier\"}]}]}"_ba
            << 1 << 0 << u"InfrequentAccess"_s;
        QTest::newRow("cloudflare abort by date")
            << Parser::CloudflareLifecycle
            << "{\"rules\": [{\"id\": \"a\", \"enabled\": true, \"abortMultipartUploadsTransition\": "
               "{\"condition\": {\"type\": \"Date\", \"date\": \"2027-01-01T00:00:00Z\"}}}]}"_ba
            << 1 << 0 << u"Age"_s;
        QTest::newRow("cloudflare enabled missing")
            << Parser::CloudflareLifecycle << "{\"rules\": [{\"id\": \"a\"}]}"_ba << 1 << 0 << u"enabled"_s;
        QTest::newRow("cloudflare extra top-level member")
            << Parser::CloudflareCors << "{\"rules\": [], \"result\": {}}"_ba << 0 << -1 << u"result"_s;
    }

    void errors()
    {
        QFETCH(Parser, parser);
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, rule);
        QFETCH(QString, words);
        bool valueReturned = true;
        const JsonError error = parseError(parser, text, &valueReturned);
        QVERIFY(!valueReturned);
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(error.message.contains(words), qPrintable(error.message));
        QCOMPARE(error.rule, rule);
        if (line > 0) {
            QCOMPARE(error.line, line);
            QVERIFY2(error.message.contains(QString::number(line)), qPrintable(error.message));
        }
        if (rule >= 0)
            QVERIFY2(error.message.contains(u"Rule %1"_s.arg(rule + 1)), qPrintable(error.message));
    }

    // Column counts characters, not bytes, so that it matches the editor's cursor.
    void columnCountsCharacters()
    {
        const QByteArray text = "[{\"ID\": \"é\u00e9\" x}]";
        const auto result = parseCorsJson(text);
        QVERIFY(!result.ok());
        QCOMPARE(result.error.line, 1);
        const qint64 bytesBefore = text.indexOf('x');
        QVERIFY(result.error.column > 0);
        QVERIFY(result.error.column <= bytesBefore); // two 2-byte characters before it
    }
};

QTEST_GUILESS_MAIN(TestConfigJsonErrors)
#include "tst_config_json_errors.moc"
