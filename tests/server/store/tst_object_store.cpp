// Buckets, single-object writes and reads (inline and blob), ranges, copy, delete, sweep.
#include "store_fixture.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using coffer::server::testing::TempStore;
using coffer::server::testing::readWhole;

class TestObjectStore : public QObject
{
    Q_OBJECT

private slots:
    void bucketLifecycle();
    void bucketDocuments();
    void roundTrip_data();
    void roundTrip();
    void oddKeys_data();
    void oddKeys();
    void ranges_data();
    void ranges();
    void narrowedRead_data();
    void narrowedRead();
    void replaceFreesOldBlob();
    void copySharesBytes();
    void checksumsAndDigests();
    void readerSurvivesConcurrentDelete();
    void sweepRemovesOrphans();
    void lifecycleQueries();
    void deleteBucketTakesUploads();
    void deleteObjectsInOneCommit();
};

static QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

void TestObjectStore::bucketLifecycle()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b1"_s, u"auto"_s).isError());
    QCOMPARE(s->createBucket(u"b1"_s, u"auto"_s).code(), StoreError::Code::BucketAlreadyExists);
    QCOMPARE(s->bucket(u"b1"_s)->region, u"auto"_s);
    QCOMPARE(s->bucket(u"nope"_s).error().code(), StoreError::Code::NoSuchBucket);
    QVERIFY(s->putObject(u"b1"_s, "k", {}, "x").ok());
    const StoreError notEmpty = s->deleteBucket(u"b1"_s);
    QCOMPARE(notEmpty.code(), StoreError::Code::BucketNotEmpty);
    QCOMPARE(notEmpty.s3Code(), "BucketNotEmpty"_L1);
    QCOMPARE(notEmpty.httpStatus(), 409);
    QCOMPARE(s->putObject(u"nope"_s, "k", {}, "x").error().code(), StoreError::Code::NoSuchBucket);
    QVERIFY(!s->deleteObject(u"b1"_s, "k").isError());
    QVERIFY(!s->deleteBucket(u"b1"_s).isError());
    QVERIFY(s->listBuckets()->isEmpty());
}

void TestObjectStore::bucketDocuments()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray cors = "<CORSConfiguration><CORSRule/></CORSConfiguration>";
    QVERIFY(!s->setBucketDocument(u"b"_s, BucketDocument::Cors, cors).isError());
    QCOMPARE(s->bucketDocument(u"b"_s, BucketDocument::Cors).value(), cors);
    QVERIFY(s->bucketDocument(u"b"_s, BucketDocument::Policy)->isEmpty());
    QVERIFY(!s->setBucketDocument(u"b"_s, BucketDocument::Cors, {}).isError());
    QVERIFY(s->bucketDocument(u"b"_s, BucketDocument::Cors)->isEmpty());
    QCOMPARE(s->isBucketPublic(u"b"_s).value(), false);
    QVERIFY(!s->setBucketPublic(u"b"_s, true).isError());
    QCOMPARE(s->isBucketPublic(u"b"_s).value(), true);
    QCOMPARE(s->bucketDocument(u"x"_s, BucketDocument::Lifecycle).error().code(),
             StoreError::Code::NoSuchBucket);
}

void TestObjectStore::roundTrip_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("inlined"); // expected to live in the row (no blob file)
    QTest::newRow("empty") << qsizetype(0) << true;
    QTest::newRow("small") << qsizetype(4096) << true;
    QTest::newRow("at limit") << qsizetype(64 * 1024) << true;
    QTest::newRow("over limit") << qsizetype(64 * 1024 + 1) << false;
    QTest::newRow("3 MiB") << qsizetype(3 * 1024 * 1024 + 7) << false;
}

