// CrossCopy between two embedded servers (two stores, two key pairs' worth of clients):
// single request and multipart, bytes compared, memory bounded by window x part size.
#include "local_store.h"

#include "transfer/remote/cross_copy.h"
#include "transfer/request_slots.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::transfer;
using coffer::transfer::testing::LocalStore;

Q_DECLARE_METATYPE(std::optional<coffer::s3::ChecksumAlgorithm>)

class TestCrossCopy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void copiesBetweenServers_data();
    void copiesBetweenServers();
    void missingSourceFailsAndLeavesNothing();
    void partsTakeGlobalRequestSlots();

private:
    std::unique_ptr<LocalStore> m_a;
    std::unique_ptr<LocalStore> m_b;
};

void TestCrossCopy::initTestCase()
{
    m_a = std::make_unique<LocalStore>();
    m_b = std::make_unique<LocalStore>();
    QVERIFY2(m_a->isRunning(), qPrintable(m_a->errorString()));
    QVERIFY2(m_b->isRunning(), qPrintable(m_b->errorString()));
    QVERIFY(m_a->port() != m_b->port());
    QVERIFY(m_a->createBucket(u"source"_s));
    QVERIFY(m_b->createBucket(u"target"_s));
}

void TestCrossCopy::copiesBetweenServers_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<std::optional<s3::ChecksumAlgorithm>>("sourceChecksum");
    QTest::addColumn<int>("parts"); // 1: single request
    using A = s3::ChecksumAlgorithm;
    const qint64 mib = 1024 * 1024;
    QTest::newRow("empty") << 0LL << std::optional<A>() << 1;
    QTest::newRow("single request") << 3 * mib + 1 << std::optional<A>() << 1;
    QTest::newRow("multipart") << 23 * mib + 17 << std::optional<A>() << 5;
    QTest::newRow("multipart, source CRC64NVME") << 16 * mib << std::optional<A>(A::Crc64Nvme) << 4;
}

void TestCrossCopy::copiesBetweenServers()
{
    QFETCH(qint64, size);
    QFETCH(std::optional<s3::ChecksumAlgorithm>, sourceChecksum);
    QFETCH(int, parts);
    const QString key = u"obj/"_s + QString::fromLatin1(QTest::currentDataTag());
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator(quint32(size)).fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    QVERIFY(m_a->put(u"source"_s, key, bytes, sourceChecksum));

    CrossCopyRequest request;
    request.sourceBucket = u"source"_s;
    request.sourceKey = key;
    request.bucket = u"target"_s;
    request.key = key;
    request.multipartThreshold = 8 * 1024 * 1024;
    request.preferredPartSize = 5 * 1024 * 1024;
    request.window = 2;
    CrossCopy copy(m_a->client(), m_b->client(), request);
    QSignalSpy finished(&copy, &CrossCopy::finished);
    copy.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(copy.state() == CrossCopy::State::Finished, qPrintable(copy.errorMessage()));
    QCOMPARE(copy.plan()->partCount, parts);
    QCOMPARE(m_b->get(u"target"_s, key), bytes);
    QVERIFY(!copy.verification().isEmpty());
    if (parts > 1)
        QVERIFY(copy.peakBufferedBytes() <= request.window * copy.plan()->partSize);
    if (sourceChecksum)
        QVERIFY2(copy.verification().contains(u"CRC64NVME"_s), qPrintable(copy.verification()));
}

void TestCrossCopy::missingSourceFailsAndLeavesNothing()
{
    CrossCopyRequest request;
    request.sourceBucket = u"source"_s;
    request.sourceKey = u"no/such"_s;
    request.bucket = u"target"_s;
    request.key = u"never"_s;
    CrossCopy copy(m_a->client(), m_b->client(), request);
    QSignalSpy finished(&copy, &CrossCopy::finished);
    copy.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(copy.state(), CrossCopy::State::Failed);
    QCOMPARE(copy.error().httpStatus, 404);
    QVERIFY(!m_b->head(u"target"_s, u"never"_s));
}

void TestCrossCopy::partsTakeGlobalRequestSlots()
{
    const QByteArray bytes(12 * 1024 * 1024 + 5, 'x');
    QVERIFY(m_a->put(u"source"_s, u"slots/obj"_s, bytes));
    RequestSlots gate(1);
    int parts = 0;
    int heldDuringParts = 0;
    int mostInUse = 0;
    QObject context;
    // Sampled as each UploadPart is answered, before its part gives the slot back.
    connect(m_b->client(), &client::S3Client::activity, &context, [&](const client::HttpActivity &record) {
        if (record.method == "PUT" && record.url.contains(u"partNumber="_s)) {
            ++parts;
            heldDuringParts += gate.inUse() > 0;
            mostInUse = qMax(mostInUse, gate.inUse());
        }
    });
    CrossCopyRequest request;
    request.sourceBucket = u"source"_s;
    request.sourceKey = u"slots/obj"_s;
    request.bucket = u"target"_s;
    request.key = u"slots/obj"_s;
    request.multipartThreshold = 5 * 1024 * 1024;
    request.preferredPartSize = 5 * 1024 * 1024;
    request.window = 3;
    CrossCopy copy(m_a->client(), m_b->client(), request);
    copy.setRequestSlots(&gate);
    QSignalSpy finished(&copy, &CrossCopy::finished);
    copy.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(copy.state() == CrossCopy::State::Finished, qPrintable(copy.errorMessage()));
    QCOMPARE(parts, 3);
    QCOMPARE(heldDuringParts, parts);
    QCOMPARE(mostInUse, 1); // the gate's cap, though the copy's own window is 3
    QCOMPARE(copy.peakBufferedBytes(), 5 * 1024 * 1024); // one part at a time
    QCOMPARE(gate.inUse(), 0);
    QCOMPARE(m_b->get(u"target"_s, u"slots/obj"_s), bytes);
}

QTEST_GUILESS_MAIN(TestCrossCopy)
#include "tst_cross_copy.moc"
