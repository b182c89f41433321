// validate() of the user-edited configurations: CORS, lifecycle, public access block.

#include "s3/model/bucketsettings.h"
#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace Qt::StringLiterals;
using namespace coffer::s3;

using CorsEdit = std::function<void(CorsRule &)>;
using LifecycleEdit = std::function<void(LifecycleRule &)>;
Q_DECLARE_METATYPE(CorsEdit)
Q_DECLARE_METATYPE(LifecycleEdit)

namespace {

CorsRule validCorsRule()
{
    CorsRule rule;
    rule.allowedOrigins = {u"https://example.com"_s};
    rule.allowedMethods = {u"GET"_s, u"PUT"_s};
    rule.allowedHeaders = {u"*"_s};
    rule.exposeHeaders = {u"ETag"_s};
    rule.maxAgeSeconds = 3600;
    return rule;
}

LifecycleRule validLifecycleRule()
{
    LifecycleRule rule;
    rule.id = u"expire-logs"_s;
    rule.filter.prefix = u"logs/"_s;
    rule.expiration = LifecycleExpiration{365, {}, std::nullopt};
    rule.transitions.append(LifecycleTransition{30, {}, u"STANDARD_IA"_s});
    return rule;
}

QDateTime utc(int y, int m, int d, int h = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), QTimeZone::UTC);
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void cors_data()
    {
        QTest::addColumn<CorsEdit>("edit");
        QTest::addColumn<QString>("field"); // empty: valid

        QTest::newRow("valid") << CorsEdit([](CorsRule &) {}) << QString();
        QTest::newRow("any origin") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"*"_s}; }) << QString();
        QTest::newRow("origin with port") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"http://localhost:5173"_s}; }) << QString();
        QTest::newRow("one wildcard") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"https://*.example.com"_s}; }) << QString();
        QTest::newRow("two wildcards") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"https://*.*.example.com"_s}; })
                                       << u"rules[0].allowedOrigins[0]"_s;
        QTest::newRow("origin with path") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"https://example.com/app"_s}; })
                                          << u"rules[0].allowedOrigins[0]"_s;
        QTest::newRow("trailing slash") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"https://example.com/"_s}; })
                                        << u"rules[0].allowedOrigins[0]"_s;
        QTest::newRow("no scheme") << CorsEdit([](CorsRule &r) { r.allowedOrigins = {u"ok"_s, u"example.com"_s}; })
                                   << u"rules[0].allowedOrigins[0]"_s;
        QTest::newRow("no origin") << CorsEdit([](CorsRule &r) { r.allowedOrigins.clear(); }) << u"rules[0].allowedOrigins"_s;
        QTest::newRow("no method") << CorsEdit([](CorsRule &r) { r.allowedMethods.clear(); }) << u"rules[0].allowedMethods"_s;
        QTest::newRow("PATCH") << CorsEdit([](CorsRule &r) { r.allowedMethods.append(u"PATCH"_s); }) << u"rules[0].allowedMethods[2]"_s;
        QTest::newRow("lowercase get") << CorsEdit([](CorsRule &r) { r.allowedMethods = {u"get"_s}; }) << u"rules[0].allowedMethods[0]"_s;
        QTest::newRow("negative max age") << CorsEdit([](CorsRule &r) { r.maxAgeSeconds = -1; }) << u"rules[0].maxAgeSeconds"_s;
        QTest::newRow("long id") << CorsEdit([](CorsRule &r) { r.id = QString(256, u'x'); }) << u"rules[0].id"_s;
        QTest::newRow("header with two wildcards") << CorsEdit([](CorsRule &r) { r.allowedHeaders = {u"x-*-*"_s}; })
                                                   << u"rules[0].allowedHeaders[0]"_s;
    }

    void cors()
    {
        QFETCH(CorsEdit, edit);
        QFETCH(QString, field);
        CorsConfiguration configuration;
        configuration.rules.append(validCorsRule());
        edit(configuration.rules[0]);
        const ValidationProblems problems = configuration.validate();
        if (field.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
            return;
        }
        QVERIFY(!problems.isEmpty());
        QCOMPARE(problems[0].field, field);
        QVERIFY(problems[0].message.endsWith(u'.'));
        QVERIFY(hasErrors(problems));
    }

    void corsRuleCount()
    {
        CorsConfiguration configuration;
        for (int i = 0; i < CorsConfiguration::kMaxRules; ++i)
            configuration.rules.append(validCorsRule());
        QVERIFY(configuration.validate().isEmpty());
        configuration.rules.append(validCorsRule());
        QCOMPARE(configuration.validate().size(), 1);
        QCOMPARE(configuration.validate()[0].field, u"rules"_s);
        QVERIFY(!CorsConfiguration().validate().isEmpty());
    }

    void lifecycle_data()
    {
        QTest::addColumn<LifecycleEdit>("edit");
        QTest::addColumn<QString>("field"); // empty: valid

        QTest::newRow("valid") << LifecycleEdit([](LifecycleRule &) {}) << QString();
        QTest::newRow("abort only") << LifecycleEdit([](LifecycleRule &r) {
            r.expiration.reset();
            r.transitions.clear();
            r.abortIncompleteMultipartUploadDays = 7;
        }) << QString();
        QTest::newRow("no action") << LifecycleEdit([](LifecycleRule &r) {
            r.expiration.reset();
            r.transitions.clear();
        }) << u"rules[0]"_s;
        QTest::newRow("transition after expiration") << LifecycleEdit([](LifecycleRule &r) { r.transitions[0].days = 400; })
                                                     << u"rules[0].transitions[0].days"_s;
        QTest::newRow("transition on expiration day") << LifecycleEdit([](LifecycleRule &r) { r.transitions[0].days = 365; })
                                                      << u"rules[0].transitions[0].days"_s;
        QTest::newRow("expiration date not midnight") << LifecycleEdit([](LifecycleRule &r) {
            r.expiration = LifecycleExpiration{std::nullopt, utc(2027, 1, 1, 12), std::nullopt};
            r.transitions.clear();
        }) << u"rules[0].expiration.date"_s;
        QTest::newRow("expiration date at midnight") << LifecycleEdit([](LifecycleRule &r) {
            r.expiration = LifecycleExpiration{std::nullopt, utc(2027, 1, 1), std::nullopt};
            r.transitions.clear();
        }) << QString();
        QTest::newRow("days and date") << LifecycleEdit([](LifecycleRule &r) { r.expiration->date = utc(2027, 1, 1); })
                                       << u"rules[0].expiration"_s;
        QTest::newRow("zero expiration days") << LifecycleEdit([](LifecycleRule &r) {
            r.expiration->days = 0;
            r.transitions.clear();
        }) << u"rules[0].expiration.days"_s;
        QTest::newRow("transition without class") << LifecycleEdit([](LifecycleRule &r) { r.transitions[0].storageClass.clear(); })
                                                  << u"rules[0].transitions[0].storageClass"_s;
        QTest::newRow("long id") << LifecycleEdit([](LifecycleRule &r) { r.id = QString(256, u'r'); }) << u"rules[0].id"_s;
        QTest::newRow("abort with tag filter") << LifecycleEdit([](LifecycleRule &r) {
            r.abortIncompleteMultipartUploadDays = 7;
            r.filter.tags.append({u"k"_s, u"v"_s});
        }) << u"rules[0].abortIncompleteMultipartUploadDays"_s;
        QTest::newRow("size bounds crossed") << LifecycleEdit([](LifecycleRule &r) {
            r.filter.objectSizeGreaterThan = 1000;
            r.filter.objectSizeLessThan = 10;
        }) << u"rules[0].filter"_s;
        QTest::newRow("duplicate tag key") << LifecycleEdit([](LifecycleRule &r) {
            r.filter.tags = {{u"k"_s, u"1"_s}, {u"k"_s, u"2"_s}};
        }) << u"rules[0].filter.tags[1]"_s;
    }

    void lifecycle()
    {
        QFETCH(LifecycleEdit, edit);
        QFETCH(QString, field);
        LifecycleConfiguration configuration;
        configuration.rules.append(validLifecycleRule());
        edit(configuration.rules[0]);
        const ValidationProblems problems = configuration.validate();
        if (field.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
            return;
        }
        QVERIFY(!problems.isEmpty());
        QCOMPARE(problems[0].field, field);
        QVERIFY2(problems[0].message.startsWith(u"Rule 1"_s), qPrintable(problems[0].message));
    }

    void lifecycleIdsAreUnique()
    {
        LifecycleConfiguration configuration;
        configuration.rules = {validLifecycleRule(), validLifecycleRule()};
        const ValidationProblems problems = configuration.validate();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].field, u"rules[1].id"_s);
        QVERIFY(problems[0].message.contains(u"expire-logs"_s));
        configuration.rules[1].id = u"other"_s;
        QVERIFY(configuration.validate().isEmpty());
    }

    void lifecycleRuleCount()
    {
        LifecycleConfiguration configuration;
        for (int i = 0; i <= LifecycleConfiguration::kMaxRules; ++i) {
            LifecycleRule rule = validLifecycleRule();
            rule.id = QString::number(i);
            configuration.rules.append(rule);
        }
        const ValidationProblems problems = configuration.validate();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].field, u"rules"_s);
    }

    void publicAccessBlock_data()
    {
        QTest::addColumn<int>("flags"); // bit 0..3: blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets
        QTest::addColumn<QStringList>("warnings");
        for (int flags = 0; flags < 16; ++flags) {
            QStringList warnings;
            if ((flags & 2) && !(flags & 1))
                warnings << u"blockPublicAcls"_s;
            if ((flags & 8) && !(flags & 4))
                warnings << u"blockPublicPolicy"_s;
            QTest::addRow("flags %d", flags) << flags << warnings;
        }
    }

    void publicAccessBlock()
    {
        QFETCH(int, flags);
        QFETCH(QStringList, warnings);
        PublicAccessBlockConfiguration configuration{(flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0};
        const ValidationProblems problems = configuration.validate();
        QStringList fields;
        for (const ValidationProblem &p : problems) {
            fields << p.field;
            QCOMPARE(p.severity, ValidationProblem::Severity::Warning);
        }
        QCOMPARE(fields, warnings);
        QVERIFY(!hasErrors(problems));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
