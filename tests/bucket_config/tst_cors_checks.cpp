// The CORS editor's checks: one row per rule the editor enforces.

#include "bucket_config/cors_checks.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::bucket_config;

namespace {

s3::CorsRule rule(QStringList origins, QStringList methods, QStringList headers = {}, QStringList expose = {})
{
    s3::CorsRule r;
    r.allowedOrigins = std::move(origins);
    r.allowedMethods = std::move(methods);
    r.allowedHeaders = std::move(headers);
    r.exposeHeaders = std::move(expose);
    return r;
}

const s3::CorsRule kReadRule = rule({u"https://example.com"_s}, {u"GET"_s});

} // namespace

class TestCorsChecks : public QObject
{
    Q_OBJECT

private slots:
    void checks_data()
    {
        QTest::addColumn<QList<s3::CorsRule>>("rules");
        QTest::addColumn<bool>("expectProblem");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<int>("rule");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");

        const auto none = [](const char *name, QList<s3::CorsRule> rules) {
            QTest::newRow(name) << rules << false << Severity::Error << -1 << QString() << QString();
        };
        const auto one = [](const char *name, QList<s3::CorsRule> rules, Severity severity, int index,
                            const QString &field, const QString &words) {
            QTest::newRow(name) << rules << true << severity << index << field << words;
        };

        none("origin scheme://host", {kReadRule});
        none("origin with port", {rule({u"http://localhost:3000"_s}, {u"GET"_s})});
        none("origin *", {rule({u"*"_s}, {u"GET"_s, u"HEAD"_s})});
        none("origin with one wildcard", {rule({u"https://*.example.com"_s}, {u"GET"_s})});
        one("origin with a path", {kReadRule, rule({u"https://example.com/app"_s}, {u"GET"_s})}, Severity::Error, 1,
            u"allowedOrigins[0]"_s, u"no path"_s);
        one("origin with a trailing slash", {rule({u"https://example.com/"_s}, {u"GET"_s})}, Severity::Error, 0,
            u"allowedOrigins[0]"_s, u"scheme://host[:port]"_s);
        one("origin without scheme", {rule({u"example.com"_s}, {u"GET"_s})}, Severity::Error, 0,
            u"allowedOrigins[0]"_s, u"example.com"_s);
        one("unknown method", {rule({u"*"_s}, {u"GET"_s, u"PATCH"_s})}, Severity::Error, 0, u"allowedMethods[1]"_s,
            u"PATCH"_s);
        one("lower-case method", {rule({u"*"_s}, {u"get"_s})}, Severity::Error, 0, u"allowedMethods[0]"_s, u"get"_s);
        one("* with Authorization", {rule({u"*"_s}, {u"GET"_s}, {u"authorization"_s})}, Severity::Warning, 0,
            u"allowedHeaders"_s, u"Authorization"_s);
        one("* with Cookie", {rule({u"*"_s}, {u"GET"_s}, {u"Cookie"_s})}, Severity::Warning, 0, u"allowedHeaders"_s,
            u"Cookie"_s);
        none("named origin with Authorization", {rule({u"https://example.com"_s}, {u"GET"_s}, {u"Authorization"_s})});
        one("no methods never matches", {kReadRule, rule({u"*"_s}, {})}, Severity::Error, 1, u"allowedMethods"_s,
            u"at least one"_s);
        one("no origins never matches", {rule({}, {u"GET"_s})}, Severity::Error, 0, u"allowedOrigins"_s,
            u"at least one"_s);
        one("shadowed by an earlier rule", {rule({u"*"_s}, {u"GET"_s, u"HEAD"_s}), kReadRule}, Severity::Warning, 1,
            QString(), u"rule 1"_s);
        one("shadowed by a wildcard origin",
            {rule({u"https://*.example.com"_s}, {u"GET"_s}), rule({u"https://cdn.example.com"_s}, {u"GET"_s})},
            Severity::Warning, 1, QString(), u"never match"_s);
        none("later rule allows another header",
             {kReadRule, rule({u"https://example.com"_s}, {u"GET"_s}, {u"x-custom"_s})});
        none("earlier rule with fewer methods", {kReadRule, rule({u"https://example.com"_s}, {u"GET"_s, u"HEAD"_s})});
        one("PUT without ETag exposed", {rule({u"https://example.com"_s}, {u"PUT"_s})}, Severity::Warning, 0,
            u"exposeHeaders"_s, u"ETag"_s);
        none("PUT with etag exposed (any case)", {rule({u"https://example.com"_s}, {u"PUT"_s}, {}, {u"etag"_s})});
        one("negative max age",
            {[] {
                s3::CorsRule r = kReadRule;
                r.maxAgeSeconds = -5;
                return r;
            }()},
            Severity::Error, 0, u"maxAgeSeconds"_s, u"negative"_s);
    }

    void checks()
    {
        QFETCH(QList<s3::CorsRule>, rules);
        QFETCH(bool, expectProblem);
        QFETCH(Severity, severity);
        QFETCH(int, rule);
        QFETCH(QString, field);
        QFETCH(QString, words);

        const RuleProblems problems = checkCors(s3::CorsConfiguration{rules});
        if (!expectProblem) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
            return;
        }
        QCOMPARE(problems.size(), 1);
        const RuleProblem &p = problems.first();
        QCOMPARE(p.severity, severity);
        QCOMPARE(p.rule, rule);
        QCOMPARE(p.field, field);
        QVERIFY2(p.message.contains(words, Qt::CaseInsensitive), qPrintable(p.message));
        QVERIFY2(p.message.contains(u"Rule %1"_s.arg(rule + 1)), qPrintable(p.message));
        QCOMPARE(hasErrors(problems), severity == Severity::Error);
    }

    void originMatching_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << u"https://a.com"_s << u"https://a.com"_s << true;
        QTest::newRow("other host") << u"https://a.com"_s << u"https://b.com"_s << false;
        QTest::newRow("star") << u"*"_s << u"https://b.com"_s << true;
        QTest::newRow("subdomain") << u"https://*.a.com"_s << u"https://x.a.com"_s << true;
        QTest::newRow("apex is not a subdomain") << u"https://*.a.com"_s << u"https://a.com"_s << false;
        QTest::newRow("two stars match nothing") << u"https://*.*.com"_s << u"https://x.y.com"_s << false;
    }

    void originMatching()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, origin);
        QFETCH(bool, matches);
        QCOMPARE(originMatches(pattern, origin), matches);
    }
};

QTEST_GUILESS_MAIN(TestCorsChecks)
#include "tst_cors_checks.moc"
