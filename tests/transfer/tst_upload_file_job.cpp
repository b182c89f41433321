// UploadFileJob against the embedded server: single PUT and multipart arrive byte for
// byte, R2 mode never sees unequal parts, pause/resume re-sends only unfinished parts, a
// damaged part is caught and sent again, and local problems give clear errors.

#include "transfer_fixture.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QSignalSpy>
#include <QTimer>

#include <memory>

using namespace coffer;
using namespace coffer::transfer;
using namespace coffer::transfer::testing;
using namespace Qt::StringLiterals;

namespace {

const QString kBucket = u"uploads"_s;

// Flips one byte of what passes through, after the checksum was computed from the file:
// the server must refuse the part and the job must send it again.
class CorruptingDevice : public QIODevice
{
public:
    CorruptingDevice(QIODevice *inner, qint64 flipAt) : QIODevice(inner), m_inner(inner), m_flipAt(flipAt)
    {
        QIODevice::open(ReadOnly | Unbuffered);
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_inner->size(); }
    bool seek(qint64 pos) override { return m_inner->seek(pos) && QIODevice::seek(pos); }
    bool atEnd() const override { return m_inner->atEnd(); }
    qint64 bytesAvailable() const override { return m_inner->bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 at = m_inner->pos();
        const qint64 got = m_inner->read(data, maxSize);
        if (got > 0 && m_flipAt >= at && m_flipAt < at + got)
            data[m_flipAt - at] = char(data[m_flipAt - at] ^ 0x5a);
        return got;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice *m_inner;
    qint64 m_flipAt;
};

} // namespace

class tst_UploadFileJob : public TransferFixture
{
    Q_OBJECT

private:
    bool m_canMakeUnreadable = false;

    TransferSettings smallParts() const
    {
        TransferSettings settings;
        settings.multipartThreshold = 5 * kMiB;
        settings.preferredPartSize = 5 * kMiB;
        settings.partWindow = 2;
        settings.retryBaseDelay = std::chrono::milliseconds(10);
        settings.retryMaxDelay = std::chrono::milliseconds(100);
        return settings;
    }

    void startQueue(const TransferSettings &settings)
    {
        m_queue = makeQueue(settings);
    }

    QString makeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->filePath(name);
        if (!writeFile(path, bytes))
            return {};
        return path;
    }

    UploadFileJob *upload(const QString &path, const QString &key)
    {
        auto job = std::make_unique<UploadFileJob>(path, ObjectLocation{kConnection, kBucket, key});
        return static_cast<UploadFileJob *>(m_queue->add(std::move(job)));
    }

    int partsInJournal(qint64 jobId) const { return int(m_journal->parts(jobId, {}).size()); }

private Q_SLOTS:
    void initTestCase()
    {
        QTemporaryDir probe;
        m_canMakeUnreadable = makeUnreadableFilesUnreadable(probe.path());
    }

    void init()
    {
        startServer(server::api::ServerMode::R2, kBucket);
        openJournal();
        startQueue(smallParts());
    }

    void cleanup()
    {
        stop();
    }