void TestObjectStore::roundTrip()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, inlined);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray body = randomBytes(size, quint32(size));
    PutRequest request;
    request.metadata.contentType = u"application/x-test"_s;
    request.metadata.userMetadata = {{u"colour"_s, u"blue"_s}};
    StoreResult<std::unique_ptr<ObjectUpload>> upload = s->beginPut(u"b"_s, "obj", request);
    QVERIFY(upload.ok());
    for (qsizetype at = 0; at < body.size(); at += 100000)
        QVERIFY(!upload.value()->write(QByteArrayView(body).sliced(at, qMin<qsizetype>(100000, body.size() - at))).isError());
    StoreResult<ObjectRecord> record = upload.value()->commit();
    QVERIFY2(record.ok(), qPrintable(record.error().message()));
    const QString md5 = QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Md5).toHex());
    QCOMPARE(record->etag, u'"' + md5 + u'"');
    QCOMPARE(s.blobFileCount(), inlined ? 0 : 1);

    StoreResult<ObjectRecord> head = s->headObject(u"b"_s, "obj");
    QVERIFY(head.ok());
    QCOMPARE(head->size, size);
    QCOMPARE(head->etag, record->etag);
    QCOMPARE(head->metadata, request.metadata);
    QCOMPARE(readWhole(*s.store, u"b"_s, "obj"), body);
}

void TestObjectStore::oddKeys_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("a") << QByteArray("a");
    QTest::newRow("a/b") << QByteArray("a/b");
    QTest::newRow("a//b") << QByteArray("a//b");
    QTest::newRow("..") << QByteArray("..");
    QTest::newRow("../x") << QByteArray("../x");
    QTest::newRow("%2F") << QByteArray("%2F");
    QTest::newRow("trailing slash") << QByteArray("dir/");
    QTest::newRow("space and plus") << QByteArray("a b+c");
    QTest::newRow("1024 bytes") << QByteArray(1024, 'k');
    QTest::newRow("emoji") << QString::fromUtf8("\xF0\x9F\x98\x80/\xF0\x9F\x8E\x89").toUtf8();
    QTest::newRow("newline") << QByteArray("line\nbreak");
    QTest::newRow("high byte") << QByteArray("\xff\xfe");
    QTest::newRow("nul inside") << QByteArray("a\0b", 3);
}

void TestObjectStore::oddKeys()
{
    QFETCH(QByteArray, key);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    // Neighbours that must not be confused with the key.
    const QList<QByteArray> neighbours = {key + '/', key + "x", QByteArray("a"), QByteArray("a/")};
    for (const QByteArray &k : neighbours)
        if (k.size() <= 1024)
            QVERIFY(s->putObject(u"b"_s, k, {}, QByteArray("n:" + k)).ok());
    QVERIFY(s->putObject(u"b"_s, key, {}, QByteArray("value of " + key)).ok());
    QCOMPARE(readWhole(*s.store, u"b"_s, key), "value of " + key);
    QCOMPARE(s->headObject(u"b"_s, key)->key, key);

    ListRequest all;
    StoreResult<ListResult> listing = s->listObjects(u"b"_s, all);
    QVERIFY(listing.ok());
    QList<QByteArray> listed;
    for (const ObjectSummary &o : listing->objects)
        listed.append(o.key);
    QList<QByteArray> expected = {key};
    for (const QByteArray &k : neighbours)
        if (k.size() <= 1024)
            expected.append(k);
    std::sort(expected.begin(), expected.end()); // QByteArray orders bytewise (unsigned)
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    QCOMPARE(listed, expected);
    QVERIFY(!s->deleteObject(u"b"_s, key).isError());
    QCOMPARE(s->headObject(u"b"_s, key).error().code(), StoreError::Code::NoSuchKey);
    // One byte more than S3 allows is refused with a clear message.
    const StoreError tooLong = s->putObject(u"b"_s, QByteArray(1025, 'k'), {}, "x").error();
    QCOMPARE(tooLong.code(), StoreError::Code::InvalidArgument);
    QVERIFY(tooLong.message().contains(u"1,024"_s));
}

