#pragma once
// Group commit. One thread owns the only writing SQLite connection; callers hand it a job
// and block. The thread takes every job waiting, runs each inside its own SAVEPOINT of one
// transaction (a failing job rolls back alone), commits once (one WAL fsync with
// synchronous=FULL) and only then releases the callers of that batch. While a batch is
// being fsynced the next one gathers, so N concurrent writers cost far fewer than N fsyncs.

#include "server/store/sqlite_db.h"

#include <QByteArray>
#include <QList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace coffer::server {

class CommitQueue
{
public:
    // What a job leaves behind: blob ids whose last reference it dropped. The caller
    // removes those files once the batch is durable.
    struct Effects {
        QList<QByteArray> freedBlobs;
    };
    using Job = std::function<StoreError(SqliteDatabase &db, Effects &effects)>;

    struct Outcome {
        StoreError error;
        Effects effects;
    };

    explicit CommitQueue(std::unique_ptr<SqliteDatabase> db);
    ~CommitQueue(); // finishes the jobs already queued, then stops
    CommitQueue(const CommitQueue &) = delete;
    CommitQueue &operator=(const CommitQueue &) = delete;

    // Runs job in the next batch and returns once that batch is durable (or failed).
    Outcome run(Job job);

    // Transactions committed so far (tests and the benchmark look at batching).
    quint64 batchCount() const;

private:
    struct Pending;
    void loop();
    void runBatch(std::deque<Pending *> &batch);

    std::unique_ptr<SqliteDatabase> m_db;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending *> m_queue;
    bool m_stopping = false;
    quint64 m_batches = 0;
    std::thread m_thread;
};

} // namespace coffer::server
