// The lifecycle dry run over synthetic listings with a fixed "today": one row per kind
// of rule, the S3 rounding of ages to midnight UTC, and the listing prefix.

#include "bucket_config/lifecycle_dry_run.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::bucket_config;

namespace {

const QDateTime kNow(QDate(2026, 6, 15), QTime(12, 0), QTimeZone::UTC);

s3::ObjectEntry object(const QString &key, qint64 size, int ageDays, const QString &storageClass = u"STANDARD"_s)
{
    s3::ObjectEntry o;
    o.key = key;
    o.size = size;
    o.lastModified = kNow.addDays(-ageDays);
    o.storageClass = storageClass;
    return o;
}

// Objects of every age the rows below need, under logs/, tmp/ and big/.
QList<s3::ObjectEntry> listing()
{
    return {object(u"logs/1.txt"_s, 100, 1),       object(u"logs/10.txt"_s, 1000, 10),
            object(u"logs/40.txt"_s, 4000, 40),    object(u"logs/40-ia.txt"_s, 4001, 40, u"STANDARD_IA"_s),
            object(u"tmp/5.bin"_s, 5 << 20, 5),    object(u"big/400.iso"_s, 1LL << 32, 400),
            object(u"readme.md"_s, 7, 1000)};
}

s3::LifecycleRule rule(const QString &prefix)
{
    s3::LifecycleRule r;
    r.id = prefix;
    r.filter.prefix = prefix;
    return r;
}

s3::LifecycleExpiration days(int n)
{
    return {n, {}, std::nullopt};
}

} // namespace

class TestLifecycleDryRun : public QObject
{
    Q_OBJECT

private slots:
    void perRule_data()
    {
        QTest::addColumn<QList<s3::LifecycleRule>>("rules");
        QTest::addColumn<int>("rule"); // the rule whose impact is checked
        QTest::addColumn<qint64>("expired");
        QTest::addColumn<qint64>("expiredBytes");
        QTest::addColumn<qint64>("transitioned");
        QTest::addColumn<qint64>("transitionedBytes");
        QTest::addColumn<qint64>("aborted");

        s3::LifecycleRule logs7 = rule(u"logs/"_s);
        logs7.expiration = days(7);
        QTest::newRow("expire after 7 days") << QList{logs7} << 0 << 3LL << 9001LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule everything = rule(QString());
        everything.expiration = days(365);
        QTest::newRow("empty prefix: whole bucket")
            << QList{everything} << 0 << 2LL << (1LL << 32) + 7 << 0LL << 0LL << 0LL;

        s3::LifecycleRule byDate = rule(u"tmp/"_s);
        byDate.expiration = s3::LifecycleExpiration{std::nullopt, QDateTime(QDate(2026, 6, 1), QTime(0, 0), QTimeZone::UTC),
                                                    std::nullopt};
        QTest::newRow("expire on a past date") << QList{byDate} << 0 << 1LL << qint64(5 << 20) << 0LL << 0LL << 0LL;

        s3::LifecycleRule future = byDate;
        future.expiration->date = QDateTime(QDate(2026, 7, 1), QTime(0, 0), QTimeZone::UTC);
        QTest::newRow("expire on a future date") << QList{future} << 0 << 0LL << 0LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule toIa = rule(u"logs/"_s);
        toIa.transitions = {s3::LifecycleTransition{30, {}, u"STANDARD_IA"_s}};
        QTest::newRow("move to IA, skipping objects already there")
            << QList{toIa} << 0 << 0LL << 0LL << 1LL << 4000LL << 0LL;

        s3::LifecycleRule both = toIa;
        both.expiration = days(35);
        QTest::newRow("expiry wins over a transition") << QList{both} << 0 << 2LL << 8001LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule moveLogs = toIa;
        s3::LifecycleRule expireOld = rule(u"logs/4"_s);
        expireOld.expiration = days(20);
        QTest::newRow("another rule's expiry wins too")
            << QList{moveLogs, expireOld} << 0 << 0LL << 0LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule large = rule(QString());
        large.filter.objectSizeGreaterThan = 1 << 20;
        large.filter.objectSizeLessThan = 1LL << 31;
        large.expiration = days(1);
        QTest::newRow("size filter") << QList{large} << 0 << 1LL << qint64(5 << 20) << 0LL << 0LL << 0LL;

        s3::LifecycleRule tagged = rule(QString());
        tagged.filter.tags = {{u"k"_s, u"v"_s}};
        tagged.expiration = days(1);
        QTest::newRow("tag filter is not counted") << QList{tagged} << 0 << 0LL << 0LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule disabled = logs7;
        disabled.enabled = false;
        QTest::newRow("disabled rule") << QList{disabled} << 0 << 0LL << 0LL << 0LL << 0LL << 0LL;

        s3::LifecycleRule abort = rule(u"big/"_s);
        abort.abortIncompleteMultipartUploadDays = 7;
        QTest::newRow("abort uploads after 7 days") << QList{abort} << 0 << 0LL << 0LL << 0LL << 0LL << 1LL;
    }

