// The Transfers list model and its proxy over a real queue uploading to the embedded
// server: rows follow the jobs' states, progress is coalesced, failures read as words,
// and the proxy filters and sorts by raw values.

#include "transfers_fixture.h"

#include "ui/transfers/transfer_center.h"
#include "ui/transfers/transfer_filter_proxy.h"
#include "ui/transfers/transfer_list_model.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using transfer::JobState;

class TestTransferListModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rowGoesThroughItsStates_data();
    void rowGoesThroughItsStates();
    void progressIsCoalesced();
    void failedRowShowsError();
    void proxyFiltersByState_data();
    void proxyFiltersByState();
    void proxySortsByRawSize();
    void removedJobLeavesItsRow();

private:
    transfer::TransferJob *upload(const QString &name, qint64 size, const QString &bucket = test::kBucket);
    static QList<JobState> stateSequence(const QList<int> &states);

    std::unique_ptr<test::TransfersFixture> m_fixture;
    std::unique_ptr<TransferCenter> m_center;
    TransferListModel *m_model = nullptr;
    TransferFilterProxy *m_proxy = nullptr;
};

void TestTransferListModel::init()
{
    m_fixture = std::make_unique<test::TransfersFixture>();
    QVERIFY(m_fixture->start());
    m_center = m_fixture->makeCenter();
    QVERIFY(m_center->journalError().isEmpty());
    m_model = new TransferListModel(m_center.get());
    m_model->setQueue(m_center->queue());
    m_proxy = new TransferFilterProxy(m_center.get());
    m_proxy->setSourceModel(m_model);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
    new QAbstractItemModelTester(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, m_proxy);
}

void TestTransferListModel::cleanup()
{
    m_center.reset(); // model and proxy with it, before the client goes
    m_fixture.reset();
}

transfer::TransferJob *TestTransferListModel::upload(const QString &name, qint64 size, const QString &bucket)
{
    const QString file = m_fixture->writeFile(name, size);
    return m_center->queue()->add(std::make_unique<transfer::UploadFileJob>(
        file, transfer::ObjectLocation { test::kConnection, bucket, name }));
}

QList<JobState> TestTransferListModel::stateSequence(const QList<int> &states)
{
    QList<JobState> sequence;
    for (int state : states) {
        if (sequence.isEmpty() || int(sequence.last()) != state)
            sequence.append(JobState(state));
    }
    return sequence;
}

void TestTransferListModel::rowGoesThroughItsStates_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("single PUT") << qint64(200 * 1024);
    QTest::newRow("multipart") << qint64(20 * transfer::kMiB);
}

void TestTransferListModel::rowGoesThroughItsStates()
{
    QFETCH(qint64, size);
    // What the view would read: the row's state each time the model says it changed.
    QList<int> seen;
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this, &seen](const QModelIndex &, int first) {
        seen.append(m_model->index(first, 0).data(TransferListModel::StateRole).toInt());
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [&seen](const QModelIndex &topLeft) {
        seen.append(topLeft.data(TransferListModel::StateRole).toInt());
    });
    transfer::TransferJob *job = upload(u"states.bin"_s, size);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->jobAt(0), job);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Completed, 30'000);

    const QList<JobState> sequence = stateSequence(seen);
    QVERIFY2(sequence.size() >= 3, qPrintable(u"%1 states"_s.arg(sequence.size())));
    QCOMPARE(sequence.first(), JobState::Queued);
    QCOMPARE(sequence.at(1), JobState::Running);
    QCOMPARE(sequence.last(), JobState::Completed);
    for (JobState state : sequence)
        QVERIFY(state == JobState::Queued || state == JobState::Running || state == JobState::Verifying
            || state == JobState::Completed);

    const QModelIndex row = m_model->index(0, TransferListModel::StateColumn);
    QCOMPARE(row.data().toString(), tr("Completed"));
    QCOMPARE(
        m_model->index(0, TransferListModel::ProgressColumn).data(TransferListModel::ValueRole).toDouble(),
        1.0);
    QCOMPARE(m_model->index(0, TransferListModel::SizeColumn).data(TransferListModel::ValueRole).toLongLong(),
        size);
    QCOMPARE(m_model->index(0, TransferListModel::NameColumn).data().toString(), job->displayName());
    QCOMPARE(m_model->index(0, TransferListModel::DirectionColumn).data().toString(), tr("Upload"));
    QVERIFY(m_fixture->objectMatchesFile(u"states.bin"_s));
}