void TestObjectStore::ranges_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<qint64>("suffix");
    QTest::addColumn<qint64>("wantOffset"); // -1: unsatisfiable
    QTest::addColumn<qint64>("wantLength");
    QTest::newRow("inline middle") << qsizetype(1000) << qint64(10) << qint64(19) << qint64(-1) << qint64(10) << qint64(10);
    QTest::newRow("inline open end") << qsizetype(1000) << qint64(990) << qint64(-1) << qint64(-1) << qint64(990) << qint64(10);
    QTest::newRow("inline suffix") << qsizetype(1000) << qint64(0) << qint64(-1) << qint64(5) << qint64(995) << qint64(5);
    QTest::newRow("last past end") << qsizetype(1000) << qint64(500) << qint64(5000) << qint64(-1) << qint64(500) << qint64(500);
    QTest::newRow("start past end") << qsizetype(1000) << qint64(1000) << qint64(-1) << qint64(-1) << qint64(-1) << qint64(0);
    QTest::newRow("blob middle") << qsizetype(300000) << qint64(100000) << qint64(250000) << qint64(-1) << qint64(100000) << qint64(150001);
    QTest::newRow("blob suffix > size") << qsizetype(300000) << qint64(0) << qint64(-1) << qint64(400000) << qint64(0) << qint64(300000);
}

void TestObjectStore::ranges()
{
    QFETCH(qsizetype, size);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(qint64, suffix);
    QFETCH(qint64, wantOffset);
    QFETCH(qint64, wantLength);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray body = randomBytes(size, 7);
    QVERIFY(s->putObject(u"b"_s, "r", {}, body).ok());
    StoreResult<ObjectRead> read = s->getObject(u"b"_s, "r", ByteRange{first, last, suffix});
    if (wantOffset < 0) {
        QCOMPARE(read.error().code(), StoreError::Code::InvalidRange);
        QCOMPARE(read.error().httpStatus(), 416);
        return;
    }
    QVERIFY(read.ok());
    QCOMPARE(read->offset, wantOffset);
    QCOMPARE(read->reader->length(), wantLength);
    QCOMPARE(read->reader->readAll().value(), body.mid(wantOffset, wantLength));
}

void TestObjectStore::narrowedRead_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("length");
    QTest::newRow("inline middle") << qsizetype(1000) << qint64(10) << qint64(10);
    QTest::newRow("inline to the end") << qsizetype(1000) << qint64(990) << qint64(10);
    QTest::newRow("inline nothing") << qsizetype(1000) << qint64(1000) << qint64(0);
    QTest::newRow("blob middle") << qsizetype(600000) << qint64(100000) << qint64(300001);
    QTest::newRow("blob whole") << qsizetype(600000) << qint64(0) << qint64(600000);
}

// GetObject reads the row once and narrows its reader to the range the request asks for.
void TestObjectStore::narrowedRead()
{
    QFETCH(qsizetype, size);
    QFETCH(qint64, first);
    QFETCH(qint64, length);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray body = randomBytes(size, 11);
    QVERIFY(s->putObject(u"b"_s, "n", {}, body).ok());
    StoreResult<ObjectRead> read = s->getObject(u"b"_s, "n");
    QVERIFY(read.ok());
    read->reader->narrow(first, length);
    QCOMPARE(read->reader->length(), length);
    QCOMPARE(read->reader->atEnd(), length == 0);
    QByteArray got;
    while (!read->reader->atEnd()) {
        const StoreResult<QByteArray> slice = read->reader->read(64 * 1024);
        QVERIFY(slice.ok());
        QVERIFY(!slice.value().isEmpty());
        got += slice.value();
    }
    QCOMPARE(got, body.mid(first, length));
}

void TestObjectStore::replaceFreesOldBlob()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QVERIFY(s->putObject(u"b"_s, "k", {}, randomBytes(100000, 1)).ok());
    QCOMPARE(s.blobFileCount(), 1);
    const QByteArray second = randomBytes(200000, 2);
    QVERIFY(s->putObject(u"b"_s, "k", {}, second).ok());
    QCOMPARE(s.blobFileCount(), 1);
    QCOMPARE(readWhole(*s.store, u"b"_s, "k"), second);
    QVERIFY(s->putObject(u"b"_s, "k", {}, "small now").ok());
    QCOMPARE(s.blobFileCount(), 0);
}

