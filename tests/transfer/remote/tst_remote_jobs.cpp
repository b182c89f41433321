// The remote jobs in the engine's queue, against the embedded server: a download resumed
// from the journal after the program died, a prefix downloaded with odd keys mapped (and a
// collision refused), a prefix deleted, a prefix moved across buckets, and a copy between
// two servers, resumed from the journal after the program died.
#include "local_store.h"

#include "transfer/remote/copy_job.h"
#include "transfer/remote/cross_copy_job.h"
#include "transfer/remote/delete_prefix_job.h"
#include "transfer/remote/download_object_job.h"
#include "transfer/remote/download_prefix_job.h"
#include "transfer/remote/part_file.h"
#include "transfer/transfer_queue.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::transfer;
using coffer::transfer::testing::LocalStore;

namespace {

const ConnectionRef kFirst{u"first"_s, u"http://127.0.0.1"_s};
const ConnectionRef kSecond{u"second"_s, u"http://127.0.0.1"_s};

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator(seed).fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(root).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace

Q_DECLARE_METATYPE(std::optional<coffer::s3::ChecksumAlgorithm>)

class TestRemoteJobs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void downloadResumesFromJournal();
    void pausedDownloadContinues();
    void downloadPrefixMapsOddKeys();
    void deletePrefix();
    void movePrefixAcrossBuckets();
    void crossConnectionCopy();
    void crossCopyResumesFromJournal_data();
    void crossCopyResumesFromJournal();

private:
    void startProgram(TransferSettings settings = {});
    bool waitFinished(TransferJob *job, int timeoutMs = 60000);

    std::unique_ptr<LocalStore> m_first;
    std::unique_ptr<LocalStore> m_second;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferQueue> m_queue;
};

void TestRemoteJobs::initTestCase()
{
    m_first = std::make_unique<LocalStore>();
    m_second = std::make_unique<LocalStore>();
    QVERIFY2(m_first->isRunning(), qPrintable(m_first->errorString()));
    QVERIFY2(m_second->isRunning(), qPrintable(m_second->errorString()));
    QVERIFY(m_first->createBucket(u"jobs"_s));
    QVERIFY(m_first->createBucket(u"elsewhere"_s));
    QVERIFY(m_second->createBucket(u"remote"_s));
}

