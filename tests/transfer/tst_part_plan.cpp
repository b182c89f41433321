// PartPlan: one legal part size per object, for S3 and R2 alike.

#include "transfer/part_plan.h"

#include <QTest>

using namespace coffer::transfer;

class tst_PartPlan : public QObject
{
    Q_OBJECT

private:
    // The rules every multipart plan must keep, whatever produced it.
    static void verifyLegal(const PartPlan &plan, const PartLimits &limits)
    {
        QVERIFY(plan.isMultipart());
        QVERIFY(plan.partCount >= 1);
        QVERIFY(plan.partCount <= limits.maxParts);
        QCOMPARE(plan.partSize % kMiB, 0);
        QVERIFY(plan.partSize >= limits.minPartSize);
        QVERIFY(plan.partSize <= limits.maxPartSize);
        qint64 sum = 0;
        for (int n = 1; n <= plan.partCount; ++n) {
            const qint64 size = plan.sizeOf(n);
            QVERIFY(size > 0);
            if (n < plan.partCount)
                QCOMPARE(size, plan.partSize); // R2: equal non-trailing parts
            else
                QVERIFY(size <= plan.partSize); // the last is never larger
            QCOMPARE(plan.offsetOf(n), sum);
            sum += size;
        }
        QCOMPARE(sum, plan.objectSize);
    }

private Q_SLOTS:
    void upload_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("threshold");
        QTest::addColumn<qint64>("preferred");
        QTest::addColumn<bool>("multipart");
        QTest::addColumn<qint64>("partSize");
        QTest::addColumn<int>("partCount");

        const qint64 t = 16 * kMiB;
        QTest::newRow("empty") << qint64(0) << t << 16 * kMiB << false << qint64(0) << 1;
        QTest::newRow("one byte") << qint64(1) << t << 16 * kMiB << false << qint64(1) << 1;
        QTest::newRow("just below threshold") << t - 1 << t << 16 * kMiB << false << t - 1 << 1;
        QTest::newRow("at threshold") << t << t << 16 * kMiB << true << 16 * kMiB << 1;
        QTest::newRow("threshold plus one") << t + 1 << t << 16 * kMiB << true << 16 * kMiB << 2;
        QTest::newRow("three parts, short tail") << 10 * kMiB + 7 << 5 * kMiB << 5 * kMiB << true << 5 * kMiB << 3;
        QTest::newRow("exact multiple") << 64 * kMiB << t << 16 * kMiB << true << 16 * kMiB << 4;
        QTest::newRow("preferred below minimum") << 20 * kMiB << t << kMiB << true << 5 * kMiB << 4;
        QTest::newRow("preferred not MiB aligned") << 40 * kMiB << t << 6 * kMiB + 1 << true << 7 * kMiB << 6;
        // 10,000 parts of 16 MiB hold 156.25 GiB; one byte more needs 17 MiB parts.
        QTest::newRow("fills 10,000 parts") << 10000 * 16 * kMiB << t << 16 * kMiB << true << 16 * kMiB << 10000;
        QTest::newRow("one byte past 10,000") << 10000 * 16 * kMiB + 1 << t << 16 * kMiB << true << 17 * kMiB << 9412;
        // 1 TiB / 10,000 = 104.9 MiB -> 105 MiB parts.
        QTest::newRow("1 TiB") << 1024 * kGiB << t << 16 * kMiB << true << 105 * kMiB << 9987;
        // 5 TiB / 10,000 = 524.3 MiB -> 525 MiB parts.
        QTest::newRow("5 TiB") << 5 * 1024 * kGiB << t << 16 * kMiB << true << 525 * kMiB << 9987;
        // A threshold above the single-PUT limit is capped: 5 GiB goes multipart.
        QTest::newRow("single PUT cap") << 5 * kGiB << 100 * kGiB << 16 * kMiB << true << 16 * kMiB << 320;
        QTest::newRow("threshold below 5 MiB") << 3 * kMiB << kMiB << 16 * kMiB << true << 16 * kMiB << 1;
    }

    void upload()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, threshold);
        QFETCH(qint64, preferred);
        QFETCH(bool, multipart);
        QFETCH(qint64, partSize);
        QFETCH(int, partCount);

        const PartLimits limits;
        const PlanOutcome outcome = planUpload(size, threshold, preferred, limits);
        QVERIFY2(outcome.plan, qPrintable(outcome.error));
        const PartPlan plan = *outcome.plan;
        QCOMPARE(plan.isMultipart(), multipart);
        QCOMPARE(plan.objectSize, size);
        QCOMPARE(plan.partSize, partSize);
        QCOMPARE(plan.partCount, partCount);
        if (multipart)
            verifyLegal(plan, limits);
        else
            QCOMPARE(plan.sizeOf(1), size);
    }

    void refusals_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("copy");
        QTest::newRow("negative size") << qint64(-1) << false;
        QTest::newRow("over 5 TiB") << 5 * 1024 * kGiB + 1 << false;
        QTest::newRow("copy over 5 TiB") << 6 * 1024 * kGiB << true;
    }

    void refusals()
    {
        QFETCH(qint64, size);
        QFETCH(bool, copy);
        const PlanOutcome outcome = copy ? planCopy(size, 16 * kMiB) : planUpload(size, 16 * kMiB, 16 * kMiB);
        QVERIFY(!outcome.plan);
        QVERIFY(!outcome.error.isEmpty());
    }

    void partsTooLargeForLimits()
    {
        // A store with small parts and few of them cannot take a large object.
        PartLimits limits;
        limits.maxParts = 10;
        limits.maxPartSize = 8 * kMiB;
        const PlanOutcome outcome = planUpload(100 * kMiB, 16 * kMiB, 5 * kMiB, limits);
        QVERIFY(!outcome.plan);
        QVERIFY(outcome.error.contains(QStringLiteral("parts larger")));
    }

    void copy_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("multipart");
        QTest::newRow("small") << qint64(1000) << false;
        QTest::newRow("exactly 5 GiB") << 5 * kGiB << false;
        QTest::newRow("5 GiB plus one") << 5 * kGiB + 1 << true;
        QTest::newRow("1 TiB") << 1024 * kGiB << true;
        QTest::newRow("5 TiB") << 5 * 1024 * kGiB << true;
    }

    void copy()
    {
        QFETCH(qint64, size);
        QFETCH(bool, multipart);
        const PartLimits limits;
        const PlanOutcome outcome = planCopy(size, 16 * kMiB, limits);
        QVERIFY2(outcome.plan, qPrintable(outcome.error));
        QCOMPARE(outcome.plan->isMultipart(), multipart);
        if (multipart)
            verifyLegal(*outcome.plan, limits);
    }

    void sizeOfOutsideThePlan()
    {
        const PlanOutcome outcome = planUpload(12 * kMiB, 5 * kMiB, 5 * kMiB);
        QVERIFY(outcome.plan);
        QCOMPARE(outcome.plan->sizeOf(0), 0);
        QCOMPARE(outcome.plan->sizeOf(4), 0);
        QCOMPARE(outcome.plan->sizeOf(3), 2 * kMiB);
    }
};

QTEST_GUILESS_MAIN(tst_PartPlan)
#include "tst_part_plan.moc"
