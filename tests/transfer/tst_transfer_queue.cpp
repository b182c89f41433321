// TransferQueue: the concurrent-jobs limit, the idle signal, removing finished jobs, and
// what restore() does with journal rows it cannot rebuild.

#include "transfer_fixture.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QSignalSpy>

#include <memory>

using namespace coffer;
using namespace coffer::transfer;
using namespace coffer::transfer::testing;
using namespace Qt::StringLiterals;

namespace {
const QString kBucket = u"queue"_s;
} // namespace

class tst_TransferQueue : public TransferFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        startServer(server::api::ServerMode::R2, kBucket);
        openJournal();
    }

    void cleanup()
    {
        stop();
    }

    void concurrentJobsLimit_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<int>("jobs");
        QTest::newRow("one at a time") << 1 << 4;
        QTest::newRow("two at a time") << 2 << 5;
    }

    void concurrentJobsLimit()
    {
        QFETCH(int, limit);
        QFETCH(int, jobs);
        TransferSettings settings;
        settings.concurrentJobs = limit;
        auto queue = makeQueue(settings);
        QSignalSpy idle(queue.get(), &TransferQueue::idle);
        int running = 0;
        int mostRunning = 0;
        for (int i = 0; i < jobs; ++i) {
            const QString path = m_dir->filePath(u"f"_s + QString::number(i));
            QVERIFY(writeFile(path, patternBytes(200000, quint32(i))));
            TransferJob *job = queue->add(std::make_unique<UploadFileJob>(
                path, ObjectLocation{kConnection, kBucket, u"k"_s + QString::number(i)}));
            QCOMPARE(job->state(), JobState::Queued);
            connect(job, &TransferJob::stateChanged, this, [&running, &mostRunning](JobState state) {
                if (state == JobState::Running)
                    mostRunning = qMax(mostRunning, ++running);
                else if (isFinished(state))
                    --running;
            });
        }
        QVERIFY(idle.wait(60000));
        QCOMPARE(idle.count(), 1);
        QCOMPARE(mostRunning, limit);
        QVERIFY(queue->isIdle());
        for (TransferJob *job : queue->jobs())
            QCOMPARE(job->state(), JobState::Completed);
    }

    void removeFinishedJobs()
    {
        auto queue = makeQueue({});
        const QString path = m_dir->filePath(u"one"_s);
        QVERIFY(writeFile(path, "hello"));
        TransferJob *job = queue->add(std::make_unique<UploadFileJob>(path, ObjectLocation{kConnection, kBucket, u"one"_s}));
        const qint64 id = job->id();
        QVERIFY(id > 0);
        QVERIFY(!queue->remove(job)); // not finished yet
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(30000));
        QSignalSpy removed(queue.get(), &TransferQueue::jobRemoved);
        QVERIFY(queue->remove(job));
        QCOMPARE(removed.count(), 1);
        QVERIFY(queue->jobs().isEmpty());
        QVERIFY(!m_journal->job(id));
    }

    void pausedJobsStayPausedAcrossRestore()
    {
        qint64 id = 0;
        {
            auto queue = makeQueue({});
            const QString path = m_dir->filePath(u"paused"_s);
            QVERIFY(writeFile(path, "bytes"));
            TransferJob *job = queue->add(std::make_unique<UploadFileJob>(path, ObjectLocation{kConnection, kBucket, u"p"_s}));
            job->pause(); // still Queued: no request was sent
            QCOMPARE(job->state(), JobState::Paused);
            id = job->id();
        }
        auto queue = makeQueue({});
        QCOMPARE(queue->restore(), 1);
        TransferJob *job = queue->job(id);
        QVERIFY(job);
        QCOMPARE(job->state(), JobState::Paused);
        QCOMPARE(job->destinationDescription(), u"queue/p"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        job->resume();
        QVERIFY(finished.wait(30000));
        QCOMPARE(job->state(), JobState::Completed);
    }

    void restoreReportsKindsItCannotBuild()
    {
        JobRecord record;
        record.kind = JobKind::DeletePrefix;
        record.displayName = u"old prefix"_s;
        QVERIFY(m_journal->addJob(record) > 0);
        JobRecord broken;
        broken.kind = JobKind::UploadFile;
        broken.displayName = u"no detail"_s;
        QVERIFY(m_journal->addJob(broken) > 0);
        auto queue = makeQueue({});
        QCOMPARE(queue->restore(), 0);
        QCOMPARE(queue->problems().size(), 2);
        QVERIFY(queue->problems().at(1).contains(u"no detail"_s));
    }

    void unknownConnectionFailsClearly()
    {
        auto queue = makeQueue({});
        const QString path = m_dir->filePath(u"x"_s);
        QVERIFY(writeFile(path, "x"));
        TransferJob *job = queue->add(std::make_unique<UploadFileJob>(
            path, ObjectLocation{{u"gone"_s, u"https://gone.example"_s}, kBucket, u"x"_s}));
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->state(), JobState::Failed);
        QCOMPARE(job->error().kind, s3::S3Error::Kind::Auth);
        QVERIFY(job->errorMessage().contains(u"gone"_s));
    }
};

QTEST_GUILESS_MAIN(tst_TransferQueue)
#include "tst_transfer_queue.moc"
