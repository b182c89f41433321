// OrphanedUploads against the embedded server: unfinished uploads are listed with their
// initiation date and the size of their parts (across ListParts pages), and aborted.
#include "local_store.h"

#include "transfer/remote/orphaned_uploads.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::transfer;
using coffer::transfer::testing::LocalStore;

class TestOrphanedUploads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listsSizesAndAborts();

private:
    QString startUpload(const QString &key, const QList<qint64> &partSizes);
    std::unique_ptr<LocalStore> m_store;
    const QString m_bucket = u"orphans"_s;
};

void TestOrphanedUploads::initTestCase()
{
    m_store = std::make_unique<LocalStore>();
    QVERIFY2(m_store->isRunning(), qPrintable(m_store->errorString()));
    QVERIFY(m_store->createBucket(m_bucket));
}

QString TestOrphanedUploads::startUpload(const QString &key, const QList<qint64> &partSizes)
{
    const auto created = LocalStore::wait(m_store->client()->createMultipartUpload({m_bucket, key, {}, {}}));
    if (!created || !created->ok())
        return {};
    const QString uploadId = created->value().uploadId;
    for (int i = 0; i < partSizes.size(); ++i) {
        QBuffer body;
        body.setData(QByteArray(partSizes.at(i), char('a' + i)));
        body.open(QIODevice::ReadOnly);
        const auto part = LocalStore::wait(m_store->client()->uploadPart(
            {m_bucket, key, uploadId, i + 1, &body, partSizes.at(i), {}, {}, {}}));
        if (!part || !part->ok())
            return {};
    }
    return uploadId;
}

void TestOrphanedUploads::listsSizesAndAborts()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
    const QString a = startUpload(u"big/a.iso"_s, {5 * 1024 * 1024, 5 * 1024 * 1024, 777});
    const QString b = startUpload(u"empty.bin"_s, {});
    const QString c = startUpload(u"big/a.iso"_s, {100});
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

    OrphanedUploads orphans(m_store->client(), m_bucket);
    orphans.partsPerPage = 2; // so upload a's three parts take two ListParts pages
    QSignalSpy scanned(&orphans, &OrphanedUploads::scanFinished);
    orphans.scan();
    QVERIFY(scanned.wait(30000));
    QVERIFY2(!orphans.scanError().isError(), qPrintable(orphans.scanError().userMessage()));
    const QList<OrphanedUpload> found = orphans.uploads();
    QCOMPARE(found.size(), 3);
    QHash<QString, OrphanedUpload> byId;
    for (const auto &upload : found) {
        byId.insert(upload.uploadId, upload);
        QVERIFY(upload.initiated >= before);
        QVERIFY(upload.sizeError.isEmpty());
    }
    QCOMPARE(byId.value(a).partCount, 3);
    QCOMPARE(byId.value(a).bytes, 10LL * 1024 * 1024 + 777);
    QCOMPARE(byId.value(a).key, u"big/a.iso"_s);
    QCOMPARE(byId.value(b).partCount, 0);
    QCOMPARE(byId.value(b).bytes, 0);
    QCOMPARE(byId.value(c).bytes, 100);

    // Prefix filter.
    orphans.scan(u"big/"_s);
    QVERIFY(scanned.wait(30000));
    QCOMPARE(orphans.uploads().size(), 2);

    QSignalSpy aborted(&orphans, &OrphanedUploads::abortFinished);
    orphans.abort({byId.value(a), byId.value(b)});
    QVERIFY(aborted.wait(30000));
    QVERIFY(orphans.failures().isEmpty());
    orphans.scan();
    QVERIFY(scanned.wait(30000));
    QCOMPARE(orphans.uploads().size(), 1);
    QCOMPARE(orphans.uploads().constFirst().uploadId, c);
}

QTEST_GUILESS_MAIN(TestOrphanedUploads)
#include "tst_orphaned_uploads.moc"