void TestTransferListModel::progressIsCoalesced()
{
    transfer::TransferJob *job = upload(u"quiet.bin"_s, 1024);
    job->pause(); // before the queue starts it: the row stays put while the test drives it
    QCOMPARE(job->state(), JobState::Paused);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    const qint64 before = m_model->progressUpdates();

    // A flood of reports within one turn of the event loop...
    for (int i = 0; i < 500; ++i)
        Q_EMIT job->progressChanged();
    QCOMPARE(changed.size(), 0);
    // ...becomes one repaint of the row's figures.
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_model->progressUpdates() - before, 1);
    const auto topLeft = changed.first().at(0).value<QModelIndex>();
    const auto bottomRight = changed.first().at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.row(), 0);
    QCOMPARE(topLeft.column(), int(TransferListModel::SizeColumn));
    QCOMPARE(bottomRight.column(), int(TransferListModel::EtaColumn));
}

void TestTransferListModel::failedRowShowsError()
{
    transfer::TransferJob *job = upload(u"lost.bin"_s, 4096, u"no-such-bucket"_s);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Failed, 30'000);
    const QString message = job->errorMessage();
    QVERIFY2(!message.isEmpty(), "a failed job explains itself");
    // Words, not a code or an HTTP status line.
    QVERIFY2(message.contains(u' ') && message.size() > 20, qPrintable(message));

    const QModelIndex state = m_model->index(0, TransferListModel::StateColumn);
    QVERIFY2(state.data().toString().contains(message), qPrintable(state.data().toString()));
    QVERIFY(state.data().toString().startsWith(tr("Failed")));
    for (int column = 0; column < TransferListModel::ColumnCount; ++column)
        QCOMPARE(m_model->index(0, column).data(Qt::ToolTipRole).toString(), message);
}

void TestTransferListModel::proxyFiltersByState_data()
{
    QTest::addColumn<TransferFilterProxy::Filter>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << TransferFilterProxy::Filter::All
                         << QStringList { u"done.bin"_s, u"held.bin"_s, u"lost.bin"_s };
    QTest::newRow("active") << TransferFilterProxy::Filter::Active << QStringList { u"held.bin"_s };
    QTest::newRow("finished") << TransferFilterProxy::Filter::Finished << QStringList { u"done.bin"_s };
    QTest::newRow("failed") << TransferFilterProxy::Filter::Failed << QStringList { u"lost.bin"_s };
}

void TestTransferListModel::proxyFiltersByState()
{
    QFETCH(TransferFilterProxy::Filter, filter);
    QFETCH(QStringList, expected);
    transfer::TransferJob *done = upload(u"done.bin"_s, 1000);
    transfer::TransferJob *held = upload(u"held.bin"_s, 1000);
    held->pause();
    transfer::TransferJob *lost = upload(u"lost.bin"_s, 1000, u"no-such-bucket"_s);
    QTRY_COMPARE_WITH_TIMEOUT(done->state(), JobState::Completed, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(lost->state(), JobState::Failed, 30'000);

    m_proxy->setFilter(filter);
    QStringList shown;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        shown.append(m_proxy->index(row, TransferListModel::NameColumn).data().toString());
    shown.sort();
    QCOMPARE(shown, expected);

    // A job changing state moves between filters by itself.
    held->resume();
    QTRY_COMPARE_WITH_TIMEOUT(held->state(), JobState::Completed, 30'000);
    const bool heldShown
        = filter == TransferFilterProxy::Filter::All || filter == TransferFilterProxy::Filter::Finished;
    QStringList after;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        after.append(m_proxy->index(row, TransferListModel::NameColumn).data().toString());
    QCOMPARE(after.contains(u"held.bin"_s), heldShown);
}

void TestTransferListModel::proxySortsByRawSize()
{
    // Sizes whose text sorts differently from their value ("900 bytes" > "1.0 MiB" > "10.0 KiB").
    const QList<qint64> sizes { 900, 1024 * 1024, 10 * 1024 };
    QList<transfer::TransferJob *> jobs;
    for (qsizetype i = 0; i < sizes.size(); ++i)
        jobs.append(upload(u"sized-%1.bin"_s.arg(i), sizes.at(i)));
    for (transfer::TransferJob *job : std::as_const(jobs))
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Completed, 30'000);

    m_proxy->sort(TransferListModel::SizeColumn, Qt::AscendingOrder);
    QList<qint64> order;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        order.append(m_proxy->index(row, TransferListModel::SizeColumn)
                .data(TransferListModel::ValueRole)
                .toLongLong());
    QList<qint64> expected = sizes;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(order, expected);
}

void TestTransferListModel::removedJobLeavesItsRow()
{
    transfer::TransferJob *first = upload(u"first.bin"_s, 1000);
    transfer::TransferJob *second = upload(u"second.bin"_s, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(first->state(), JobState::Completed, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(second->state(), JobState::Completed, 30'000);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_center->queue()->remove(first));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->jobAt(0), second);
}

QTEST_MAIN(TestTransferListModel)
#include "tst_transfer_list_model.moc"
