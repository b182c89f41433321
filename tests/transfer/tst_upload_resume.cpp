// Resuming uploads from the journal after the program died: only unfinished parts are
// sent again, and a source that changed meanwhile is detected and uploaded afresh.

#include "transfer_test_support.h"

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
const ConnectionRef kConnection{u"local"_s, u"http://127.0.0.1"_s};
constexpr int kParts = 8;
} // namespace

class tst_UploadResume : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<client::S3Client> m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferQueue> m_queue;
    QList<client::HttpActivity> m_activity;

    QString journalPath() const { return m_dir->filePath(u"journal.sqlite"_s); }

    void startProgram(qint64 bandwidth)
    {
        m_journal = std::make_unique<TransferJournal>();
        QVERIFY(m_journal->open(journalPath()));
        TransferSettings settings;
        settings.multipartThreshold = 5 * kMiB;
        settings.preferredPartSize = 5 * kMiB;
        settings.partWindow = 1;
        settings.bandwidthLimit = bandwidth;
        m_queue = std::make_unique<TransferQueue>(
            [this](const ConnectionRef &connection) {
                return connection == kConnection ? m_client.get() : nullptr;
            },
            m_journal.get(), settings);
    }

    // Kills the "program" without any cleanup: no abort, no journal update.
    void crash()
    {
        m_queue.reset();
        m_journal.reset();
    }

    int uploadPartRequests() const
    {
        return int(std::count_if(m_activity.cbegin(), m_activity.cend(), isUploadPart));
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
        m_server = std::make_unique<LocalServer>(server::api::ServerMode::R2);
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_client = std::make_unique<client::S3Client>(m_server->clientConfig(), m_network.get());
        m_activity.clear();
        connect(m_client.get(), &client::S3Client::activity, this,
                [this](const client::HttpActivity &record) { m_activity.append(record); });
        const auto created = finish(m_client->createBucket(kBucket), this);
        QVERIFY(created && created->ok());
        m_dir = std::make_unique<QTemporaryDir>();
    }

    void cleanup()
    {
        m_queue.reset();
        m_journal.reset();
        m_client.reset();
        m_network.reset();
        m_server.reset();
        m_dir.reset();
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