    void arrivesByteForByte_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("expectedParts"); // 0: single PUT
        QTest::addColumn<int>("checksum");
        const int crc32c = int(s3::ChecksumAlgorithm::Crc32c);
        const int crc64 = int(s3::ChecksumAlgorithm::Crc64Nvme);
        QTest::newRow("empty") << qint64(0) << 0 << crc32c;
        QTest::newRow("small single PUT") << qint64(100000) << 0 << crc32c;
        QTest::newRow("single PUT, CRC64NVME") << qint64(3 * kMiB + 5) << 0 << crc64;
        QTest::newRow("two parts") << 6 * kMiB << 2 << crc32c;
        QTest::newRow("three parts, CRC64NVME") << 12 * kMiB + 12345 << 3 << crc64;
        QTest::newRow("exact multiple") << 15 * kMiB << 3 << crc32c;
    }

    void arrivesByteForByte()
    {
        QFETCH(qint64, size);
        QFETCH(int, expectedParts);
        QFETCH(int, checksum);
        TransferSettings settings = smallParts();
        settings.checksum = s3::ChecksumAlgorithm(checksum);
        m_queue->setSettings(settings);

        const QByteArray bytes = patternBytes(size, quint32(size));
        const QString path = makeFile(u"file.bin"_s, bytes);
        QVERIFY(!path.isEmpty());
        UploadFileJob *job = upload(path, u"dir/file.bin"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Completed);
        QVERIFY2(job->errorMessage().isEmpty(), qPrintable(job->errorMessage()));
        QCOMPARE(job->progress().bytesDone, size);
        QCOMPARE(uploadPartRequests(), expectedParts);
        QCOMPARE(job->plan()->isMultipart(), expectedParts > 0);

        const auto stored = download(*m_client, kBucket, u"dir/file.bin"_s, this);
        QVERIFY(stored);
        QCOMPARE(stored->size(), bytes.size());
        QVERIFY(*stored == bytes);
    }

    void r2NeverSeesUnequalParts()
    {
        // Three parts on an R2-mode server, which refuses unequal non-trailing parts.
        const QByteArray bytes = patternBytes(14 * kMiB + 1, 7);
        UploadFileJob *job = upload(makeFile(u"three.bin"_s, bytes), u"three.bin"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Completed);
        QList<qint64> sizes;
        for (const client::HttpActivity &record : std::as_const(m_activity)) {
            if (isUploadPart(record))
                sizes.append(record.bytesSent);
        }
        QCOMPARE(sizes.size(), 3);
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes.at(1), 5 * kMiB);
        QCOMPARE(sizes.at(2), 5 * kMiB);
        QCOMPARE(sizes.at(0), 4 * kMiB + 1);
        QVERIFY(*download(*m_client, kBucket, u"three.bin"_s, this) == bytes);
    }

    void pauseAndResumeSendOnlyUnfinishedParts()
    {
        TransferSettings settings = smallParts();
        settings.partWindow = 1;
        settings.bandwidthLimit = 20 * kMiB; // slow enough to pause mid-way
        m_queue->setSettings(settings);
        const QByteArray bytes = patternBytes(30 * kMiB, 11);
        UploadFileJob *job = upload(makeFile(u"pause.bin"_s, bytes), u"pause.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(partsInJournal(job->id()) >= 2, 60000);
        job->pause();
        QCOMPARE(job->state(), JobState::Paused);
        const int kept = partsInJournal(job->id());
        const int sentBefore = uploadPartRequests();
        QVERIFY(kept < 6);

        settings.bandwidthLimit = 0;
        m_queue->setSettings(settings);
        QSignalSpy finished(job, &TransferJob::finished);
        job->resume();
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Completed);
        QCOMPARE(uploadPartRequests() - sentBefore, 6 - kept);
        QVERIFY(*download(*m_client, kBucket, u"pause.bin"_s, this) == bytes);
    }

    void damagedPartIsSentAgain()
    {
        int tapped = 0;
        m_queue->setBodyTap([&tapped](QIODevice *body, int partNumber) -> QIODevice * {
            if (partNumber != 2 || tapped++ > 0)
                return body;
            return new CorruptingDevice(body, 1000);
        });
        const QByteArray bytes = patternBytes(12 * kMiB, 3);
        UploadFileJob *job = upload(makeFile(u"damaged.bin"_s, bytes), u"damaged.bin"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Completed);
        QCOMPARE(tapped, 2); // damaged once, then sent clean
        const bool refused = std::any_of(m_activity.cbegin(), m_activity.cend(), [](const client::HttpActivity &r) {
            return isUploadPart(r) && r.status == 400;
        });
        QVERIFY(refused);
        QCOMPARE(uploadPartRequests(), 4);
        QVERIFY(*download(*m_client, kBucket, u"damaged.bin"_s, this) == bytes);
    }

    void damagedSinglePutFailsLoudlyAfterRetries()
    {
        TransferSettings settings = smallParts();
        settings.partAttempts = 2;
        m_queue->setSettings(settings);
        m_queue->setBodyTap([](QIODevice *body, int) -> QIODevice * { return new CorruptingDevice(body, 10); });
        UploadFileJob *job = upload(makeFile(u"bad.bin"_s, patternBytes(1000, 1)), u"bad.bin"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Failed);
        QCOMPARE(job->error().code, u"BadDigest"_s);
        QVERIFY(!job->errorMessage().isEmpty());
        const auto head = finish(m_client->headObject({.bucket = kBucket, .key = u"bad.bin"_s}), this);
        QVERIFY(head && !head->ok()); // nothing damaged was stored
    }

    void localProblems_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing file") << u"missing"_s << u"no longer exists"_s;
        QTest::newRow("a folder") << u"folder"_s << u"is a folder"_s;
        QTest::newRow("unreadable") << u"unreadable"_s << u"permission denied"_s;
    }

    void localProblems()
    {
        QFETCH(QString, what);
        QFETCH(QString, expected);
        QString path = m_dir->filePath(u"nothing-here.bin"_s);
        if (what == u"folder"_s) {
            path = m_dir->filePath(u"sub"_s);
            QVERIFY(QDir().mkpath(path));
        } else if (what == u"unreadable"_s) {
            if (!m_canMakeUnreadable)
                QSKIP("This process can read files whatever their permissions.");
            path = makeFile(u"secret.bin"_s, "secret");
            QVERIFY(QFile::setPermissions(path, {}));
        }
        UploadFileJob *job = upload(path, u"x"_s);
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->state(), JobState::Failed);
        QVERIFY2(job->errorMessage().contains(path), qPrintable(job->errorMessage()));
        QVERIFY2(job->errorMessage().contains(expected), qPrintable(job->errorMessage()));
    }

    void sourceVanishesMidUpload()
    {
        TransferSettings settings = smallParts();
        settings.partWindow = 1;
        settings.bandwidthLimit = 20 * kMiB;
        m_queue->setSettings(settings);
        const QString path = makeFile(u"vanish.bin"_s, patternBytes(25 * kMiB, 5));
        UploadFileJob *job = upload(path, u"vanish.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(partsInJournal(job->id()) >= 1, 60000);
        QVERIFY(QFile::remove(path));
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QCOMPARE(job->state(), JobState::Failed);
        QVERIFY2(job->errorMessage().contains(u"disappeared"_s), qPrintable(job->errorMessage()));
        const auto head = finish(m_client->headObject({.bucket = kBucket, .key = u"vanish.bin"_s}), this);
        QVERIFY(head && !head->ok());
    }

    void serverStoppedThenRestartedMidUpload()
    {
        TransferSettings settings = smallParts();
        settings.bandwidthLimit = 20 * kMiB;
        settings.retryBaseDelay = std::chrono::milliseconds(250);
        settings.retryMaxDelay = std::chrono::milliseconds(2000);
        settings.partAttempts = 8;
        m_queue->setSettings(settings);
        const QByteArray bytes = patternBytes(30 * kMiB, 13);
        UploadFileJob *job = upload(makeFile(u"restart.bin"_s, bytes), u"restart.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(partsInJournal(job->id()) >= 1, 60000);
        m_server->stop();
        // Back after a while, on the same port with the same data.
        QTimer::singleShot(700, this, [this] { QVERIFY(m_server->restart()); });
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
        const bool sawFailure = std::any_of(m_activity.cbegin(), m_activity.cend(),
                                            [](const client::HttpActivity &r) { return r.status == 0; });
        QVERIFY(sawFailure); // the outage really hit requests
        QVERIFY(*download(*m_client, kBucket, u"restart.bin"_s, this) == bytes);
    }

    void cancelAbortsTheMultipartUpload()
    {
        TransferSettings settings = smallParts();
        settings.partWindow = 1;
        settings.bandwidthLimit = 20 * kMiB;
        m_queue->setSettings(settings);
        UploadFileJob *job = upload(makeFile(u"cancel.bin"_s, patternBytes(30 * kMiB, 9)), u"cancel.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(partsInJournal(job->id()) >= 1, 60000);
        QSignalSpy finished(job, &TransferJob::finished);
        job->cancel();
        QVERIFY(finished.count() > 0 || finished.wait(30000));
        QCOMPARE(job->state(), JobState::Cancelled);
        const auto uploads = finish(m_client->listMultipartUploads({.bucket = kBucket}), this);
        QVERIFY(uploads && uploads->ok());
        QVERIFY((*uploads)->uploads.isEmpty()); // no orphaned parts left to pay for
    }
};

QTEST_GUILESS_MAIN(tst_UploadFileJob)
#include "tst_upload_file_job.moc"
