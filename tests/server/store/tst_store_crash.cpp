// Crash durability: a helper process writes from several threads and prints every write
// the store acknowledged; the test kills it with SIGKILL at random moments, reopens the
// store and checks that every acknowledged object is there byte for byte, that nothing
// partial is visible, and that the startup sweep leaves no orphan file behind.
#include "crash_body.h"
#include "store_fixture.h"

#include <QProcess>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using namespace coffer::server::testing;

class TestStoreCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedWriterLosesNothingAcknowledged();

private:
    // Runs one round: starts the writer, kills it after `acks` acknowledgements.
    QHash<QByteArray, QByteArray> runWriter(const QString &dir, int round, int acks);
};

static void ackLines(const QByteArray &output, QHash<QByteArray, QByteArray> &acked)
{
    for (const QByteArray &line : output.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() == 3 && fields[0] == "ACK")
            acked.insert(fields[1], fields[2]);
    }
}

QHash<QByteArray, QByteArray> TestStoreCrash::runWriter(const QString &dir, int round, int acks)
{
    QProcess writer;
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start(QStringLiteral(STORE_CRASH_WRITER), {dir, QString::number(round)});
    QByteArray output;
    auto countAcks = [&output] { return int(output.count("ACK ")); };
    bool ready = false;
    while (!ready || countAcks() < acks) {
        if (!writer.waitForReadyRead(60000)) {
            qWarning("the writer stopped answering: %s", qPrintable(writer.errorString()));
            break;
        }
        output += writer.readAllStandardOutput();
        ready = output.startsWith("READY\n");
    }
    writer.kill(); // SIGKILL
    writer.waitForFinished(60000);
    output += writer.readAllStandardOutput(); // lines written before it died
    // Only complete lines count: a line cut by the kill was never fully acknowledged.
    output.truncate(output.lastIndexOf('\n') + 1);
    QHash<QByteArray, QByteArray> acked;
    ackLines(output, acked);
    return acked;
}

void TestStoreCrash::killedWriterLosesNothingAcknowledged()
{
    QTemporaryDir dir;
    const QString storeDir = dir.path() + u"/store"_s;
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill schedule seed %u", seed);
    QRandomGenerator random(seed);
    constexpr int kRounds = 24;
    QHash<QByteArray, QByteArray> allAcked;
    int sweptBlobs = 0;
    int sweptTemps = 0;
    for (int round = 0; round < kRounds; ++round) {
        const int acks = int(random.bounded(60)); // 0: kill as soon as it is ready
        const QHash<QByteArray, QByteArray> acked = runWriter(storeDir, round, acks);
        // (Replaced keys are acknowledged more than once, so count at least one.)
        QVERIFY2(acks == 0 || !acked.isEmpty(), qPrintable(u"round %1: no acks"_s.arg(round)));
        allAcked.insert(acked);

        StoreOptions options;
        options.directory = storeDir;
        auto opened = ObjectStore::open(options);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message()));
        ObjectStore &store = *opened.value();
        sweptBlobs += store.sweepReport().orphanBlobsRemoved;
        sweptTemps += store.sweepReport().tempFilesRemoved;
        QVERIFY(QDir(storeDir + u"/tmp"_s).isEmpty());

        // Every acknowledged write of this round is there, byte for byte.
        for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
            const QByteArray body = readWhole(store, u"b"_s, it.key());
            QVERIFY2(crashBodyHash(body) == it.value(), it.key().constData());
        }
        // Everything visible from this round is whole (acknowledged or not).
        ListRequest request;
        request.prefix = "w" + QByteArray::number(round) + "/";
        for (;;) {
            StoreResult<ListResult> page = store.listObjects(u"b"_s, request);
            QVERIFY(page.ok());
            for (const ObjectSummary &object : page->objects) {
                QCOMPARE(object.size, crashBodySize(object.key));
                const QByteArray body = readWhole(store, u"b"_s, object.key);
                QVERIFY2(body == crashBody(object.key), object.key.constData());
            }
            if (!page->isTruncated)
                break;
            request.startAfter = page->nextStartAfter;
        }
    }
    qInfo("%lld acknowledged writes over %d kills; sweeps removed %d orphan blob(s), %d temp file(s)",
          qlonglong(allAcked.size()), kRounds, sweptBlobs, sweptTemps);

    // After the last sweep every blob file belongs to an object or a part: removing all
    // objects and uploads through the store must leave no file behind.
    StoreOptions options;
    options.directory = storeDir;
    auto opened = ObjectStore::open(options);
    QVERIFY(opened.ok());
    ObjectStore &store = *opened.value();
    for (auto it = allAcked.cbegin(); it != allAcked.cend(); ++it)
        QVERIFY2(store.headObject(u"b"_s, it.key()).ok(), it.key().constData());
    for (;;) {
        StoreResult<UploadPage> uploads = store.listUploads(u"b"_s, {});
        QVERIFY(uploads.ok());
        for (const MultipartUploadRecord &upload : uploads->uploads)
            QVERIFY(!store.abortMultipartUpload(u"b"_s, upload.key, upload.uploadId).isError());
        if (!uploads->isTruncated)
            break;
    }
    for (;;) {
        StoreResult<ListResult> page = store.listObjects(u"b"_s, {});
        QVERIFY(page.ok());
        if (page->objects.isEmpty())
            break;
        QList<QByteArray> keys;
        for (const ObjectSummary &object : page->objects)
            keys.append(object.key);
        for (const StoreError &error : store.deleteObjects(u"b"_s, keys))
            QVERIFY(!error.isError());
    }
    int files = 0;
    const QDir data(storeDir + u"/data"_s);
    for (const QString &sub : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        files += int(QDir(data.filePath(sub)).entryList(QDir::Files).size());
    QCOMPARE(files, 0);
}

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
