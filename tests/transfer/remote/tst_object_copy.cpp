// ObjectCopy against the embedded server: CopyObject and the UploadPartCopy path (the
// single-copy limit lowered so a 12 MiB object takes it), across buckets, metadata kept,
// and a move that deletes the source only after the copy was verified.
#include "local_store.h"

#include "transfer/remote/object_copy.h"
#include "transfer/request_slots.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::transfer;
using coffer::transfer::testing::LocalStore;

namespace {

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

class TestObjectCopy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void copies_data();
    void copies();
    void moveKeepsSourceWhenCopyFails();
    void partsTakeGlobalRequestSlots();

private:
    std::unique_ptr<LocalStore> m_store;
};

void TestObjectCopy::initTestCase()
{
    m_store = std::make_unique<LocalStore>();
    QVERIFY2(m_store->isRunning(), qPrintable(m_store->errorString()));
    QVERIFY(m_store->createBucket(u"copy-from"_s));
    QVERIFY(m_store->createBucket(u"copy-to"_s));
}

void TestObjectCopy::copies_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("maxSingleCopy");
    QTest::addColumn<QString>("targetBucket");
    QTest::addColumn<bool>("move");
    QTest::addColumn<int>("expectedParts"); // 0: CopyObject
    const qint64 mib = 1024 * 1024;
    QTest::newRow("CopyObject, same bucket") << 3 * mib << 5 * 1024 * mib << u"copy-from"_s << false << 0;
    QTest::newRow("CopyObject, across buckets, move") << 1000LL << 5 * 1024 * mib << u"copy-to"_s << true << 0;
    QTest::newRow("UploadPartCopy, across buckets") << 12 * mib + 5 << 8 * mib << u"copy-to"_s << false << 3;
    QTest::newRow("UploadPartCopy, move") << 11 * mib << 8 * mib << u"copy-from"_s << true << 3;
}

void TestObjectCopy::copies()
{
    QFETCH(qint64, size);
    QFETCH(qint64, maxSingleCopy);
    QFETCH(QString, targetBucket);
    QFETCH(bool, move);
    QFETCH(int, expectedParts);
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    const QString sourceKey = u"src/"_s + tag;
    const QString targetKey = u"dst/"_s + tag;
    const QByteArray bytes = randomBytes(size, quint32(size));
    QVERIFY(m_store->put(u"copy-from"_s, sourceKey, bytes));

    ObjectCopyRequest request;
    request.source = {u"copy-from"_s, sourceKey, {}};
    request.bucket = targetBucket;
    request.key = targetKey;
    request.deleteSource = move;
    request.preferredPartSize = 5 * 1024 * 1024;
    request.limits.maxSingleCopy = maxSingleCopy;
    ObjectCopy copy(m_store->client(), request);
    QSignalSpy finished(&copy, &ObjectCopy::finished);
    copy.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(copy.state() == ObjectCopy::State::Finished, qPrintable(copy.errorMessage()));
    QCOMPARE(copy.plan()->isMultipart(), expectedParts > 0);
    if (expectedParts > 0)
        QCOMPARE(copy.plan()->partCount, expectedParts);
    QVERIFY(!copy.verification().isEmpty());

    QCOMPARE(m_store->get(targetBucket, targetKey), bytes);
    QCOMPARE(m_store->head(u"copy-from"_s, sourceKey).has_value(), !move);
    QCOMPARE(copy.bytesDone(), size);
}

void TestObjectCopy::moveKeepsSourceWhenCopyFails()
{
    QVERIFY(m_store->put(u"copy-from"_s, u"keep/me"_s, "precious"));
    ObjectCopyRequest request;
    request.source = {u"copy-from"_s, u"keep/me"_s, {}};
    request.bucket = u"no-such-bucket"_s;
    request.key = u"x"_s;
    request.deleteSource = true;
    ObjectCopy copy(m_store->client(), request);
    QSignalSpy finished(&copy, &ObjectCopy::finished);
    copy.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(copy.state(), ObjectCopy::State::Failed);
    QVERIFY(!copy.errorMessage().isEmpty());
    QCOMPARE(m_store->get(u"copy-from"_s, u"keep/me"_s), QByteArray("precious"));
}

void TestObjectCopy::partsTakeGlobalRequestSlots()
{
    const QByteArray bytes = randomBytes(12 * 1024 * 1024, 99);
    QVERIFY(m_store->put(u"copy-from"_s, u"slots/src"_s, bytes));
    RequestSlots gate(1);
    // Sampled as each UploadPartCopy is answered, before its part gives the slot back.
    int partCopies = 0;
    int heldDuringCopies = 0;
    QObject context;
    connect(m_store->client(), &client::S3Client::activity, &context, [&](const client::HttpActivity &record) {
        if (record.method == "PUT" && record.url.contains(u"partNumber="_s)) {
            ++partCopies;
            heldDuringCopies += gate.inUse() > 0;
        }
    });
    std::vector<std::unique_ptr<ObjectCopy>> copies;
    for (int i = 0; i < 2; ++i) {
        ObjectCopyRequest request;
        request.source = {u"copy-from"_s, u"slots/src"_s, {}};
        request.bucket = u"copy-from"_s;
        request.key = u"slots/dst%1"_s.arg(i);
        request.preferredPartSize = 5 * 1024 * 1024;
        request.limits.maxSingleCopy = 5 * 1024 * 1024; // 3 parts each
        request.window = 3;
        copies.push_back(std::make_unique<ObjectCopy>(m_store->client(), request));
        copies.back()->setRequestSlots(&gate);
    }
    for (auto &copy : copies)
        copy->start();
    QTRY_VERIFY_WITH_TIMEOUT(copies[0]->state() == ObjectCopy::State::Finished
                                 && copies[1]->state() == ObjectCopy::State::Finished, 60000);
    QCOMPARE(partCopies, 6);
    QCOMPARE(heldDuringCopies, partCopies); // every part held a slot while on the wire
    QCOMPARE(gate.inUse(), 0);              // and gave it back
    QCOMPARE(m_store->get(u"copy-from"_s, u"slots/dst0"_s), bytes);
    QCOMPARE(m_store->get(u"copy-from"_s, u"slots/dst1"_s), bytes);
}

QTEST_GUILESS_MAIN(TestObjectCopy)
#include "tst_object_copy.moc"
