// Prints the store's figures: durable 4 KiB PUTs per second at concurrency 16, the time of
// a full listing walk over 100,000 keys, and MB/s writing and reading one 1 GiB object.
// Usage: bench_store [--dir PATH] [--quick]
// The store goes into PATH (default: a temporary directory under the system temp path,
// which should be on the disk you want to measure: /dev/shm measures no fsync at all).
#include "server/store/object_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace coffer::server;

namespace {

[[noreturn]] void die(const QString &what, const StoreError &error)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(what), qPrintable(error.message()));
    std::exit(1);
}

// Runs `count` PUTs of `body` from `threads` threads; returns the elapsed seconds.
double putMany(ObjectStore &store, const QByteArray &prefix, int count, int threads,
               const QByteArray &body)
{
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                const QByteArray key = prefix + QByteArray::number(i).rightJustified(7, '0');
                if (!store.putObject(u"bench"_s, key, {}, body).ok())
                    ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    if (failures)
        std::fprintf(stderr, "%d PUTs failed\n", failures.load());
    return double(timer.nsecsElapsed()) / 1e9;
}

void durablePuts(ObjectStore &store, int count)
{
    const QByteArray body(4096, 'p');
    putMany(store, "warm/", 200, 16, body);
    // One writer: every PUT is its own commit and fsync, i.e. the disk's durable commit rate.
    const int single = qMax(100, count / 10);
    const double singleSeconds = putMany(store, "one/", single, 1, body);
    std::printf("durable 4 KiB PUTs, concurrency 1:  %d in %.2f s = %.0f PUT/s (one fsync each)\n",
                single, singleSeconds, single / singleSeconds);
    const quint64 batchesBefore = store.commitBatches();
    const double seconds = putMany(store, "put/", count, 16, body);
    const quint64 batches = store.commitBatches() - batchesBefore;
    std::printf("durable 4 KiB PUTs, concurrency 16: %d in %.2f s = %.0f PUT/s "
                "(%llu commits, %.1f PUTs per fsync)\n",
                count, seconds, count / seconds, static_cast<unsigned long long>(batches),
                double(count) / double(qMax<quint64>(1, batches)));
}

void listingWalk(ObjectStore &store, int keys)
{
    // Seeded with many writers so group commit makes it quick; not part of the figure.
    const double seedSeconds = putMany(store, "list/", keys, 64, "x");
    std::printf("seeded %d keys in %.1f s\n", keys, seedSeconds);
    for (const QByteArray &delimiter : {QByteArray(), QByteArray("/")}) {
        QElapsedTimer timer;
        timer.start();
        ListRequest request;
        request.prefix = "list/";
        request.delimiter = delimiter;
        int seen = 0;
        int pages = 0;
        for (;;) {
            StoreResult<ListResult> page = store.listObjects(u"bench"_s, request);
            if (!page.ok())
                die(u"listing"_s, page.error());
            seen += int(page->objects.size() + page->commonPrefixes.size());
            ++pages;
            if (!page->isTruncated)
                break;
            request.startAfter = page->nextStartAfter;
        }
        std::printf("listing walk%s: %d entries in %d pages, %.3f s\n",
                    delimiter.isEmpty() ? "" : " (delimiter /)", seen, pages,
                    double(timer.nsecsElapsed()) / 1e9);
    }
}

void bigObject(ObjectStore &store, const QString &dataDir, qint64 size)
{
    QByteArray chunk(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < chunk.size(); ++i)
        chunk[i] = char(i * 131 + 7);
    QElapsedTimer timer;
    timer.start();
    auto upload = store.beginPut(u"bench"_s, "big", {});
    if (!upload.ok())
        die(u"begin 1 GiB PUT"_s, upload.error());
    for (qint64 written = 0; written < size; written += chunk.size()) {
        if (StoreError error = upload.value()->write(chunk); error.isError())
            die(u"writing 1 GiB"_s, error);
    }
    StoreResult<ObjectRecord> record = upload.value()->commit();
    if (!record.ok())
        die(u"committing 1 GiB"_s, record.error());
    const double writeSeconds = double(timer.nsecsElapsed()) / 1e9;
    // Drop the blob's pages from the page cache (they are clean after the fsync), so the
    // read comes from the disk. The benchmark finds the file by size; the API hides paths.
    QDirIterator files(dataDir, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QFileInfo info = files.nextFileInfo();
        if (info.size() != size)
            continue;
        const int fd = ::open(QFile::encodeName(info.filePath()).constData(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            ::close(fd);
        }
    }
    timer.restart();
    StoreResult<ObjectRead> read = store.getObject(u"bench"_s, "big");
    if (!read.ok())
        die(u"opening 1 GiB"_s, read.error());
    qint64 total = 0;
    while (!read->reader->atEnd()) {
        StoreResult<QByteArray> data = read->reader->read(1024 * 1024);
        if (!data.ok())
            die(u"reading 1 GiB"_s, data.error());
        total += data->size();
    }
    const double readSeconds = double(timer.nsecsElapsed()) / 1e9;
    const double mib = double(size) / (1024.0 * 1024.0);
    std::printf("%.0f MiB object (MD5 ETag computed while writing): write %.1f MB/s (%.2f s), "
                "read (page cache dropped) %.1f MB/s (%.2f s, %lld bytes)\n",
                mib, double(size) / 1e6 / writeSeconds, writeSeconds,
                double(total) / 1e6 / readSeconds, readSeconds, qlonglong(total));
    read.value().reader.reset();
    store.deleteObject(u"bench"_s, "big");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Coffer object store benchmark"_s);
    parser.addHelpOption();
    const QCommandLineOption dirOption(u"dir"_s, u"Directory for the store (made and removed)."_s, u"path"_s);
    const QCommandLineOption quickOption(u"quick"_s, u"Smaller sizes, for a smoke run."_s);
    parser.addOptions({dirOption, quickOption});
    parser.process(app);
    const bool quick = parser.isSet(quickOption);

    QTemporaryDir dir(parser.isSet(dirOption) ? parser.value(dirOption) + u"/coffer-bench-XXXXXX"_s
                                               : QDir::tempPath() + u"/coffer-bench-XXXXXX"_s);
    if (!dir.isValid()) {
        std::fprintf(stderr, "cannot create a directory for the store\n");
        return 1;
    }
    StoreOptions options;
    options.directory = dir.path();
    StoreResult<std::unique_ptr<ObjectStore>> opened = ObjectStore::open(options);
    if (!opened.ok())
        die(u"opening the store"_s, opened.error());
    ObjectStore &store = *opened.value();
    if (StoreError error = store.createBucket(u"bench"_s, {}); error.isError())
        die(u"creating the bucket"_s, error);
    std::printf("store in %s\n", qPrintable(dir.path()));

    durablePuts(store, quick ? 1000 : 10000);
    listingWalk(store, quick ? 10000 : 100000);
    bigObject(store, dir.path() + u"/data"_s, quick ? 64LL * 1024 * 1024 : 1024LL * 1024 * 1024);
    return 0;
}
