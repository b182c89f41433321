// UploadFolderJob: a nested tree arrives under the prefix with its relative paths, links
// are not followed, and an unreadable file is a listed item failure while the rest goes up.

#include "transfer_fixture.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_folder_job.h"

#include <QDir>
#include <QSignalSpy>

#include <map>
#include <memory>

using namespace coffer;
using namespace coffer::transfer;
using namespace coffer::transfer::testing;
using namespace Qt::StringLiterals;

namespace {
const QString kBucket = u"folders"_s;
} // namespace

class tst_UploadFolderJob : public TransferFixture
{
    Q_OBJECT

private:
    bool m_canMakeUnreadable = false;

    // relative path -> bytes, written under root.
    std::map<QString, QByteArray> makeTree(const QString &root)
    {
        std::map<QString, QByteArray> files;
        const QStringList names{u"top.txt"_s, u"empty"_s, u".hidden"_s, u"a/one.txt"_s, u"a/b/two.txt"_s,
                                u"a/b/c/three.bin"_s, u"with space/n a m e.txt"_s, u"a/b/c/large.bin"_s};
        quint32 seed = 1;
        for (const QString &name : names) {
            const qint64 size = name == u"empty"_s ? 0 : name.endsWith(u"large.bin"_s) ? 11 * kMiB : 1000 + seed * 37;
            files[name] = patternBytes(size, seed++);
            const QString path = root + u'/' + name;
            QDir().mkpath(QFileInfo(path).absolutePath());
            writeFile(path, files[name]);
        }
        for (int i = 0; i < 30; ++i) {
            const QString name = u"many/"_s + QString::number(i % 3) + u"/f"_s + QString::number(i);
            files[name] = patternBytes(100 + i, 1000 + i);
            QDir().mkpath(root + u"/many/"_s + QString::number(i % 3));
            writeFile(root + u'/' + name, files[name]);
        }
        return files;
    }

    QStringList listKeys(const QString &prefix)
    {
        QStringList keys;
        QString token;
        do {
            const auto page = finish(
                m_client->listObjectsV2({.bucket = kBucket, .prefix = prefix, .continuationToken = token}), this);
            if (!page || !page->ok())
                return {u"<listing failed>"_s};
            for (const auto &object : (*page)->objects)
                keys.append(object.key);
            token = (*page)->nextContinuationToken;
        } while (!token.isEmpty());
        return keys;
    }

