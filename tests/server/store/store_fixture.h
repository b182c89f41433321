#pragma once
// A store in a fresh temporary directory, for the store tests.

#include "server/store/object_store.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace coffer::server::testing {

// The logic tests run on /dev/shm when there is one: fsync there costs nothing, and on a
// shared build machine a real-disk fsync can take tens of milliseconds. What they check
// does not depend on the filesystem; the crash test and the benchmark use the real disk.
inline QString scratchTemplate()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    if (shm.isDir() && shm.isWritable())
        return QStringLiteral("/dev/shm/coffer-store-test-XXXXXX");
    return QDir::tempPath() + QStringLiteral("/coffer-store-test-XXXXXX");
}

struct TempStore {
    explicit TempStore(StoreOptions options = {}) : dir(scratchTemplate())
    {
        options.directory = dir.path() + QStringLiteral("/store");
        if (options.minPartSize == StoreOptions().minPartSize)
            options.minPartSize = 16; // tiny parts keep the tests fast
        StoreResult<std::unique_ptr<ObjectStore>> opened = ObjectStore::open(options);
        if (!opened.ok())
            qFatal("opening a test store failed: %s", qUtf8Printable(opened.error().message()));
        store = std::move(opened.value());
    }

    ObjectStore *operator->() const { return store.get(); }

    // Blob files currently in DIR/data (every fan-out directory).
    int blobFileCount() const
    {
        int count = 0;
        const QDir data(store->options().directory + QStringLiteral("/data"));
        for (const QString &sub : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            count += int(QDir(data.filePath(sub)).entryList(QDir::Files).size());
        return count;
    }

    QTemporaryDir dir;
    std::unique_ptr<ObjectStore> store;
};

// Puts every key (with the key as its body) from 16 threads, so group commit batches the
// writes; returns how many failed.
inline int putConcurrently(ObjectStore &store, const QString &bucket, const QList<QByteArray> &keys)
{
    std::atomic<qsizetype> next{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 16; ++t) {
        workers.emplace_back([&] {
            for (qsizetype i = next++; i < keys.size(); i = next++) {
                if (!store.putObject(bucket, keys[i], {}, keys[i]).ok())
                    ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    return failures.load();
}

inline QByteArray readWhole(ObjectStore &store, const QString &bucket, const QByteArray &key)
{
    StoreResult<ObjectRead> read = store.getObject(bucket, key);
    if (!read.ok())
        return QByteArray("<error: ") + read.error().message().toUtf8() + '>';
    StoreResult<QByteArray> all = read->reader->readAll();
    return all.ok() ? all.value() : QByteArray("<read error>");
}

} // namespace coffer::server::testing
