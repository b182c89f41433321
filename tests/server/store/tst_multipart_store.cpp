// Multipart uploads in the store: completion (ETag and checksums computed here
// independently), validation, part replacement, abort, listing parts.
#include "store_fixture.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using coffer::server::testing::TempStore;
using coffer::server::testing::readWhole;

class TestMultipartStore : public QObject
{
    Q_OBJECT

private slots:
    void completeComputesEtagAndChecksums_data();
    void completeComputesEtagAndChecksums();
    void completeValidates_data();
    void completeValidates();
    void reuploadReplacesPart();
    void abortRemovesBlobs();
    void listPartsPages();
    void uploadGoneWhilePartStreams();
};

static QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : data)
        c = char(generator.bounded(256));
    return data;
}

// Plain bitwise CRC-32 (IEEE, reflected), written here so the test does not trust the
// code under test.
static quint32 referenceCrc32(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char c : data) {
        crc ^= quint8(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return ~crc;
}

static QByteArray bigEndian32(quint32 value)
{
    QByteArray out(4, 0);
    for (int i = 0; i < 4; ++i)
        out[i] = char(value >> (24 - 8 * i));
    return out;
}

void TestMultipartStore::completeComputesEtagAndChecksums_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<QString>("type");
    QTest::newRow("no checksum, 3 parts") << QList<int>{100, 100, 7} << QString() << QString();
    QTest::newRow("sha256 composite") << QList<int>{64, 64, 64, 1} << u"SHA256"_s << u"COMPOSITE"_s;
    QTest::newRow("crc32 composite") << QList<int>{40, 40} << u"CRC32"_s << u"COMPOSITE"_s;
    QTest::newRow("crc32 full object") << QList<int>{50, 70000, 3} << u"CRC32"_s << u"FULL_OBJECT"_s;
    QTest::newRow("single part") << QList<int>{5} << u"SHA256"_s << u"COMPOSITE"_s;
}

void TestMultipartStore::completeComputesEtagAndChecksums()
{
    QFETCH(QList<int>, sizes);
    QFETCH(QString, algorithm);
    QFETCH(QString, type);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    std::optional<coffer::s3::ChecksumAlgorithm> alg;
    if (!algorithm.isEmpty())
        alg = coffer::s3::checksumAlgorithmFromName(algorithm.toLatin1());
    ObjectMetadata metadata;
    metadata.contentType = u"video/mp4"_s;
    StoreResult<MultipartUploadRecord> upload = s->createMultipartUpload(u"b"_s, "movie", metadata, alg, type);
    QVERIFY(upload.ok());

    QByteArray whole;
    QByteArray md5s;
    QByteArray partDigests;
    QList<coffer::s3::CompletedPart> listed;
    for (int i = 0; i < sizes.size(); ++i) {
        const QByteArray body = randomBytes(sizes[i], quint32(i + 1));
        whole += body;
        StoreResult<PartRecord> part = s->uploadPart(u"b"_s, "movie", upload->uploadId, i + 1, body);
        QVERIFY2(part.ok(), qPrintable(part.error().message()));
        const QByteArray md5 = QCryptographicHash::hash(body, QCryptographicHash::Md5);
        QCOMPARE(part->etag, u'"' + QString::fromLatin1(md5.toHex()) + u'"');
        md5s += md5;
        QByteArray digest;
        if (algorithm == u"SHA256"_s)
            digest = QCryptographicHash::hash(body, QCryptographicHash::Sha256);
        else if (algorithm == u"CRC32"_s)
            digest = bigEndian32(referenceCrc32(body));
        partDigests += digest;
        QCOMPARE(part->checksum, QString::fromLatin1(digest.toBase64()));
        listed.append({i + 1, part->etag, {}});
    }
    StoreResult<ObjectRecord> object = s->completeMultipartUpload(u"b"_s, "movie", upload->uploadId, listed);
    QVERIFY2(object.ok(), qPrintable(object.error().message()));
    const QString n = QString::number(sizes.size());
    const QString etag = u'"'
        + QString::fromLatin1(QCryptographicHash::hash(md5s, QCryptographicHash::Md5).toHex())
        + u'-' + n + u'"';
    QCOMPARE(object->etag, etag);
    QCOMPARE(object->size, whole.size());
    QCOMPARE(object->partSizes.size(), sizes.size());
    QCOMPARE(object->metadata.contentType, u"video/mp4"_s);
    if (algorithm == u"SHA256"_s) {
        const QByteArray composite = QCryptographicHash::hash(partDigests, QCryptographicHash::Sha256);
        QCOMPARE(object->checksums.sha256, QString::fromLatin1(composite.toBase64()) + u'-' + n);
    } else if (type == u"COMPOSITE"_s) {
        QCOMPARE(object->checksums.crc32,
                 QString::fromLatin1(bigEndian32(referenceCrc32(partDigests)).toBase64()) + u'-' + n);
    } else if (type == u"FULL_OBJECT"_s) {
        QCOMPARE(object->checksums.crc32, QString::fromLatin1(bigEndian32(referenceCrc32(whole)).toBase64()));
    } else {
        QVERIFY(object->checksums.isEmpty());
    }
    QCOMPARE(object->checksumType, type);
    StoreResult<ObjectRecord> head = s->headObject(u"b"_s, "movie");
    QCOMPARE(head->etag, etag);
    QCOMPARE(head->checksums, object->checksums);
    QCOMPARE(readWhole(*s.store, u"b"_s, "movie"), whole);
    // A range across part boundaries.
    if (whole.size() > 60) {
        StoreResult<ObjectRead> read = s->getObject(u"b"_s, "movie", ByteRange{30, qint64(whole.size() - 2), -1});
        QCOMPARE(read->reader->readAll().value(), whole.mid(30, whole.size() - 31));
    }
    QCOMPARE(s.blobFileCount(), sizes.size()); // the parts' blobs, not copies
    QCOMPARE(s->multipartUpload(u"b"_s, "movie", upload->uploadId).error().code(),
             StoreError::Code::NoSuchUpload);
    QVERIFY(!s->deleteObject(u"b"_s, "movie").isError());
    QCOMPARE(s.blobFileCount(), 0);
}