    // Open multipart uploads in the bucket, or -1 when the listing failed.
    int openUploads()
    {
        const auto page = finish(m_client->listMultipartUploads({.bucket = kBucket}), this);
        return page && page->ok() ? int((*page)->uploads.size()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QTemporaryDir probe;
        m_canMakeUnreadable = makeUnreadableFilesUnreadable(probe.path());
    }

    void init()
    {
        startServer(server::api::ServerMode::S3, kBucket);
        openJournal();
        TransferSettings settings;
        settings.multipartThreshold = 5 * kMiB;
        settings.preferredPartSize = 5 * kMiB;
        m_queue = makeQueue(settings);
    }

    void cleanup()
    {
        stop();
    }

    void cancelWithoutJournalAbortsItsUploads()
    {
        // No journal: only the job itself knows its files' upload ids.
        m_queue.reset();
        m_journal.reset();
        TransferSettings settings;
        settings.multipartThreshold = 5 * kMiB;
        settings.preferredPartSize = 5 * kMiB;
        settings.bandwidthLimit = 4 * kMiB; // slow enough to cancel in the middle
        m_queue = makeQueue(settings);
        const QString root = m_dir->filePath(u"large"_s);
        QVERIFY(QDir().mkpath(root + u"/sub"_s));
        QVERIFY(writeFile(root + u"/one.bin"_s, patternBytes(30 * kMiB, 7)));
        QVERIFY(writeFile(root + u"/sub/two.bin"_s, patternBytes(30 * kMiB, 8)));

        TransferJob *job = m_queue->add(
            std::make_unique<UploadFolderJob>(root, ObjectLocation{kConnection, kBucket, u"big/"_s}));
        QSignalSpy finished(job, &TransferJob::finished);
        // Both files have their multipart upload on the server and are sending parts.
        QTRY_COMPARE_WITH_TIMEOUT(openUploads(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(job->progress().bytesDone > 0, 30000);
        QVERIFY(job->state() == JobState::Running);
        job->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Cancelled, 30000);
        QCOMPARE(openUploads(), 0); // no orphaned parts
        QCOMPARE(listKeys(u"big/"_s), QStringList());
    }

    void nestedTreeKeepsRelativePaths_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("expectedPrefix");
        QTest::newRow("under a prefix") << u"backup/2026/"_s << u"backup/2026/"_s;
        QTest::newRow("prefix without slash") << u"backup"_s << u"backup/"_s;
        QTest::newRow("bucket root") << QString() << QString();
    }

    void nestedTreeKeepsRelativePaths()
    {
        QFETCH(QString, prefix);
        QFETCH(QString, expectedPrefix);
        const QString root = m_dir->filePath(u"tree"_s);
        const auto files = makeTree(root);
        // Links are listed but never followed.
        QVERIFY(QFile::link(root + u"/top.txt"_s, root + u"/link-to-file"_s));
        QVERIFY(QFile::link(root + u"/a"_s, root + u"/link-to-folder"_s));

        TransferJob *job = m_queue->add(
            std::make_unique<UploadFolderJob>(root, ObjectLocation{kConnection, kBucket, prefix}));
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(120000));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
        QCOMPARE(job->progress().itemsDone, int(files.size()));
        qint64 total = 0;
        for (const auto &[name, bytes] : files)
            total += bytes.size();
        QCOMPARE(job->progress().bytesDone, total);
        QCOMPARE(job->notices().size(), 2); // the two links

        QStringList expected;
        for (const auto &[name, bytes] : files)
            expected.append(expectedPrefix + name);
        expected.sort();
        QStringList keys = listKeys(expectedPrefix);
        keys.sort();
        QCOMPARE(keys, expected);
        for (const auto &[name, bytes] : files) {
            const auto stored = download(*m_client, kBucket, expectedPrefix + name, this);
            QVERIFY2(stored && *stored == bytes, qPrintable(name));
        }
    }

    void unreadableFileIsListedAndTheRestGoesUp()
    {
        if (!m_canMakeUnreadable)
            QSKIP("This process can read files whatever their permissions.");
        const QString root = m_dir->filePath(u"tree"_s);
        const auto files = makeTree(root);
        const QString locked = root + u"/a/b/two.txt"_s;
        QVERIFY(QFile::setPermissions(locked, {}));

        TransferJob *job = m_queue->add(
            std::make_unique<UploadFolderJob>(root, ObjectLocation{kConnection, kBucket, u"p/"_s}));
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(120000));
        QCOMPARE(job->state(), JobState::Failed);
        QCOMPARE(job->itemFailures().size(), 1);
        QCOMPARE(job->itemFailures().first().item, u"a/b/two.txt"_s);
        QVERIFY2(job->itemFailures().first().message.contains(u"permission denied"_s),
                 qPrintable(job->itemFailures().first().message));
        QVERIFY(job->errorMessage().contains(u"1 of"_s));
        QCOMPARE(listKeys(u"p/"_s).size(), int(files.size()) - 1);

        // Fixed, then retried: only the missing file is sent.
        QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner));
        QSignalSpy again(job, &TransferJob::finished);
        job->retry();
        QVERIFY(again.wait(60000));
        QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
        QCOMPARE(listKeys(u"p/"_s).size(), int(files.size()));
    }

    void missingFolderFails()
    {
        const QString root = m_dir->filePath(u"not-there"_s);
        TransferJob *job = m_queue->add(
            std::make_unique<UploadFolderJob>(root, ObjectLocation{kConnection, kBucket, {}}));
        QSignalSpy finished(job, &TransferJob::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(job->state(), JobState::Failed);
        QVERIFY(job->errorMessage().contains(root));
    }
};

QTEST_GUILESS_MAIN(tst_UploadFolderJob)
#include "tst_upload_folder_job.moc"
