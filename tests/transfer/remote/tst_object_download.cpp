// ObjectDownload against the embedded server: bytes, mtime, verification method,
// a corrupted blob rejected with no final file, and resume that fetches only the ranges
// still missing.
#include "local_store.h"

#include "transfer/remote/object_download.h"
#include "transfer/remote/part_file.h"
#include "transfer/request_slots.h"

#include <QElapsedTimer>
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

constexpr qint64 kMiB = 1024 * 1024;
const QString kBucket = u"downloads"_s;

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

Q_DECLARE_METATYPE(std::optional<coffer::s3::ChecksumAlgorithm>)

class TestObjectDownload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void downloadsAndVerifies_data();
    void downloadsAndVerifies();
    void smallListedObjectNeedsOneGet();
    void corruptedDownloadLeavesNoFile_data();
    void corruptedDownloadLeavesNoFile();
    void resumeFetchesOnlyMissingRanges();
    void changedObjectStartsOver();
    void missingObjectFailsClearly();
    void sharesTheGlobalRequestCap();
    void honoursTheBandwidthLimit_data();
    void honoursTheBandwidthLimit();

private:
    std::unique_ptr<LocalStore> m_store;
};

void TestObjectDownload::initTestCase()
{
    m_store = std::make_unique<LocalStore>();
    QVERIFY2(m_store->isRunning(), qPrintable(m_store->errorString()));
    QVERIFY(m_store->createBucket(kBucket));
}

void TestObjectDownload::downloadsAndVerifies_data()
{
    QTest::addColumn<QList<qint64>>("partSizes"); // one entry: a single PUT
    QTest::addColumn<std::optional<s3::ChecksumAlgorithm>>("checksum");
    QTest::addColumn<qint64>("rangeSize");
    QTest::addColumn<int>("method");
    using A = s3::ChecksumAlgorithm;
    const int full = int(VerifiedBy::FullObjectChecksum), md5 = int(VerifiedBy::Md5Etag), size = int(VerifiedBy::SizeOnly);
    QTest::newRow("empty object, ETag") << QList<qint64>{0} << std::optional<A>() << 64 * 1024LL << md5;
    QTest::newRow("one range, ETag") << QList<qint64>{1000} << std::optional<A>() << kMiB << md5;
    QTest::newRow("many ranges, ETag") << QList<qint64>{3 * kMiB + 123} << std::optional<A>() << 256 * 1024LL << md5;
    QTest::newRow("many ranges, CRC64NVME") << QList<qint64>{2 * kMiB + 7} << std::optional<A>(A::Crc64Nvme) << 256 * 1024LL << full;
    QTest::newRow("many ranges, SHA-256") << QList<qint64>{kMiB + 1} << std::optional<A>(A::Sha256) << 256 * 1024LL << full;
    QTest::newRow("multipart, no checksum") << QList<qint64>{5 * kMiB, 1234} << std::optional<A>() << kMiB << size;
}

void TestObjectDownload::downloadsAndVerifies()
{
    QFETCH(QList<qint64>, partSizes);
    QFETCH(std::optional<s3::ChecksumAlgorithm>, checksum);
    QFETCH(qint64, rangeSize);
    QFETCH(int, method);

    const QString key = u"verify/"_s + QString::fromLatin1(QTest::currentDataTag());
    QList<QByteArray> parts;
    QByteArray bytes;
    for (int i = 0; i < partSizes.size(); ++i) {
        parts.append(randomBytes(partSizes.at(i), quint32(i + 1) * 7919u + quint32(partSizes.at(i))));
        bytes += parts.last();
    }
    QVERIFY(parts.size() == 1 ? m_store->put(kBucket, key, bytes, checksum)
                              : m_store->putMultipart(kBucket, key, parts, checksum));
    const auto head = m_store->head(kBucket, key);
    QVERIFY(head);

    QTemporaryDir dir;
    const QString destination = dir.filePath(u"out.bin"_s);
    MemoryDownloadRecords records;
    ObjectDownload download(m_store->client(), &records, {kBucket, key, {}, destination, rangeSize, 3, 3, {}, {}});
    QSignalSpy finished(&download, &ObjectDownload::finished);
    download.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(download.state() == ObjectDownload::State::Finished, qPrintable(download.errorMessage()));

    QCOMPARE(readFile(destination), bytes);
    QVERIFY(!QFile::exists(partPathFor(destination)));
    QCOMPARE(QFileInfo(destination).lastModified().toUTC().toSecsSinceEpoch(), head->lastModified.toSecsSinceEpoch());
    QCOMPARE(int(download.verification().method), method);
    QVERIFY(download.verification().matches);
    QCOMPARE(download.bytesDone(), qint64(bytes.size()));
    QVERIFY(!records.find(destination)); // nothing left to resume
}