void TestRemoteJobs::init()
{
    m_queue.reset();
    m_journal.reset();
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestRemoteJobs::startProgram(TransferSettings settings)
{
    m_journal = std::make_unique<TransferJournal>();
    QVERIFY(m_journal->open(m_dir->filePath(u"journal.sqlite"_s)));
    m_queue = std::make_unique<TransferQueue>(
        [this](const ConnectionRef &connection) -> client::S3Client * {
            if (connection == kFirst)
                return m_first->client();
            return connection == kSecond ? m_second->client() : nullptr;
        },
        m_journal.get(), settings);
    registerRemoteJobKinds(*m_queue);
}

bool TestRemoteJobs::waitFinished(TransferJob *job, int timeoutMs)
{
    return QTest::qWaitFor([job] { return isFinished(job->state()); }, timeoutMs);
}

void TestRemoteJobs::downloadResumesFromJournal()
{
    TransferSettings settings;
    settings.preferredPartSize = 256 * 1024; // the range size
    settings.partWindow = 1;
    const QByteArray bytes = randomBytes(12 * settings.preferredPartSize + 40, 5);
    QVERIFY(m_first->put(u"jobs"_s, u"resume/file.bin"_s, bytes));
    const QString destination = m_dir->filePath(u"out/file.bin"_s);

    startProgram(settings);
    TransferJob *job = m_queue->add(std::make_unique<DownloadObjectJob>(
        ObjectLocation{kFirst, u"jobs"_s, u"resume/file.bin"_s}, destination));
    const qint64 id = job->id();
    QVERIFY(id != 0);
    QVERIFY(QTest::qWaitFor([&] { return m_journal->parts(id, {}).size() >= 4; }, 60000));
    // The program dies: no cleanup beyond what destructors do.
    m_queue.reset();
    m_journal.reset();
    QVERIFY(QFile::exists(partPathFor(destination)));
    QVERIFY(!QFile::exists(destination));

    startProgram(settings);
    const int kept = int(m_journal->parts(id, {}).size());
    QVERIFY(kept >= 4);
    int gets = 0;
    QObject context;
    connect(m_first->client(), &client::S3Client::activity, &context,
            [&gets](const client::HttpActivity &record) { gets += record.method == "GET"; });
    QCOMPARE(m_queue->restore(), 1);
    TransferJob *restored = m_queue->job(id);
    QVERIFY(restored);
    QVERIFY(waitFinished(restored));
    QVERIFY2(restored->state() == JobState::Completed, qPrintable(restored->errorMessage()));
    QCOMPARE(readFile(destination), bytes);
    QCOMPARE(gets, 13 - kept); // only the ranges the journal did not hold
    QCOMPARE(restored->progress().bytesDone, qint64(bytes.size()));
    QVERIFY(m_journal->unfinishedJobs().isEmpty());
}

void TestRemoteJobs::pausedDownloadContinues()
{
    TransferSettings settings;
    settings.preferredPartSize = 256 * 1024;
    settings.partWindow = 1;
    const QByteArray bytes = randomBytes(12 * settings.preferredPartSize, 6);
    QVERIFY(m_first->put(u"jobs"_s, u"pause/file.bin"_s, bytes));
    const QString destination = m_dir->filePath(u"paused.bin"_s);
    startProgram(settings);
    int gets = 0;
    QObject context;
    connect(m_first->client(), &client::S3Client::activity, &context,
            [&gets](const client::HttpActivity &record) { gets += record.method == "GET"; });
    TransferJob *job = m_queue->add(std::make_unique<DownloadObjectJob>(
        ObjectLocation{kFirst, u"jobs"_s, u"pause/file.bin"_s}, destination));
    QVERIFY(QTest::qWaitFor([&] { return m_journal->parts(job->id(), {}).size() >= 3; }, 60000));
    job->pause();
    QCOMPARE(job->state(), JobState::Paused);
    QVERIFY(!QFile::exists(destination));
    const int kept = int(m_journal->parts(job->id(), {}).size());
    job->resume();
    QVERIFY(waitFinished(job));
    QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
    QCOMPARE(readFile(destination), bytes);
    // Every range once, plus at most the one in flight when the job paused.
    QVERIFY2(gets <= 12 + 1, qPrintable(QString::number(gets)));
    QVERIFY(kept >= 3);
}

void TestRemoteJobs::downloadPrefixMapsOddKeys()
{
    const QList<std::pair<QString, QByteArray>> objects{
        {u"tree/a.txt"_s, "a"},
        {u"tree/sub/deep/b.txt"_s, "b"},
        {u"tree/a//b"_s, "double slash"},
        {u"tree/a/b"_s, "collides"},
        {u"tree/x "_s, "trailing space"},
        {u"tree/empty-dir/"_s, ""},
        {u"tree//abs"_s, "absolute-looking"},
        {u"tree/big.bin"_s, randomBytes(700 * 1024, 9)},
        {u"other/not-me"_s, "outside the prefix"},
    };
    for (const auto &[key, bytes] : objects)
        QVERIFY2(m_first->put(u"jobs"_s, key, bytes), qPrintable(key));

    TransferSettings settings;
    settings.preferredPartSize = 256 * 1024;
    startProgram(settings);
    const QString folder = m_dir->filePath(u"tree"_s);
    auto *job = static_cast<DownloadPrefixJob *>(
        m_queue->add(std::make_unique<DownloadPrefixJob>(ObjectLocation{kFirst, u"jobs"_s, u"tree/"_s}, folder)));
    QVERIFY(waitFinished(job));
    // One key collides with another's safe name: the job says so and fails; the rest is there.
    QCOMPARE(job->state(), JobState::Failed);
    QCOMPARE(job->itemFailures().size(), 1);
    QCOMPARE(job->itemFailures().constFirst().item, u"tree/a/b"_s);
    QVERIFY(job->itemFailures().constFirst().message.contains(u"tree/a//b"_s));

    QCOMPARE(filesUnder(folder), (QStringList{u"a"_s, u"a.txt"_s, u"a/b"_s, u"abs"_s, u"big.bin"_s, u"empty-dir"_s,
                                             u"sub"_s, u"sub/deep"_s, u"sub/deep/b.txt"_s, u"x%20"_s}));
    QCOMPARE(readFile(folder + u"/a/b"_s), QByteArray("double slash"));
    QCOMPARE(readFile(folder + u"/x%20"_s), QByteArray("trailing space"));
    QCOMPARE(readFile(folder + u"/abs"_s), QByteArray("absolute-looking"));
    QCOMPARE(readFile(folder + u"/big.bin"_s), objects.at(7).second);
    QCOMPARE(readFile(folder + u"/sub/deep/b.txt"_s), QByteArray("b"));
    // Nothing outside the folder (the journal is the only other thing in the directory).
    QCOMPARE(filesUnder(m_dir->path()).filter(QRegularExpression(u"^(?!tree)"_s)).filter(QRegularExpression(u"^(?!journal)"_s)),
             QStringList());

    // A retry fetches nothing that is already there.
    job->retry();
    QVERIFY(waitFinished(job));
    QCOMPARE(job->state(), JobState::Failed);
    QCOMPARE(job->skippedCount(), 6);
}

void TestRemoteJobs::deletePrefix()
{
    for (int i = 0; i < 30; ++i)
        QVERIFY(m_first->put(u"jobs"_s, u"trash/%1"_s.arg(i), "x"));
    QVERIFY(m_first->put(u"jobs"_s, u"trashcan"_s, "keep"));
    startProgram();
    auto *job = static_cast<DeletePrefixJob *>(
        m_queue->add(std::make_unique<DeletePrefixJob>(ObjectLocation{kFirst, u"jobs"_s, u"trash/"_s})));
    QVERIFY(waitFinished(job));
    QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
    QCOMPARE(job->deletedCount(), 30);
    QCOMPARE(job->progress().itemsDone, 30);
    QVERIFY(m_first->keys(u"jobs"_s, u"trash/"_s).isEmpty());
    QCOMPARE(m_first->get(u"jobs"_s, u"trashcan"_s), QByteArray("keep"));
}

void TestRemoteJobs::movePrefixAcrossBuckets()
{
    QHash<QString, QByteArray> contents;
    for (int i = 0; i < 12; ++i) {
        const QString rest = u"n%1/file %2.dat"_s.arg(i % 3).arg(i);
        contents.insert(rest, randomBytes(1000 + i * 4, quint32(i)));
        QVERIFY(m_first->put(u"jobs"_s, u"moving/"_s + rest, contents.value(rest)));
    }
    startProgram();
    TransferJob *job = m_queue->add(std::make_unique<CopyJob>(ObjectLocation{kFirst, u"jobs"_s, u"moving/"_s},
                                                              ObjectLocation{kFirst, u"elsewhere"_s, u"moved/"_s}, true));
    QCOMPARE(job->kind(), JobKind::MoveObject);
    QVERIFY(waitFinished(job));
    QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
    QCOMPARE(job->progress().itemsDone, 12);
    QVERIFY(m_first->keys(u"jobs"_s, u"moving/"_s).isEmpty());
    QCOMPARE(m_first->keys(u"elsewhere"_s, u"moved/"_s).size(), 12);
    for (auto it = contents.cbegin(); it != contents.cend(); ++it)
        QCOMPARE(m_first->get(u"elsewhere"_s, u"moved/"_s + it.key()), it.value());
}

void TestRemoteJobs::crossConnectionCopy()
{
    const QByteArray bytes = randomBytes(11 * 1024 * 1024 + 3, 77);
    QVERIFY(m_first->put(u"jobs"_s, u"cross/big"_s, bytes));
    TransferSettings settings;
    settings.multipartThreshold = 5 * kMiB;
    settings.preferredPartSize = 5 * kMiB;
    startProgram(settings);
    TransferJob *job = m_queue->add(std::make_unique<CrossCopyJob>(ObjectLocation{kFirst, u"jobs"_s, u"cross/big"_s},
                                                                   ObjectLocation{kSecond, u"remote"_s, u"copied/big"_s}));
    QVERIFY(waitFinished(job));
    QVERIFY2(job->state() == JobState::Completed, qPrintable(job->errorMessage()));
    QCOMPARE(m_second->get(u"remote"_s, u"copied/big"_s), bytes);
    QCOMPARE(job->progress().bytesDone, qint64(bytes.size()));
}

void TestRemoteJobs::crossCopyResumesFromJournal_data()
{
    QTest::addColumn<std::optional<s3::ChecksumAlgorithm>>("sourceChecksum");
    // With CRC32C on the source (the parts' algorithm) the journal's part checksums are the
    // source's part CRCs, so the full-object comparison still happens after a resume.
    QTest::newRow("source without checksum") << std::optional<s3::ChecksumAlgorithm>();
    QTest::newRow("source CRC32C") << std::optional<s3::ChecksumAlgorithm>(s3::ChecksumAlgorithm::Crc32c);
}

void TestRemoteJobs::crossCopyResumesFromJournal()
{
    QFETCH(std::optional<s3::ChecksumAlgorithm>, sourceChecksum);
    const QString key = u"cross/resume-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
    const QByteArray bytes = randomBytes(40 * kMiB + 3, 78);
    QVERIFY(m_first->put(u"jobs"_s, key, bytes, sourceChecksum));
    TransferSettings settings;
    settings.multipartThreshold = 5 * kMiB;
    settings.preferredPartSize = 5 * kMiB; // 9 parts
    settings.partWindow = 1;
    startProgram(settings);
    TransferJob *job = m_queue->add(std::make_unique<CrossCopyJob>(ObjectLocation{kFirst, u"jobs"_s, key},
                                                                   ObjectLocation{kSecond, u"remote"_s, key}));
    const qint64 id = job->id();
    QVERIFY(id != 0);
    QVERIFY(QTest::qWaitFor([&] { return m_journal->parts(id, {}).size() >= 3; }, 60000));
    // The program dies: no cleanup beyond what destructors do, which keep the upload.
    m_queue.reset();
    m_journal.reset();
    const auto open = LocalStore::wait(m_second->client()->listMultipartUploads({.bucket = u"remote"_s}));
    QVERIFY(open && open->ok());
    QCOMPARE((*open)->uploads.size(), 1);

    startProgram(settings);
    const int kept = int(m_journal->parts(id, {}).size());
    QVERIFY(kept >= 3 && kept < 9);
    int partsSent = 0;
    QObject context;
    connect(m_second->client(), &client::S3Client::activity, &context, [&partsSent](const client::HttpActivity &record) {
        partsSent += record.method == "PUT" && record.url.contains(u"partNumber="_s);
    });
    QCOMPARE(m_queue->restore(), 1);
    TransferJob *restored = m_queue->job(id);
    QVERIFY(restored);
    QVERIFY(waitFinished(restored));
    QVERIFY2(restored->state() == JobState::Completed, qPrintable(restored->errorMessage()));
    QCOMPARE(m_second->get(u"remote"_s, key), bytes);
    QCOMPARE(partsSent, 9 - kept); // only the parts the journal did not hold
    QCOMPARE(restored->progress().bytesDone, qint64(bytes.size()));
    const auto left = LocalStore::wait(m_second->client()->listMultipartUploads({.bucket = u"remote"_s}));
    QVERIFY(left && left->ok());
    QCOMPARE((*left)->uploads.size(), 0);
    QVERIFY(m_journal->unfinishedJobs().isEmpty());
}

QTEST_GUILESS_MAIN(TestRemoteJobs)
#include "tst_remote_jobs.moc"
