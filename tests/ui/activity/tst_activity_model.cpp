// The Activity log model: rows in arrival order, capped with removals from the top,
// failures coloured, and consistent under QAbstractItemModelTester throughout.
#include "ui/activity/activity_model.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using namespace coffer;
using namespace coffer::ui;
using namespace Qt::StringLiterals;

namespace {

client::HttpActivity exchange(int n, int status = 200)
{
    client::HttpActivity record;
    record.method = n % 2 ? "PUT" : "GET";
    record.url = u"http://127.0.0.1:9000/bucket/key-%1"_s.arg(n);
    record.status = status;
    record.bytesSent = n % 2 ? n * 100 : 0;
    record.bytesReceived = n % 2 ? 0 : n * 10;
    record.durationMs = n;
    return record;
}

} // namespace

class tst_ActivityModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capacity_data();
    void capacity();
    void failuresAreColoured_data();
    void failuresAreColoured();
    void clearEmpties();
    void shrinkingCapacityDropsOldest();
};

void tst_ActivityModel::capacity_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appended");
    QTest::newRow("under") << 10 << 4;
    QTest::newRow("exactly") << 10 << 10;
    QTest::newRow("over") << 10 << 25;
    QTest::newRow("one") << 1 << 5;
}

void tst_ActivityModel::capacity()
{
    QFETCH(int, capacity);
    QFETCH(int, appended);
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(capacity);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int n = 0; n < appended; ++n)
        model.append(exchange(n));

    const int kept = std::min(capacity, appended);
    QCOMPARE(model.rowCount(), kept);
    QCOMPARE(removed.size(), std::max(0, appended - capacity));
    for (const auto &args : removed)
        QCOMPARE(args.at(1).toInt(), 0); // always from the top
    // Newest at the bottom, oldest kept at the top.
    QCOMPARE(model.record(kept - 1).url, exchange(appended - 1).url);
    QCOMPARE(model.record(0).url, exchange(appended - kept).url);
    QCOMPARE(model.index(kept - 1, ActivityModel::UrlColumn).data().toString(), exchange(appended - 1).url);
    QCOMPARE(model.index(kept - 1, ActivityModel::DurationColumn).data(ActivityModel::UnderlyingDataRole).toLongLong(),
             qint64(appended - 1));
}

void tst_ActivityModel::failuresAreColoured_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("failed");
    QTest::newRow("200") << 200 << false;
    QTest::newRow("204") << 204 << false;
    QTest::newRow("304") << 304 << false;
    QTest::newRow("403") << 403 << true;
    QTest::newRow("503") << 503 << true;
    QTest::newRow("no-response") << 0 << true;
}

void tst_ActivityModel::failuresAreColoured()
{
    QFETCH(int, status);
    QFETCH(bool, failed);
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(exchange(1, status));
    for (int column = 0; column < model.columnCount(); ++column) {
        const QVariant colour = model.index(0, column).data(Qt::ForegroundRole);
        QCOMPARE(colour.isValid(), failed);
    }
    const QString shown = model.index(0, ActivityModel::StatusColumn).data().toString();
    QVERIFY(!shown.isEmpty());
    if (status != 0)
        QVERIFY(shown.contains(QString::number(status)));
}

void tst_ActivityModel::clearEmpties()
{
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 0; n < 5; ++n)
        model.append(exchange(n));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.append(exchange(7));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.record(0).url, exchange(7).url);
}

void tst_ActivityModel::shrinkingCapacityDropsOldest()
{
    ActivityModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int n = 0; n < 20; ++n)
        model.append(exchange(n));
    model.setCapacity(5);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.record(0).url, exchange(15).url);
    QCOMPARE(model.record(4).url, exchange(19).url);
}

QTEST_MAIN(tst_ActivityModel)
#include "tst_activity_model.moc"
