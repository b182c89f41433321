// Resuming uploads from the journal after the program died: only unfinished parts are
// sent again, and a source that changed meanwhile is detected and uploaded afresh.

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
const QString kBucket = u"resume"_s;
constexpr int kParts = 8;
} // namespace

class tst_UploadResume : public TransferFixture
{
    Q_OBJECT

private:

    void startProgram(qint64 bandwidth)
    {
        openJournal();
        TransferSettings settings;
        settings.multipartThreshold = 5 * kMiB;
        settings.preferredPartSize = 5 * kMiB;
        settings.partWindow = 1;
        settings.bandwidthLimit = bandwidth;
        m_queue = makeQueue(settings);
    }

    // Kills the "program" without any cleanup: no abort, no journal update.
    void crash()
    {
        m_queue.reset();
        m_journal.reset();
    }

    // Starts an upload and crashes once at least `parts` parts are journaled. Returns how
    // many parts the journal held at the moment of the crash.
    int uploadThenCrash(const QString &path, int parts)
    {
        startProgram(20 * kMiB);
        TransferJob *job = m_queue->add(
            std::make_unique<UploadFileJob>(path, ObjectLocation{kConnection, kBucket, u"big.bin"_s}));
        const qint64 id = job->id();
        if (!QTest::qWaitFor([&] { return m_journal->parts(id, {}).size() >= parts; }, 60000))
            return -1;
        const int kept = int(m_journal->parts(id, {}).size());
        crash();
        return kept;
    }

private Q_SLOTS:
    void init()
    {
        startServer(server::api::ServerMode::R2, kBucket);
    }

    void cleanup()
    {
        stop();
    }

    void resumesWithoutResendingFinishedParts()
    {
        const QByteArray bytes = patternBytes(kParts * 5 * kMiB - 1000, 21);
        const QString path = m_dir->filePath(u"big.bin"_s);
        QVERIFY(writeFile(path, bytes));
        const int kept = uploadThenCrash(path, 3);
        QVERIFY(kept >= 3);
        QVERIFY(kept < kParts);

        // The server holds at least the journaled parts of an unfinished upload.
        const auto uploads = finish(m_client->listMultipartUploads({.bucket = kBucket}), this);
        QVERIFY(uploads && uploads->ok());
        QCOMPARE((*uploads)->uploads.size(), 1);
        const QString uploadId = (*uploads)->uploads.first().uploadId;
        const auto listed = finish(m_client->listParts({.bucket = kBucket, .key = u"big.bin"_s, .uploadId = uploadId}), this);
        QVERIFY(listed && listed->ok());
        QVERIFY((*listed)->parts.size() >= kept);

        m_activity.clear();
        startProgram(0);
        QCOMPARE(m_queue->restore(), 1);
        TransferJob *job = m_queue->jobs().constFirst();
        QCOMPARE(job->kind(), JobKind::UploadFile);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
        QCOMPARE(uploadPartRequests(), kParts - kept);
        QVERIFY(job->notices().isEmpty());
        const auto stored = download(*m_client, kBucket, u"big.bin"_s, this);
        QVERIFY(stored);
        QVERIFY(*stored == bytes);
        // The journal no longer lists it as unfinished.
        QVERIFY(m_journal->unfinishedJobs().isEmpty());
    }

    void changedSourceRestartsFromScratch_data()
    {
        QTest::addColumn<qint64>("newSize");
        QTest::newRow("other size") << qint64(kParts * 5 * kMiB + 77);
        QTest::newRow("same size, other bytes") << qint64(kParts * 5 * kMiB - 1000);
    }

    void changedSourceRestartsFromScratch()
    {
        QFETCH(qint64, newSize);
        const QString path = m_dir->filePath(u"big.bin"_s);
        QVERIFY(writeFile(path, patternBytes(kParts * 5 * kMiB - 1000, 1)));
        const int kept = uploadThenCrash(path, 2);
        QVERIFY(kept >= 2);

        // The file changes while the program is down (a later mtime, whatever the size).
        const QByteArray changed = patternBytes(newSize, 2);
        QVERIFY(writeFile(path, changed));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
        file.close();

        m_activity.clear();
        startProgram(0);
        QCOMPARE(m_queue->restore(), 1);
        TransferJob *job = m_queue->jobs().constFirst();
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
        QCOMPARE(job->notices().size(), 1);
        QVERIFY2(job->notices().first().contains(u"changed"_s), qPrintable(job->notices().first()));
        const int parts = int((newSize + 5 * kMiB - 1) / (5 * kMiB));
        QCOMPARE(uploadPartRequests(), parts); // everything again, nothing mixed
        const auto stored = download(*m_client, kBucket, u"big.bin"_s, this);
        QVERIFY(stored);
        QVERIFY(*stored == changed);
        // The first upload was aborted, so its parts cost nothing.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto uploads = finish(m_client->listMultipartUploads({.bucket = kBucket}), this);
                return uploads && uploads->ok() && (*uploads)->uploads.isEmpty();
            }(),
            10000);
    }
};

QTEST_GUILESS_MAIN(tst_UploadResume)
#include "tst_upload_resume.moc"