void TestObjectStore::copySharesBytes()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QVERIFY(!s->createBucket(u"c"_s, {}).isError());
    const QByteArray body = randomBytes(150000, 3);
    PutRequest request;
    request.metadata.contentType = u"text/plain"_s;
    QVERIFY(s->putObject(u"b"_s, "src", request, body).ok());
    StoreResult<ObjectRecord> copy = s->copyObject(u"b"_s, "src", u"c"_s, "dst", std::nullopt);
    QVERIFY(copy.ok());
    QCOMPARE(copy->metadata.contentType, u"text/plain"_s);
    QCOMPARE(s.blobFileCount(), 1); // shared, not copied
    ObjectMetadata replaced;
    replaced.contentType = u"image/png"_s;
    QVERIFY(s->copyObject(u"b"_s, "src", u"b"_s, "src", replaced).ok()); // onto itself
    QCOMPARE(s->headObject(u"b"_s, "src")->metadata.contentType, u"image/png"_s);
    QVERIFY(!s->deleteObject(u"b"_s, "src").isError());
    QCOMPARE(s.blobFileCount(), 1);
    QCOMPARE(readWhole(*s.store, u"c"_s, "dst"), body);
    QVERIFY(!s->deleteObject(u"c"_s, "dst").isError());
    QCOMPARE(s.blobFileCount(), 0);
    QCOMPARE(s->copyObject(u"b"_s, "gone", u"c"_s, "x", std::nullopt).error().code(),
             StoreError::Code::NoSuchKey);
}

void TestObjectStore::checksumsAndDigests()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray body = "checksum me";
    PutRequest good;
    good.expectedChecksums.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toBase64());
    good.expectedMd5 = QCryptographicHash::hash(body, QCryptographicHash::Md5);
    StoreResult<ObjectRecord> stored = s->putObject(u"b"_s, "k", good, body);
    QVERIFY(stored.ok());
    QCOMPARE(s->headObject(u"b"_s, "k")->checksums.sha256, good.expectedChecksums.sha256);
    QCOMPARE(s->headObject(u"b"_s, "k")->checksumType, u"FULL_OBJECT"_s);

    PutRequest bad;
    bad.expectedChecksums.sha256 = good.expectedChecksums.sha256;
    const StoreError error = s->putObject(u"b"_s, "k2", bad, "other body").error();
    QCOMPARE(error.code(), StoreError::Code::BadDigest);
    PutRequest badMd5;
    badMd5.expectedMd5 = QByteArray(16, 'x');
    QCOMPARE(s->putObject(u"b"_s, "k3", badMd5, randomBytes(100000, 4)).error().code(),
             StoreError::Code::BadDigest);
    QCOMPARE(s->headObject(u"b"_s, "k3").error().code(), StoreError::Code::NoSuchKey);
    QCOMPARE(s.blobFileCount(), 0);
    QVERIFY(QDir(s->options().directory + u"/tmp"_s).isEmpty());
}

void TestObjectStore::readerSurvivesConcurrentDelete()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QByteArray body = randomBytes(500000, 5);
    QVERIFY(s->putObject(u"b"_s, "k", {}, body).ok());
    StoreResult<ObjectRead> read = s->getObject(u"b"_s, "k");
    QVERIFY(read.ok());
    QVERIFY(!s->deleteObject(u"b"_s, "k").isError());
    QCOMPARE(s.blobFileCount(), 1); // pinned by the reader
    QCOMPARE(read->reader->readAll().value(), body);
    read.value().reader.reset();
    QCOMPARE(s.blobFileCount(), 0);
}

