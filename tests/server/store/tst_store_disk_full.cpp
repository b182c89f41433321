// A full disk: the write fails with DiskFull, nothing partial is left behind, and the
// store goes on serving. The "tmpfs" rows put the store on a 2 MiB tmpfs mounted for the
// test (we run as root in the build root); where mounting is not permitted they fall back
// to BlobWriter's space-limit seam. The "seam" rows always use the seam, so both the real
// ENOSPC path and the injected one are asserted.
#include "store_fixture.h"

#include "server/store/blob_writer.h"

#include <QRandomGenerator>

#include <sys/mount.h>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using coffer::server::testing::readWhole;

class TestStoreDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void fullDiskLeavesNothing_data();
    void fullDiskLeavesNothing();

private:
    void makeSmallDisk(bool forceSeam);
    int filesUnder(const QString &sub) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    bool m_mounted = false;
};

void TestStoreDiskFull::makeSmallDisk(bool forceSeam)
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_root = m_dir->path() + u"/small"_s;
    QVERIFY(QDir().mkpath(m_root));
    const QByteArray target = m_root.toLocal8Bit();
    m_mounted = !forceSeam && ::mount("tmpfs", target.constData(), "tmpfs", 0, "size=2m") == 0;
    if (!m_mounted && !forceSeam) {
        qInfo("cannot mount a tmpfs here (%s); using the BlobWriter space-limit seam",
              strerror(errno));
    }
    if (!m_mounted)
        BlobWriter::setSpaceLimitForTesting(1536 * 1024);
}

void TestStoreDiskFull::cleanup()
{
    BlobWriter::setSpaceLimitForTesting(-1);
    if (m_mounted) {
        const QByteArray target = m_root.toLocal8Bit();
        QCOMPARE(::umount2(target.constData(), MNT_DETACH), 0);
        m_mounted = false;
    }
    m_dir.reset();
}

int TestStoreDiskFull::filesUnder(const QString &sub) const
{
    int count = 0;
    QDir dir(m_root + u"/store/"_s + sub);
    count += int(dir.entryList(QDir::Files).size());
    for (const QString &child : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        count += int(QDir(dir.filePath(child)).entryList(QDir::Files).size());
    return count;
}

void TestStoreDiskFull::fullDiskLeavesNothing_data()
{
    QTest::addColumn<bool>("multipart");
    QTest::addColumn<bool>("seam");
    QTest::newRow("PutObject, tmpfs") << false << false;
    QTest::newRow("UploadPart, tmpfs") << true << false;
    QTest::newRow("PutObject, seam") << false << true;
    QTest::newRow("UploadPart, seam") << true << true;
}

void TestStoreDiskFull::fullDiskLeavesNothing()
{
    QFETCH(bool, multipart);
    QFETCH(bool, seam);
    makeSmallDisk(seam);
    StoreOptions options;
    options.directory = m_root + u"/store"_s;
    options.minPartSize = 16;
    auto opened = ObjectStore::open(options);
    QVERIFY2(opened.ok(), qPrintable(opened.error().message()));
    ObjectStore &store = *opened.value();
    QVERIFY(!store.createBucket(u"b"_s, {}).isError());
    QVERIFY(store.putObject(u"b"_s, "before", {}, QByteArray(300 * 1024, 'b')).ok());
    const int blobsBefore = filesUnder(u"data"_s);

    QByteArray chunk(256 * 1024, Qt::Uninitialized);
    QRandomGenerator(1).fillRange(reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / 4);
    StoreError failure;
    QString uploadId;
    if (multipart) {
        uploadId = store.createMultipartUpload(u"b"_s, "big", {})->uploadId;
        auto part = store.beginPart(u"b"_s, "big", uploadId, 1);
        QVERIFY(part.ok());
        for (int i = 0; i < 40 && !failure.isError(); ++i) // 10 MiB into 2 MiB
            failure = part.value()->write(chunk);
        if (!failure.isError())
            failure = part.value()->commit().error();
    } else {
        auto upload = store.beginPut(u"b"_s, "big", {});
        QVERIFY(upload.ok());
        for (int i = 0; i < 40 && !failure.isError(); ++i)
            failure = upload.value()->write(chunk);
        if (!failure.isError())
            failure = upload.value()->commit().error();
    }
    QCOMPARE(failure.code(), StoreError::Code::DiskFull);
    QVERIFY(failure.message().contains(u"full"_s));
    QCOMPARE(failure.s3Code(), "ServiceUnavailable"_L1);
    // Nothing partial: no temp file, no new blob, no object, no part.
    QCOMPARE(filesUnder(u"tmp"_s), 0);
    QCOMPARE(filesUnder(u"data"_s), blobsBefore);
    QCOMPARE(store.headObject(u"b"_s, "big").error().code(), StoreError::Code::NoSuchKey);
    if (multipart)
        QVERIFY(store.listParts(u"b"_s, "big", uploadId)->parts.isEmpty());

    // Still serving: reads, and writes that fit.
    QCOMPARE(readWhole(store, u"b"_s, "before"), QByteArray(300 * 1024, 'b'));
    QVERIFY(store.putObject(u"b"_s, "small", {}, "fits").ok());
    QVERIFY(store.putObject(u"b"_s, "medium", {}, QByteArray(200 * 1024, 'm')).ok());
    QCOMPARE(readWhole(store, u"b"_s, "medium"), QByteArray(200 * 1024, 'm'));
}

QTEST_GUILESS_MAIN(TestStoreDiskFull)
#include "tst_store_disk_full.moc"