void TestObjectDownload::smallListedObjectNeedsOneGet()
{
    const QByteArray bytes = randomBytes(4096, 11);
    QVERIFY(m_store->put(kBucket, u"small/listed"_s, bytes, s3::ChecksumAlgorithm::Crc32c));
    const auto head = m_store->head(kBucket, u"small/listed"_s);
    QVERIFY(head);

    QTemporaryDir dir;
    const QString destination = dir.filePath(u"small"_s);
    MemoryDownloadRecords records;
    QList<QByteArray> methods;
    QObject context;
    QObject::connect(m_store->client(), &client::S3Client::activity, &context,
                     [&methods](const client::HttpActivity &record) { methods.append(record.method); });
    ObjectDownload download(m_store->client(), &records,
                            {kBucket, u"small/listed"_s, {}, destination, kMiB, 4, 3, qint64(bytes.size()), head->etag});
    QSignalSpy finished(&download, &ObjectDownload::finished);
    download.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(download.state() == ObjectDownload::State::Finished, qPrintable(download.errorMessage()));
    QCOMPARE(readFile(destination), bytes);
    QCOMPARE(methods, QList<QByteArray>{"GET"});
    // The unranged GET carried the stored checksum, so the content was verified by it.
    QCOMPARE(download.verification().method, VerifiedBy::FullObjectChecksum);
}

void TestObjectDownload::corruptedDownloadLeavesNoFile_data()
{
    QTest::addColumn<std::optional<s3::ChecksumAlgorithm>>("checksum");
    QTest::newRow("checked by ETag") << std::optional<s3::ChecksumAlgorithm>();
    QTest::newRow("checked by CRC64NVME") << std::optional<s3::ChecksumAlgorithm>(s3::ChecksumAlgorithm::Crc64Nvme);
}

void TestObjectDownload::corruptedDownloadLeavesNoFile()
{
    QFETCH(std::optional<s3::ChecksumAlgorithm>, checksum);
    const QString key = u"corrupt/"_s + QString::fromLatin1(QTest::currentDataTag());
    const QByteArray bytes = randomBytes(kMiB + 333, checksum ? 21 : 22);
    QVERIFY(m_store->put(kBucket, key, bytes, checksum));
    // A disk fault on the server: the stored bytes no longer match their digests.
    QVERIFY(m_store->corruptBlob(bytes, 700 * 1024));

    QTemporaryDir dir;
    const QString destination = dir.filePath(u"corrupt.bin"_s);
    MemoryDownloadRecords records;
    ObjectDownload download(m_store->client(), &records, {kBucket, key, {}, destination, 256 * 1024, 4, 3, {}, {}});
    QSignalSpy finished(&download, &ObjectDownload::finished);
    download.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(download.state(), ObjectDownload::State::Failed);
    QCOMPARE(download.error().kind, s3::S3Error::Kind::Integrity);
    QVERIFY2(download.errorMessage().contains(u"does not match"_s), qPrintable(download.errorMessage()));
    QVERIFY(!QFile::exists(destination));
    QVERIFY(!QFile::exists(partPathFor(destination)));
    QVERIFY(!records.find(destination));
}