void TestObjectStore::sweepRemovesOrphans()
{
    QTemporaryDir dir;
    StoreOptions options;
    options.directory = dir.path();
    {
        auto store = ObjectStore::open(options);
        QVERIFY(store.ok());
        QVERIFY(!store.value()->createBucket(u"b"_s, {}).isError());
        QVERIFY(store.value()->putObject(u"b"_s, "kept", {}, randomBytes(100000, 6)).ok());
    }
    // What a crash leaves: a temp file, and a blob renamed into place but never indexed.
    QFile tmp(dir.path() + u"/tmp/abc.part"_s);
    QVERIFY(tmp.open(QIODevice::WriteOnly));
    tmp.write("partial");
    tmp.close();
    QFile orphan(dir.path() + u"/data/7f/7f000000000000000000000000000001"_s);
    QVERIFY(orphan.open(QIODevice::WriteOnly));
    orphan.write("never committed");
    orphan.close();

    auto reopened = ObjectStore::open(options);
    QVERIFY(reopened.ok());
    QCOMPARE(reopened.value()->sweepReport().tempFilesRemoved, 1);
    QCOMPARE(reopened.value()->sweepReport().orphanBlobsRemoved, 1);
    QVERIFY(!orphan.exists());
    QCOMPARE(readWhole(*reopened.value(), u"b"_s, "kept"), randomBytes(100000, 6));
}

void TestObjectStore::lifecycleQueries()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    for (const char *key : {"logs/1", "logs/2", "keep/1"})
        QVERIFY(s->putObject(u"b"_s, key, {}, "x").ok());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    StoreResult<QList<QByteArray>> old = s->objectsModifiedBefore(u"b"_s, "logs/", now + 60000);
    QCOMPARE(old.value(), (QList<QByteArray>{"logs/1", "logs/2"}));
    QVERIFY(s->objectsModifiedBefore(u"b"_s, "logs/", now - 60000)->isEmpty());
    // With the scheduler's accelerated clock ten days ahead, a 7-day rule matches.
    const qint64 tenDaysLater = now + 10LL * 24 * 3600 * 1000;
    QCOMPARE(s->objectsOlderThanDays(u"b"_s, {}, 7, tenDaysLater)->size(), 3);
    QVERIFY(s->objectsOlderThanDays(u"b"_s, {}, 11, tenDaysLater)->isEmpty());

    QVERIFY(s->createMultipartUpload(u"b"_s, "logs/big", {}).ok());
    QVERIFY(s->createMultipartUpload(u"b"_s, "other", {}).ok());
    QCOMPARE(s->uploadsInitiatedBefore(u"b"_s, "logs/", now + 60000)->size(), 1);
    QCOMPARE(s->uploadsInitiatedBefore(u"b"_s, {}, now + 60000)->size(), 2);
    QVERIFY(s->uploadsInitiatedBefore(u"b"_s, {}, now - 60000)->isEmpty());
}

void TestObjectStore::deleteBucketTakesUploads()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    QVERIFY(s->uploadPart(u"b"_s, "k", id, 1, randomBytes(100, 1)).ok());
    QCOMPARE(s.blobFileCount(), 1);
    QVERIFY(!s->deleteBucket(u"b"_s).isError()); // unfinished uploads do not keep it alive
    QCOMPARE(s.blobFileCount(), 0);
    QCOMPARE(s->bucket(u"b"_s).error().code(), StoreError::Code::NoSuchBucket);
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QVERIFY(s->listUploads(u"b"_s, {})->uploads.isEmpty());
}

void TestObjectStore::deleteObjectsInOneCommit()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QList<QByteArray> keys;
    for (int i = 0; i < 20; ++i) {
        keys.append("k" + QByteArray::number(i));
        QVERIFY(s->putObject(u"b"_s, keys.last(), {}, randomBytes(i % 2 ? 70000 : 10, quint32(i))).ok());
    }
    QCOMPARE(s.blobFileCount(), 10);
    QList<QByteArray> request = keys;
    request.append("never existed");
    request.append(QByteArray(2000, 'x'));
    const quint64 before = s->commitBatches();
    const QList<StoreError> results = s->deleteObjects(u"b"_s, request);
    QCOMPARE(s->commitBatches() - before, quint64(1));
    QCOMPARE(results.size(), request.size());
    for (qsizetype i = 0; i + 1 < results.size(); ++i)
        QVERIFY(!results[i].isError());
    QCOMPARE(results.last().code(), StoreError::Code::InvalidArgument);
    QCOMPARE(s.blobFileCount(), 0);
    QVERIFY(s->listObjects(u"b"_s, {})->objects.isEmpty());
}

QTEST_GUILESS_MAIN(TestObjectStore)
#include "tst_object_store.moc"