void TestMultipartStore::completeValidates_data()
{
    QTest::addColumn<QList<int>>("sizes");      // uploaded parts 1..n
    QTest::addColumn<QList<int>>("listedParts"); // part numbers listed at completion
    QTest::addColumn<bool>("badEtag");          // list a wrong ETag for the first part
    QTest::addColumn<bool>("equalRule");        // R2's equal-size rule
    QTest::addColumn<StoreError::Code>("expected");
    QTest::addColumn<QString>("message"); // a fragment of the message; empty: no check
    using C = StoreError::Code;
    QTest::newRow("ok") << QList<int>{20, 20, 5} << QList<int>{1, 2, 3} << false << false << C::None << QString();
    QTest::newRow("skipping a part is fine") << QList<int>{20, 20, 5} << QList<int>{1, 3} << false << false << C::None << QString();
    QTest::newRow("out of order") << QList<int>{20, 20} << QList<int>{2, 1} << false << false << C::InvalidPartOrder << QString();
    QTest::newRow("duplicate") << QList<int>{20, 20} << QList<int>{1, 1} << false << false << C::InvalidPartOrder << QString();
    QTest::newRow("missing part") << QList<int>{20, 20} << QList<int>{1, 4} << false << false << C::InvalidPart << QString();
    QTest::newRow("wrong etag") << QList<int>{20, 20} << QList<int>{1, 2} << true << false << C::InvalidPart << QString();
    QTest::newRow("too small") << QList<int>{20, 10, 20} << QList<int>{1, 2, 3} << false << false << C::EntityTooSmall << QString();
    QTest::newRow("last may be small") << QList<int>{20, 1} << QList<int>{1, 2} << false << false << C::None << QString();
    QTest::newRow("unequal, S3") << QList<int>{20, 30, 5} << QList<int>{1, 2, 3} << false << false << C::None << QString();
    QTest::newRow("unequal, R2") << QList<int>{20, 30, 5} << QList<int>{1, 2, 3} << false << true << C::InvalidPart
                                 << u"All non-trailing parts must have the same length"_s;
    QTest::newRow("equal, R2") << QList<int>{20, 20, 30} << QList<int>{1, 2, 3} << false << true << C::None << QString();
}