void TestObjectDownload::resumeFetchesOnlyMissingRanges()
{
    const qint64 rangeSize = 256 * 1024;
    const QByteArray bytes = randomBytes(16 * rangeSize + 99, 31);
    QVERIFY(m_store->put(kBucket, u"resume/big"_s, bytes));
    QTemporaryDir dir;
    const QString destination = dir.filePath(u"big.bin"_s);
    MemoryDownloadRecords records;
    const ObjectDownloadRequest request{kBucket, u"resume/big"_s, {}, destination, rangeSize, 1, 3, {}, {}};

    int finishedBefore = 0;
    {
        auto first = std::make_unique<ObjectDownload>(m_store->client(), &records, request);
        first->start();
        QTRY_VERIFY_WITH_TIMEOUT(records.find(destination) && records.find(destination)->finishedRanges.size() >= 4, 30000);
        finishedBefore = int(records.find(destination)->finishedRanges.size());
        // Destroyed mid-download, as when the app quits: the .part and the record stay.
    }
    QVERIFY(QFile::exists(partPathFor(destination)));
    QVERIFY(!QFile::exists(destination));
    const int recorded = int(records.find(destination)->finishedRanges.size());
    QVERIFY(recorded >= finishedBefore);

    qint64 rangedBytes = 0;
    int rangedGets = 0;
    QObject context;
    QObject::connect(m_store->client(), &client::S3Client::activity, &context,
                     [&](const client::HttpActivity &record) {
                         if (record.method == "GET") {
                             ++rangedGets;
                             rangedBytes += record.bytesReceived;
                         }
                     });
    ObjectDownload second(m_store->client(), &records, request);
    QSignalSpy finished(&second, &ObjectDownload::finished);
    second.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(second.state() == ObjectDownload::State::Finished, qPrintable(second.errorMessage()));
    QCOMPARE(readFile(destination), bytes);
    QCOMPARE(second.rangesResumed(), recorded);
    const int totalRanges = 17;
    QCOMPARE(rangedGets, totalRanges - recorded);
    QCOMPARE(second.bytesFetched(), qint64(bytes.size()) - qint64(recorded) * rangeSize);
    QCOMPARE(rangedBytes, second.bytesFetched());
}

void TestObjectDownload::changedObjectStartsOver()
{
    const qint64 rangeSize = 256 * 1024;
    const QByteArray before = randomBytes(8 * rangeSize, 41);
    const QByteArray after = randomBytes(8 * rangeSize, 42);
    QVERIFY(m_store->put(kBucket, u"resume/changed"_s, before));
    QTemporaryDir dir;
    const QString destination = dir.filePath(u"changed.bin"_s);
    MemoryDownloadRecords records;
    const ObjectDownloadRequest request{kBucket, u"resume/changed"_s, {}, destination, rangeSize, 1, 3, {}, {}};
    {
        ObjectDownload first(m_store->client(), &records, request);
        first.start();
        QTRY_VERIFY_WITH_TIMEOUT(records.find(destination) && records.find(destination)->finishedRanges.size() >= 2, 30000);
    }
    QVERIFY(m_store->put(kBucket, u"resume/changed"_s, after));

    ObjectDownload second(m_store->client(), &records, request);
    QSignalSpy finished(&second, &ObjectDownload::finished);
    second.start();
    QVERIFY(finished.wait(30000));
    QVERIFY2(second.state() == ObjectDownload::State::Finished, qPrintable(second.errorMessage()));
    QCOMPARE(second.rangesResumed(), 0);
    QCOMPARE(readFile(destination), after);
}

void TestObjectDownload::missingObjectFailsClearly()
{
    QTemporaryDir dir;
    const QString destination = dir.filePath(u"none"_s);
    MemoryDownloadRecords records;
    ObjectDownload download(m_store->client(), &records, {kBucket, u"no/such/key"_s, {}, destination, kMiB, 2, 3, {}, {}});
    QSignalSpy finished(&download, &ObjectDownload::finished);
    download.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(download.state(), ObjectDownload::State::Failed);
    QCOMPARE(download.error().httpStatus, 404);
    QVERIFY(!download.errorMessage().isEmpty());
    QVERIFY(!QFile::exists(destination));
    QVERIFY(!QFile::exists(partPathFor(destination)));
}

