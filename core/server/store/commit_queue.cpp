#include "server/store/commit_queue.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

struct CommitQueue::Pending {
    Job job;
    Outcome outcome;
    bool done = false;
    std::condition_variable finished;
};

CommitQueue::CommitQueue(std::unique_ptr<SqliteDatabase> db)
    : m_db(std::move(db)), m_thread([this] { loop(); })
{
}

CommitQueue::~CommitQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

quint64 CommitQueue::batchCount() const
{
    std::lock_guard lock(m_mutex);
    return m_batches;
}

CommitQueue::Outcome CommitQueue::run(Job job)
{
    Pending pending;
    pending.job = std::move(job);
    std::unique_lock lock(m_mutex);
    if (m_stopping)
        return {StoreError::io(u"The store is closing; the write was not made"_s), {}};
    m_queue.push_back(&pending);
    m_wake.notify_one();
    pending.finished.wait(lock, [&pending] { return pending.done; });
    return std::move(pending.outcome);
}

void CommitQueue::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left to do
        std::deque<Pending *> batch;
        batch.swap(m_queue);
        lock.unlock();
        runBatch(batch);
        lock.lock();
        ++m_batches;
        for (Pending *pending : batch) {
            pending->done = true;
            pending->finished.notify_one();
        }
    }
}

void CommitQueue::runBatch(std::deque<Pending *> &batch)
{
    SqliteDatabase &db = *m_db;
    if (StoreError error = db.exec("BEGIN IMMEDIATE"); error.isError()) {
        for (Pending *pending : batch)
            pending->outcome.error = error;
        return;
    }
    bool anyApplied = false;
    for (Pending *pending : batch) {
        db.exec("SAVEPOINT job");
        Effects effects;
        StoreError error = pending->job(db, effects);
        if (error.isError()) {
            db.exec("ROLLBACK TO job");
            pending->outcome.error = std::move(error);
        } else {
            pending->outcome.effects = std::move(effects);
            anyApplied = true;
        }
        db.exec("RELEASE job");
    }
    db.resetAll();
    if (!anyApplied) {
        db.exec("ROLLBACK");
        return;
    }
    if (StoreError error = db.exec("COMMIT"); error.isError()) {
        db.exec("ROLLBACK");
        for (Pending *pending : batch) {
            if (!pending->outcome.error.isError()) {
                pending->outcome.error = error;
                pending->outcome.effects = {};
            }
        }
    }
}

} // namespace coffer::server