    void perRule()
    {
        QFETCH(QList<s3::LifecycleRule>, rules);
        QFETCH(int, rule);
        QFETCH(qint64, expired);
        QFETCH(qint64, expiredBytes);
        QFETCH(qint64, transitioned);
        QFETCH(qint64, transitionedBytes);
        QFETCH(qint64, aborted);

        LifecycleDryRun run(s3::LifecycleConfiguration{rules}, kNow);
        const QList<s3::ObjectEntry> objects = listing();
        // Two pages, as a listing would arrive.
        run.addObjects(objects.mid(0, 3));
        run.addObjects(objects.mid(3));
        s3::MultipartUploadEntry oldUpload{u"big/a.iso"_s, u"u1"_s, kNow.addDays(-8), {}, {}, {}, {}, {}};
        s3::MultipartUploadEntry newUpload{u"big/b.iso"_s, u"u2"_s, kNow.addDays(-2), {}, {}, {}, {}, {}};
        s3::MultipartUploadEntry otherPrefix{u"tmp/c.iso"_s, u"u3"_s, kNow.addDays(-30), {}, {}, {}, {}, {}};
        run.addUploads({oldUpload, newUpload, otherPrefix});

        QCOMPARE(run.objectsSeen(), objects.size());
        QCOMPARE(run.impacts().size(), rules.size());
        const RuleImpact &impact = run.impacts().at(rule);
        QCOMPARE(impact.rule, rule);
        QCOMPARE(impact.expiredObjects, expired);
        QCOMPARE(impact.expiredBytes, expiredBytes);
        QCOMPARE(impact.transitionedObjects, transitioned);
        QCOMPARE(impact.transitionedBytes, transitionedBytes);
        QCOMPARE(impact.abortedUploads, aborted);
        QCOMPARE(impact.keys.size(), expired + transitioned + aborted);
        QCOMPARE(impact.evaluated, rules.at(rule).filter.tags.isEmpty());
    }

    // S3 adds the days to the creation time and rounds up to the next midnight UTC.
    void dueAfterDays_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<int>("days");
        QTest::addColumn<QDateTime>("due");
        const auto at = [](int d, int h, int m) { return QDateTime(QDate(2026, 1, d), QTime(h, m), QTimeZone::UTC); };
        QTest::newRow("mid-day rounds up") << at(1, 15, 30) << 1 << at(3, 0, 0);
        QTest::newRow("midnight stays") << at(1, 0, 0) << 1 << at(2, 0, 0);
        QTest::newRow("one minute before midnight") << at(1, 23, 59) << 30 << at(1, 0, 0).addDays(31);
    }

    void dueAfterDays()
    {
        QFETCH(QDateTime, time);
        QFETCH(int, days);
        QFETCH(QDateTime, due);
        QCOMPARE(LifecycleDryRun::dueAfterDays(time, days), due);
    }

    void listingPrefix_data()
    {
        QTest::addColumn<QStringList>("prefixes");
        QTest::addColumn<QString>("common");
        QTest::newRow("one rule") << QStringList{u"logs/2026/"_s} << u"logs/2026/"_s;
        QTest::newRow("shared start") << QStringList{u"logs/a/"_s, u"logs/b/"_s} << u"logs/"_s;
        QTest::newRow("nothing shared") << QStringList{u"logs/"_s, u"tmp/"_s} << QString();
        QTest::newRow("whole bucket") << QStringList{u"logs/"_s, QString()} << QString();
    }

    void listingPrefix()
    {
        QFETCH(QStringList, prefixes);
        QFETCH(QString, common);
        s3::LifecycleConfiguration configuration;
        for (const QString &p : prefixes) {
            s3::LifecycleRule r = rule(p);
            r.expiration = days(1);
            configuration.rules.append(r);
        }
        QCOMPARE(LifecycleDryRun(configuration, kNow).listingPrefix(), common);
    }
};

QTEST_GUILESS_MAIN(TestLifecycleDryRun)
#include "tst_lifecycle_dry_run.moc"