void TestObjectDownload::sharesTheGlobalRequestCap()
{
    const qint64 rangeSize = 128 * 1024;
    const QByteArray bytes = randomBytes(10 * rangeSize, 51);
    QVERIFY(m_store->put(kBucket, u"slots/one"_s, bytes));
    QTemporaryDir dir;
    RequestSlots gate(2);
    MemoryDownloadRecords records;
    int mostInUse = 0;
    std::vector<std::unique_ptr<ObjectDownload>> downloads;
    for (int i = 0; i < 3; ++i) {
        auto download = std::make_unique<ObjectDownload>(
            m_store->client(), &records,
            ObjectDownloadRequest{kBucket, u"slots/one"_s, {}, dir.filePath(u"copy%1"_s.arg(i)), rangeSize, 4, 3, {}, {}});
        download->setRequestSlots(&gate);
        connect(download.get(), &ObjectDownload::progress, this, [&] { mostInUse = qMax(mostInUse, gate.inUse()); });
        downloads.push_back(std::move(download));
    }
    for (auto &download : downloads)
        download->start();
    // The third is canceled while it waits or runs: its slots must come back.
    QTRY_VERIFY_WITH_TIMEOUT(downloads[2]->bytesDone() > 0 || gate.waiting() > 0, 30000);
    downloads[2]->cancel();
    const bool bothDone = QTest::qWaitFor([&] {
        return downloads[0]->state() == ObjectDownload::State::Finished && downloads[1]->state() == ObjectDownload::State::Finished;
    }, 30000);
    QVERIFY2(bothDone, qPrintable(u"states %1 %2, %3 %4, slots in use %5, waiting %6"_s
                                       .arg(int(downloads[0]->state())).arg(int(downloads[1]->state()))
                                       .arg(downloads[0]->errorMessage(), downloads[1]->errorMessage())
                                       .arg(gate.inUse()).arg(gate.waiting())));
    QCOMPARE(downloads[2]->state(), ObjectDownload::State::Canceled);
    QVERIFY(mostInUse <= 2);
    QVERIFY(mostInUse >= 1);
    QTRY_COMPARE(gate.inUse(), 0);
    QCOMPARE(readFile(dir.filePath(u"copy0"_s)), bytes);
    QCOMPARE(readFile(dir.filePath(u"copy1"_s)), bytes);
}

void TestObjectDownload::honoursTheBandwidthLimit_data()
{
    QTest::addColumn<qint64>("limit"); // bytes per second, 0: none
    QTest::newRow("unlimited") << qint64(0);
    QTest::newRow("4 MiB/s") << 4 * kMiB;
}

void TestObjectDownload::honoursTheBandwidthLimit()
{
    QFETCH(qint64, limit);
    const qint64 rangeSize = 256 * 1024;
    const QByteArray bytes = randomBytes(8 * rangeSize, 61);
    QVERIFY(m_store->put(kBucket, u"paced/one"_s, bytes));
    QTemporaryDir dir;
    BandwidthLimiter limiter(limit);
    MemoryDownloadRecords records;
    ObjectDownload download(m_store->client(), &records,
                            {kBucket, u"paced/one"_s, {}, dir.filePath(u"paced"_s), rangeSize, 4, 3, {}, {}});
    download.setBandwidthLimiter(&limiter);
    QSignalSpy finished(&download, &ObjectDownload::finished);
    QElapsedTimer clock;
    clock.start();
    download.start();
    QVERIFY(finished.wait(30000));
    const qint64 elapsedMs = clock.elapsed();
    QVERIFY2(download.state() == ObjectDownload::State::Finished, qPrintable(download.errorMessage()));
    QCOMPARE(readFile(dir.filePath(u"paced"_s)), bytes);
    // Every byte fetched went through the limiter's accounting.
    QCOMPARE(limiter.bytesGranted(), qint64(bytes.size()));
    if (limit > 0) {
        // Only a lower bound (a slow machine only makes it longer): the first range starts
        // at once, each further one only after the limit paid for the one before.
        const qint64 leastMs = (qint64(bytes.size()) - rangeSize) * 1000 / limit;
        QVERIFY2(elapsedMs >= leastMs * 9 / 10, qPrintable(u"%1 ms for %2 bytes"_s.arg(elapsedMs).arg(bytes.size())));
    }
}

QTEST_GUILESS_MAIN(TestObjectDownload)
#include "tst_object_download.moc"
