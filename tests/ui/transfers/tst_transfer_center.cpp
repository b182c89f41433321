// The app's owner of transfers against the embedded server: pause and resume, and a
// restart on the same journal, where unfinished jobs come back (never started silently)
// and complete with the object byte-identical to the file.

#include "transfers_fixture.h"

#include "ui/connection/connection.h"
#include "ui/transfers/transfer_center.h"
#include "ui/transfers/transfer_list_model.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using transfer::JobState;

class TestTransferCenter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void journalsUnderAppData();
    void connectionRefUsesProfileId();
    void pauseAndResume();
    void restartBringsBackThePausedRow_data();
    void restartBringsBackThePausedRow();
    void aggregateRateFollowsTheJobs();

private:
    transfer::TransferJob *upload(TransferCenter &center, const QString &name, qint64 size);

    std::unique_ptr<test::TransfersFixture> m_fixture;
};

void TestTransferCenter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestTransferCenter::init()
{
    m_fixture = std::make_unique<test::TransfersFixture>();
    QVERIFY(m_fixture->start());
}

void TestTransferCenter::cleanup()
{
    m_fixture.reset();
}

transfer::TransferJob *TestTransferCenter::upload(TransferCenter &center, const QString &name, qint64 size)
{
    const QString file = m_fixture->writeFile(name, size);
    return center.queue()->add(std::make_unique<transfer::UploadFileJob>(
        file, transfer::ObjectLocation { test::kConnection, test::kBucket, name }));
}

void TestTransferCenter::journalsUnderAppData()
{
    const QString expected = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(TransferCenter::defaultJournalPath(), expected + u"/transfers.sqlite"_s);
}

void TestTransferCenter::connectionRefUsesProfileId()
{
    profiles::Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = u"Before"_s;
    profile.endpointUrl = u"http://127.0.0.1:9000"_s;
    Connection before(profile, QByteArray("secret"));
    profile.name = u"After a rename"_s;
    Connection after(profile, QByteArray("secret"));
    const transfer::ConnectionRef ref = TransferCenter::connectionRef(before);
    QCOMPARE(ref.profile, before.id());
    QCOMPARE(ref.endpoint, profile.endpointUrl);
    // A renamed profile still resolves its journaled transfers.
    QCOMPARE(TransferCenter::connectionRef(after), ref);
}

void TestTransferCenter::pauseAndResume()
{
    auto center = m_fixture->makeCenter(test::slowSettings());
    transfer::TransferJob *job = upload(*center, u"paused.bin"_s, 16 * transfer::kMiB);
    QTRY_VERIFY_WITH_TIMEOUT(job->progress().bytesDone > 0, 30'000);
    job->pause();
    QCOMPARE(job->state(), JobState::Paused);
    const qint64 doneAtPause = job->progress().bytesDone;
    QVERIFY(doneAtPause < 16 * transfer::kMiB);

    QSignalSpy states(job, &transfer::TransferJob::stateChanged);
    transfer::TransferSettings fast = center->queue()->settings();
    fast.bandwidthLimit = 0;
    center->queue()->setSettings(fast);
    job->resume();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Completed, 30'000);
    QCOMPARE(states.first().at(0).value<JobState>(), JobState::Queued);
    QVERIFY(m_fixture->objectMatchesFile(u"paused.bin"_s));
}

void TestTransferCenter::restartBringsBackThePausedRow_data()
{
    QTest::addColumn<bool>("pausedByUser");
    // Paused by the person: it comes back paused, no offer needed.
    QTest::newRow("paused") << true;
    // Still running when the app went away: it comes back paused, with the offer to resume.
    QTest::newRow("interrupted") << false;
}

void TestTransferCenter::restartBringsBackThePausedRow()
{
    QFETCH(bool, pausedByUser);
    const qint64 size = 18 * transfer::kMiB;
    qint64 journalId = 0;
    {
        auto center = m_fixture->makeCenter(test::slowSettings());
        transfer::TransferJob *job = upload(*center, u"restart.bin"_s, size);
        journalId = job->id();
        QVERIFY(journalId != 0);
        // At least one part confirmed, so the next run has something to resume from.
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().bytesDone >= 5 * transfer::kMiB, 30'000);
        if (pausedByUser)
            job->pause();
    } // the app closes

    auto center = m_fixture->makeCenter(); // full speed now
    QVERIFY(center->restoreProblems().isEmpty());
    TransferListModel model;
    model.setQueue(center->queue());
    QCOMPARE(model.rowCount(), 1);
    transfer::TransferJob *job = model.jobAt(0);
    QCOMPARE(job->id(), journalId);
    QCOMPARE(job->state(), JobState::Paused);
    QCOMPARE(model.index(0, TransferListModel::StateColumn).data(TransferListModel::StateRole).toInt(),
        int(JobState::Paused));
    QCOMPARE(center->interruptedJobs().size(), pausedByUser ? 0 : 1);

    // Nothing starts by itself, even once the event loop has run.
    QCoreApplication::processEvents();
    QCOMPARE(job->state(), JobState::Paused);

    QSignalSpy offer(center.get(), &TransferCenter::interruptedChanged);
    if (pausedByUser) {
        job->resume();
    } else {
        center->resumeInterrupted();
        QCOMPARE(offer.size(), 1);
        QVERIFY(center->interruptedJobs().isEmpty());
    }
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Completed, 60'000);
    QCOMPARE(model.index(0, TransferListModel::StateColumn).data(TransferListModel::StateRole).toInt(),
        int(JobState::Completed));
    QVERIFY(m_fixture->objectMatchesFile(u"restart.bin"_s));
}

void TestTransferCenter::aggregateRateFollowsTheJobs()
{
    auto center = m_fixture->makeCenter(test::slowSettings());
    QSignalSpy rates(center.get(), &TransferCenter::rateChanged);
    QCOMPARE(center->bytesPerSecond(), 0.0);
    transfer::TransferJob *job = upload(*center, u"rate.bin"_s, 12 * transfer::kMiB);
    QTRY_VERIFY_WITH_TIMEOUT(center->bytesPerSecond() > 0, 30'000);
    QVERIFY(rates.size() > 0);
    job->pause();
    // Nothing moves any more: the figure settles at zero.
    QTRY_COMPARE_WITH_TIMEOUT(center->bytesPerSecond(), 0.0, 30'000);
    QCOMPARE(rates.last().at(0).toDouble(), 0.0);
}

QTEST_MAIN(TestTransferCenter)
#include "tst_transfer_center.moc"
