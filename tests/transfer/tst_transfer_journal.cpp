// TransferJournal: what is written survives closing and reopening (as after a crash).

#include "transfer/transfer_journal.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace coffer::transfer;
using namespace Qt::StringLiterals;

class tst_TransferJournal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(u"journal.sqlite"_s); }

    static JobRecord sampleJob()
    {
        JobRecord job;
        job.kind = JobKind::UploadFile;
        job.state = JobState::Running;
        job.displayName = u"big file.iso"_s;
        job.source = u"/tmp/big file.iso"_s;
        job.destination = u"bucket/isos/big file.iso"_s;
        job.connection = {u"work"_s, u"https://example.r2.cloudflarestorage.com"_s};
        job.detail = {{u"path"_s, u"/tmp/big file.iso"_s}};
        return job;
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
    }

    void jobsSurviveReopening()
    {
        qint64 id = 0;
        {
            TransferJournal journal;
            QVERIFY2(journal.open(path()), qPrintable(journal.errorString()));
            id = journal.addJob(sampleJob());
            QVERIFY(id > 0);
        }
        TransferJournal journal;
        QVERIFY(journal.open(path()));
        const auto job = journal.job(id);
        QVERIFY(job);
        QCOMPARE(job->kind, JobKind::UploadFile);
        QCOMPARE(job->state, JobState::Running);
        QCOMPARE(job->displayName, u"big file.iso"_s);
        QCOMPARE(job->connection.profile, u"work"_s);
        QCOMPARE(job->detail.value(u"path"_s).toString(), u"/tmp/big file.iso"_s);
    }

    void unfinishedJobs_data()
    {
        QTest::addColumn<JobState>("state");
        QTest::addColumn<bool>("unfinished");
        QTest::newRow("queued") << JobState::Queued << true;
        QTest::newRow("running") << JobState::Running << true;
        QTest::newRow("paused") << JobState::Paused << true;
        QTest::newRow("failed") << JobState::Failed << true;
        QTest::newRow("completed") << JobState::Completed << false;
        QTest::newRow("cancelled") << JobState::Cancelled << false;
    }

    void unfinishedJobs()
    {
        QFETCH(JobState, state);
        QFETCH(bool, unfinished);
        TransferJournal journal;
        QVERIFY(journal.open(path()));
        const qint64 id = journal.addJob(sampleJob());
        QVERIFY(journal.setJobState(id, state, u"why"_s));
        const QList<JobRecord> jobs = journal.unfinishedJobs();
        QCOMPARE(jobs.size(), unfinished ? 1 : 0);
        if (unfinished) {
            QCOMPARE(jobs.first().state, state);
            QCOMPARE(jobs.first().lastError, u"why"_s);
        }
    }

    void partsAndItems()
    {
        TransferJournal journal;
        QVERIFY(journal.open(path()));
        const qint64 id = journal.addJob(sampleJob());
        ItemRecord item;
        item.fingerprint = {123456789, 1700000000123456789LL, {}};
        item.uploadId = u"upload-1"_s;
        item.partSize = 16 * kMiB;
        item.checksum = coffer::s3::ChecksumAlgorithm::Crc64Nvme;
        QVERIFY(journal.saveItem(id, item));
        const PartRecord p2{2, 16 * kMiB, u"\"etag2\""_s, "AAAAAAAAAAA="};
        const PartRecord p1{1, 16 * kMiB, u"\"etag1\""_s, "BBBBBBBBBBB="};
        QVERIFY(journal.addPart(id, {}, p2));
        QVERIFY(journal.addPart(id, {}, p1));

        TransferJournal reopened;
        QVERIFY(reopened.open(path()));
        const auto saved = reopened.item(id, {});
        QVERIFY(saved);
        QCOMPARE(saved->fingerprint, item.fingerprint);
        QCOMPARE(saved->uploadId, item.uploadId);
        QCOMPARE(saved->partSize, item.partSize);
        QCOMPARE(saved->checksum, item.checksum);
        QCOMPARE(reopened.parts(id, {}), (QList<PartRecord>{p1, p2}));

        // Updating the item keeps its parts; resetting drops them and the upload id.
        item.partSize = 32 * kMiB;
        QVERIFY(reopened.saveItem(id, item));
        QCOMPARE(reopened.parts(id, {}).size(), 2);
        QVERIFY(reopened.resetItem(id, {}));
        QVERIFY(reopened.parts(id, {}).isEmpty());
        QVERIFY(reopened.item(id, {})->uploadId.isEmpty());

        QVERIFY(reopened.markItemDone(id, {}));
        QVERIFY(reopened.item(id, {})->done);
        QVERIFY(reopened.parts(id, {}).isEmpty());

        QVERIFY(reopened.removeJob(id));
        QVERIFY(!reopened.job(id));
        QVERIFY(reopened.items(id).isEmpty());
    }

    void notAJournal()
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        TransferJournal journal;
        QVERIFY(!journal.open(path()));
        QVERIFY(journal.errorString().contains(path()));
        QVERIFY(!journal.isOpen());
        QCOMPARE(journal.addJob(sampleJob()), 0);
    }
};

QTEST_GUILESS_MAIN(tst_TransferJournal)
#include "tst_transfer_journal.moc"
