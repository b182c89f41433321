// Helper for tst_store_crash: writes objects from several threads into the store at
// argv[1] until it is killed, printing "ACK <key> <sha256>" for each write the store
// acknowledged (flushed at once, so what the test reads was acknowledged before death).
#include "crash_body.h"

#include "server/store/object_store.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer::server;
using namespace coffer::server::testing;

namespace {

std::mutex g_out;

void say(const QByteArray &line)
{
    std::lock_guard lock(g_out);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

// A multipart object of three parts (the key's size split in three).
bool writeMultipart(ObjectStore &store, const QByteArray &key, const QByteArray &body)
{
    auto upload = store.createMultipartUpload(u"b"_s, key, {});
    if (!upload.ok())
        return false;
    const qsizetype third = body.size() / 3;
    QList<coffer::s3::CompletedPart> parts;
    for (int i = 0; i < 3; ++i) {
        const qsizetype from = i * third;
        const qsizetype size = i == 2 ? body.size() - from : third;
        auto part = store.uploadPart(u"b"_s, key, upload->uploadId, i + 1, QByteArrayView(body).sliced(from, size));
        if (!part.ok())
            return false;
        parts.append({i + 1, part->etag, {}});
    }
    return store.completeMultipartUpload(u"b"_s, key, upload->uploadId, parts).ok();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: store_crash_writer DIR ROUND\n");
        return 2;
    }
    StoreOptions options;
    options.directory = QString::fromLocal8Bit(argv[1]);
    options.minPartSize = 1024;
    auto opened = ObjectStore::open(options);
    if (!opened.ok()) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.error().message()));
        return 1;
    }
    ObjectStore &store = *opened.value();
    store.createBucket(u"b"_s, {}); // exists after the first round
    const QByteArray round = argv[2];
    say("READY\n");

    constexpr int kThreads = 8;
    static const qsizetype sizes[] = {0, 100, 4096, 70 * 1024, 300 * 1024, 48 * 1024};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&store, &round, t] {
            QRandomGenerator random(quint32(t * 7919 + round.toInt()));
            for (int n = 0;; ++n) {
                const qsizetype size = sizes[random.bounded(int(std::size(sizes)))];
                const QByteArray key = "w" + round + "/t" + QByteArray::number(t) + "/"
                    + QByteArray::number(n) + "/" + QByteArray::number(size);
                const QByteArray body = crashBody(key);
                bool ok = false;
                if (size >= 4096 && random.bounded(4) == 0) {
                    ok = writeMultipart(store, key, body);
                } else {
                    auto upload = store.beginPut(u"b"_s, key, {});
                    // Stream in pieces, as the HTTP layer does.
                    for (qsizetype at = 0; upload.ok() && at < body.size(); at += 32768)
                        upload.value()->write(QByteArrayView(body).sliced(at, qMin<qsizetype>(32768, body.size() - at)));
                    ok = upload.ok() && upload.value()->commit().ok();
                }
                if (ok)
                    say("ACK " + key + ' ' + crashBodyHash(body) + '\n');
                // Replace an earlier key now and then, so old blobs get freed mid-crash.
                if (n > 0 && random.bounded(5) == 0) {
                    const QByteArray again = "w" + round + "/t" + QByteArray::number(t) + "/r/"
                        + QByteArray::number(sizes[random.bounded(int(std::size(sizes)))]);
                    if (store.putObject(u"b"_s, again, {}, crashBody(again)).ok())
                        say("ACK " + again + ' ' + crashBodyHash(crashBody(again)) + '\n');
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    return 0;
}