void TestMultipartStore::completeValidates()
{
    QFETCH(QList<int>, sizes);
    QFETCH(QList<int>, listedParts);
    QFETCH(bool, badEtag);
    QFETCH(bool, equalRule);
    QFETCH(StoreError::Code, expected);
    QFETCH(QString, message);
    StoreOptions options;
    options.minPartSize = 16;
    options.requireEqualParts = equalRule;
    TempStore s(options);
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    QStringList etags;
    for (int i = 0; i < sizes.size(); ++i)
        etags.append(s->uploadPart(u"b"_s, "k", id, i + 1, randomBytes(sizes[i], quint32(i))).value().etag);
    QList<coffer::s3::CompletedPart> listed;
    for (int number : listedParts)
        listed.append({number, number <= etags.size() ? etags[number - 1] : u"\"00\""_s, {}});
    if (badEtag)
        listed[0].etag = etags.last();
    StoreResult<ObjectRecord> result = s->completeMultipartUpload(u"b"_s, "k", id, listed);
    QCOMPARE(result.ok() ? StoreError::Code::None : result.error().code(), expected);
    if (!message.isEmpty())
        QVERIFY2(result.error().message().contains(message), qPrintable(result.error().message()));
    if (result.ok()) {
        qint64 size = 0;
        for (int number : listedParts)
            size += sizes[number - 1];
        QCOMPARE(result->size, size);
        QCOMPARE(s.blobFileCount(), listedParts.size()); // unlisted parts were freed
    } else {
        // A failed completion leaves the upload as it was.
        QCOMPARE(s->listParts(u"b"_s, "k", id)->parts.size(), sizes.size());
        QCOMPARE(s->headObject(u"b"_s, "k").error().code(), StoreError::Code::NoSuchKey);
    }
}

void TestMultipartStore::reuploadReplacesPart()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    QVERIFY(s->uploadPart(u"b"_s, "k", id, 1, randomBytes(30, 1)).ok());
    const QByteArray second = randomBytes(40, 2);
    const QString etag = s->uploadPart(u"b"_s, "k", id, 1, second)->etag;
    QCOMPARE(s.blobFileCount(), 1);
    StoreResult<PartPage> parts = s->listParts(u"b"_s, "k", id);
    QCOMPARE(parts->parts.size(), 1);
    QCOMPARE(parts->parts[0].size, 40);
    QCOMPARE(parts->parts[0].etag, etag);
    QVERIFY(s->completeMultipartUpload(u"b"_s, "k", id, {{1, etag, {}}}).ok());
    QCOMPARE(readWhole(*s.store, u"b"_s, "k"), second);
    QCOMPARE(s->uploadPart(u"b"_s, "k", id, 0, "x").error().code(), StoreError::Code::InvalidArgument);
}

void TestMultipartStore::abortRemovesBlobs()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    for (int i = 1; i <= 4; ++i)
        QVERIFY(s->uploadPart(u"b"_s, "k", id, i, randomBytes(100, quint32(i))).ok());
    QCOMPARE(s.blobFileCount(), 4);
    QCOMPARE(s->abortMultipartUpload(u"b"_s, "wrong key", id).code(), StoreError::Code::NoSuchUpload);
    QVERIFY(!s->abortMultipartUpload(u"b"_s, "k", id).isError());
    QCOMPARE(s.blobFileCount(), 0);
    QCOMPARE(s->listParts(u"b"_s, "k", id).error().code(), StoreError::Code::NoSuchUpload);
    QCOMPARE(s->abortMultipartUpload(u"b"_s, "k", id).code(), StoreError::Code::NoSuchUpload);
    QVERIFY(s->listUploads(u"b"_s, {})->uploads.isEmpty());
}

void TestMultipartStore::listPartsPages()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    for (int i : {1, 2, 5, 9, 10})
        QVERIFY(s->uploadPart(u"b"_s, "k", id, i, "p").ok());
    QList<int> seen;
    int marker = 0;
    for (int page = 0; page < 10; ++page) {
        StoreResult<PartPage> parts = s->listParts(u"b"_s, "k", id, marker, 2);
        QVERIFY(parts.ok());
        for (const PartRecord &part : parts->parts)
            seen.append(part.partNumber);
        if (!parts->isTruncated)
            break;
        marker = parts->nextPartNumberMarker;
    }
    QCOMPARE(seen, (QList<int>{1, 2, 5, 9, 10}));
}

void TestMultipartStore::uploadGoneWhilePartStreams()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    const QString id = s->createMultipartUpload(u"b"_s, "k", {})->uploadId;
    auto part = s->beginPart(u"b"_s, "k", id, 1);
    QVERIFY(part.ok());
    QVERIFY(!part.value()->write(randomBytes(1000, 9)).isError());
    QVERIFY(!s->abortMultipartUpload(u"b"_s, "k", id).isError());
    QCOMPARE(part.value()->commit().error().code(), StoreError::Code::NoSuchUpload);
    QCOMPARE(s.blobFileCount(), 0);
}

QTEST_GUILESS_MAIN(TestMultipartStore)
#include "tst_multipart_store.moc"
