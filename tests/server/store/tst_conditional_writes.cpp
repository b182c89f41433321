// If-None-Match / If-Match, checked when a write begins and again inside its commit, and
// the group committer under concurrent writers.
#include "store_fixture.h"

#include <QRandomGenerator>

#include <atomic>
#include <barrier>
#include <thread>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using coffer::server::testing::TempStore;
using coffer::server::testing::readWhole;

class TestConditionalWrites : public QObject
{
    Q_OBJECT

private slots:
    void preconditions_data();
    void preconditions();
    void changedWhileUploading();
    void ifNoneMatchRace_data();
    void ifNoneMatchRace();
    void concurrentWritersAreBatched();
};

void TestConditionalWrites::preconditions_data()
{
    QTest::addColumn<bool>("exists");
    QTest::addColumn<bool>("ifNoneMatchAny");
    QTest::addColumn<QString>("ifMatch"); // "@" stands for the current ETag
    QTest::addColumn<StoreError::Code>("expected");
    using C = StoreError::Code;
    QTest::newRow("none-match *, absent") << false << true << QString() << C::None;
    QTest::newRow("none-match *, present") << true << true << QString() << C::PreconditionFailed;
    QTest::newRow("if-match, same etag") << true << false << u"@"_s << C::None;
    QTest::newRow("if-match, unquoted etag") << true << false << u"@unquoted"_s << C::None;
    QTest::newRow("if-match, other etag") << true << false << u"\"0123\""_s << C::PreconditionFailed;
    QTest::newRow("if-match, absent") << false << false << u"\"0123\""_s << C::NoSuchKey;
    QTest::newRow("unconditional, present") << true << false << QString() << C::None;
}

void TestConditionalWrites::preconditions()
{
    QFETCH(bool, exists);
    QFETCH(bool, ifNoneMatchAny);
    QFETCH(QString, ifMatch);
    QFETCH(StoreError::Code, expected);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QString etag;
    if (exists)
        etag = s->putObject(u"b"_s, "k", {}, "old").value().etag;
    PutRequest request;
    request.conditions.ifNoneMatchAny = ifNoneMatchAny;
    if (ifMatch == u"@"_s)
        ifMatch = etag;
    else if (ifMatch == u"@unquoted"_s)
        ifMatch = etag.mid(1, etag.size() - 2);
    request.conditions.ifMatch = ifMatch;
    StoreResult<ObjectRecord> result = s->putObject(u"b"_s, "k", request, "new");
    QCOMPARE(result.ok() ? StoreError::Code::None : result.error().code(), expected);
    if (result.ok() || exists)
        QCOMPARE(readWhole(*s.store, u"b"_s, "k"), QByteArray(result.ok() ? "new" : "old"));
    else
        QCOMPARE(s->headObject(u"b"_s, "k").error().code(), StoreError::Code::NoSuchKey);
    if (expected == StoreError::Code::PreconditionFailed)
        QCOMPARE(result.error().httpStatus(), 412);
}

void TestConditionalWrites::changedWhileUploading()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString etag = s->putObject(u"b"_s, "k", {}, "v1").value().etag;
    PutRequest request;
    request.conditions.ifMatch = etag;
    auto upload = s->beginPut(u"b"_s, "k", request);
    QVERIFY(upload.ok()); // holds now
    QVERIFY(s->putObject(u"b"_s, "k", {}, "v2 from someone else").ok());
    QVERIFY(!upload.value()->write(QByteArray(100000, 'x')).isError()); // a blob file
    const StoreError error = upload.value()->commit().error();
    QCOMPARE(error.code(), StoreError::Code::Conflict);
    QCOMPARE(error.s3Code(), "ConditionalRequestConflict"_L1);
    QCOMPARE(error.httpStatus(), 409);
    QCOMPARE(readWhole(*s.store, u"b"_s, "k"), QByteArray("v2 from someone else"));
    QCOMPARE(s.blobFileCount(), 0); // the loser's blob is gone
}

void TestConditionalWrites::ifNoneMatchRace_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<qsizetype>("bodySize");
    QTest::newRow("8 inline") << 8 << qsizetype(1000);
    QTest::newRow("6 blobs") << 6 << qsizetype(200000);
}

void TestConditionalWrites::ifNoneMatchRace()
{
    QFETCH(int, threads);
    QFETCH(qsizetype, bodySize);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    for (int round = 0; round < 5; ++round) {
        const QByteArray key = "race" + QByteArray::number(round);
        std::barrier allBegun(threads);
        std::atomic<int> wins{0};
        std::atomic<int> conflicts{0};
        std::atomic<int> others{0};
        std::atomic<int> winner{-1};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                PutRequest request;
                request.conditions.ifNoneMatchAny = true;
                auto upload = s->beginPut(u"b"_s, key, request);
                allBegun.arrive_and_wait(); // every writer saw the key absent
                if (!upload.ok()) {
                    ++others;
                    return;
                }
                upload.value()->write(QByteArray(bodySize, char('a' + t)));
                StoreResult<ObjectRecord> result = upload.value()->commit();
                if (result.ok()) {
                    ++wins;
                    winner = t;
                } else if (result.error().code() == StoreError::Code::Conflict) {
                    ++conflicts;
                } else {
                    ++others;
                }
            });
        }
        for (std::thread &worker : workers)
            worker.join();
        QCOMPARE(wins.load(), 1);
        QCOMPARE(conflicts.load(), threads - 1);
        QCOMPARE(others.load(), 0);
        QCOMPARE(readWhole(*s.store, u"b"_s, key), QByteArray(bodySize, char('a' + winner.load())));
        // A late writer that starts after the winner fails at once.
        PutRequest late;
        late.conditions.ifNoneMatchAny = true;
        QCOMPARE(s->beginPut(u"b"_s, key, late).error().code(), StoreError::Code::PreconditionFailed);
    }
    QCOMPARE(s.blobFileCount(), bodySize > s->options().inlineLimit ? 5 : 0);
}

void TestConditionalWrites::concurrentWritersAreBatched()
{
    // On the real disk (not /dev/shm): batching is what hides the fsync cost there.
    QTemporaryDir dir;
    StoreOptions options;
    options.directory = dir.path();
    auto opened = ObjectStore::open(options);
    QVERIFY(opened.ok());
    const std::unique_ptr<ObjectStore> s = std::move(opened.value());
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const quint64 before = s->commitBatches();
    constexpr int kThreads = 16;
    constexpr int kEach = 40;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const QByteArray key = "t" + QByteArray::number(t) + "/" + QByteArray::number(i);
                if (!s->putObject(u"b"_s, key, {}, key).ok())
                    ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(failures.load(), 0);
    const quint64 batches = s->commitBatches() - before;
    qInfo("%d PUTs from %d threads in %llu commits", kThreads * kEach, kThreads,
          static_cast<unsigned long long>(batches));
    QVERIFY2(batches < quint64(kThreads * kEach), qPrintable(QString::number(batches)));
    ListRequest request;
    QCOMPARE(s->listObjects(u"b"_s, request)->objects.size(), 640);
    QCOMPARE(readWhole(*s, u"b"_s, "t15/39"), QByteArray("t15/39"));
}

QTEST_GUILESS_MAIN(TestConditionalWrites)
#include "tst_conditional_writes.moc"
