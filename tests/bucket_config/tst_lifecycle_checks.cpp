// The lifecycle editor's checks, provider by provider: one row per rule it enforces.

#include "bucket_config/lifecycle_checks.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::bucket_config;

namespace {

s3::LifecycleRule expireAfter(int days, const QString &prefix = u"logs/"_s)
{
    s3::LifecycleRule r;
    r.id = prefix + QString::number(days);
    r.filter.prefix = prefix;
    r.expiration = s3::LifecycleExpiration{days, {}, std::nullopt};
    return r;
}

s3::LifecycleRule moveAfter(int days, const QString &storageClass, std::optional<int> expireDays = std::nullopt)
{
    s3::LifecycleRule r;
    r.id = u"move"_s;
    r.transitions = {s3::LifecycleTransition{days, {}, storageClass}};
    if (expireDays)
        r.expiration = s3::LifecycleExpiration{expireDays, {}, std::nullopt};
    return r;
}

QList<s3::LifecycleRule> manyRules(int count)
{
    QList<s3::LifecycleRule> rules;
    for (int i = 0; i < count; ++i)
        rules.append(expireAfter(1, u"p%1/"_s.arg(i)));
    return rules;
}

} // namespace

Q_DECLARE_METATYPE(s3::Provider)

class TestLifecycleChecks : public QObject
{
    Q_OBJECT

private slots:
    void checks_data()
    {
        QTest::addColumn<s3::Provider>("provider");
        QTest::addColumn<QList<s3::LifecycleRule>>("rules");
        QTest::addColumn<bool>("expectProblem");
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<int>("rule");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");

        const auto r2 = s3::Provider::CloudflareR2;
        const auto aws = s3::Provider::AwsS3;
        const auto none = [](const char *name, s3::Provider provider, QList<s3::LifecycleRule> rules) {
            QTest::newRow(name) << provider << rules << false << Severity::Error << -1 << QString() << QString();
        };
        const auto one = [](const char *name, s3::Provider provider, QList<s3::LifecycleRule> rules,
                            Severity severity, int index, const QString &field, const QString &words) {
            QTest::newRow(name) << provider << rules << true << severity << index << field << words;
        };

        none("1,000 rules on R2", r2, manyRules(1000));
        one("1,001 rules on R2", r2, manyRules(1001), Severity::Error, -1, u"rules"_s, u"1000"_s);
        one("transition after expiration", r2, {moveAfter(60, u"STANDARD_IA"_s, 40)}, Severity::Error, 0,
            u"transitions[0].days"_s, u"expire before"_s);
        one("IA sooner than 30 days on S3", aws, {moveAfter(29, u"STANDARD_IA"_s)}, Severity::Error, 0,
            u"transitions[0].days"_s, u"30"_s);
        one("IA sooner than 30 days on R2", r2, {moveAfter(29, u"STANDARD_IA"_s)}, Severity::Warning, 0,
            u"transitions[0].days"_s, u"billed"_s);
        none("IA after 30 days", r2, {moveAfter(30, u"STANDARD_IA"_s)});
        one("deleted soon after moving to IA", r2, {moveAfter(30, u"STANDARD_IA"_s, 45)}, Severity::Warning, 0,
            u"expiration.days"_s, u"15 days"_s);
        one("expiration after 0 days", r2, {expireAfter(1), expireAfter(0)}, Severity::Error, 1,
            u"expiration.days"_s, u"1 day"_s);
        one("abort uploads after 0 days", r2,
            {[] {
                s3::LifecycleRule r;
                r.abortIncompleteMultipartUploadDays = 0;
                return r;
            }()},
            Severity::Error, 0, u"abortIncompleteMultipartUploadDays"_s, u"1 day"_s);
        one("date not at midnight UTC", r2,
            {[] {
                s3::LifecycleRule r;
                r.expiration = s3::LifecycleExpiration{
                    std::nullopt, QDateTime(QDate(2027, 1, 1), QTime(12, 0), QTimeZone::UTC), std::nullopt};
                return r;
            }()},
            Severity::Error, 0, u"expiration.date"_s, u"midnight UTC"_s);
        none("date at midnight UTC", r2,
             {[] {
                 s3::LifecycleRule r;
                 r.expiration = s3::LifecycleExpiration{std::nullopt, QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::UTC),
                                                        std::nullopt};
                 return r;
             }()});
        one("tag filter on R2", r2,
            {[] {
                s3::LifecycleRule r = expireAfter(3);
                r.filter.tags = {{u"k"_s, u"v"_s}};
                return r;
            }()},
            Severity::Error, 0, u"filter.tags"_s, u"tag"_s);
        none("tag filter on S3", aws, {[] {
                 s3::LifecycleRule r = expireAfter(3);
                 r.filter.tags = {{u"k"_s, u"v"_s}};
                 return r;
             }()});
        one("size filter on R2", r2,
            {[] {
                s3::LifecycleRule r = expireAfter(3);
                r.filter.objectSizeGreaterThan = 1024;
                return r;
            }()},
            Severity::Error, 0, u"filter"_s, u"size"_s);
        one("GLACIER on R2", r2, {moveAfter(90, u"GLACIER"_s)}, Severity::Error, 0, u"transitions[0].storageClass"_s,
            u"STANDARD_IA"_s);
        none("GLACIER on S3", aws, {moveAfter(90, u"GLACIER"_s)});
        one("noncurrent versions on R2", r2,
            {[] {
                s3::LifecycleRule r;
                r.noncurrentVersionExpiration = s3::NoncurrentVersionExpiration{30, std::nullopt};
                return r;
            }()},
            Severity::Error, 0, u"noncurrentVersionExpiration"_s, u"versioning"_s);
    }

    void checks()
    {
        QFETCH(s3::Provider, provider);
        QFETCH(QList<s3::LifecycleRule>, rules);
        QFETCH(bool, expectProblem);
        QFETCH(Severity, severity);
        QFETCH(int, rule);
        QFETCH(QString, field);
        QFETCH(QString, words);

        const RuleProblems problems = checkLifecycle(s3::LifecycleConfiguration{rules}, lifecycleLimits(provider));
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
        if (rule >= 0)
            QVERIFY2(p.message.contains(u"Rule %1"_s.arg(rule + 1)), qPrintable(p.message));
    }
};

QTEST_GUILESS_MAIN(TestLifecycleChecks)
#include "tst_lifecycle_checks.moc"
