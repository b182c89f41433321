#pragma once
// The queue owns the jobs: it journals each one, starts up to settings.concurrentJobs at
// a time, and gives them the shared request-slot gate (settings.globalRequestCap) and
// bandwidth limiter. restore() brings back what the journal holds after a restart.
//
//   TransferJournal journal; journal.open(path);
//   TransferQueue queue(resolver, &journal);
//   queue.restore();
//   queue.add(std::make_unique<UploadFileJob>(u"/tmp/a.iso"_s, ObjectLocation{conn, u"b"_s, u"a.iso"_s}));

#include "job_environment.h"
#include "job_state.h"
#include "transfer_journal.h"
#include "transfer_settings.h"

#include <QMap>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace coffer::transfer {

class BandwidthLimiter;
class RequestSlots;
class TransferJob;

class TransferQueue : public QObject
{
    Q_OBJECT
public:
    // journal is not owned and may be null (nothing survives a restart then).
    TransferQueue(ClientResolver clients, TransferJournal *journal, QObject *parent = nullptr);
    TransferQueue(ClientResolver clients, TransferJournal *journal, const TransferSettings &settings,
                  QObject *parent = nullptr);
    ~TransferQueue() override;

    const TransferSettings &settings() const { return m_settings; }
    void setSettings(const TransferSettings &settings);
    TransferJournal *journal() const { return m_journal; }

    // How restore() rebuilds a job of a kind from its journal record. The upload kinds
    // are registered by the constructor; other kinds are registered by their code
    // (e.g. core/transfer/remote) or by the app.
    using JobFactory = std::function<std::unique_ptr<TransferJob>(const JobRecord &record)>;
    void registerJobKind(JobKind kind, JobFactory factory);

    // Takes the job, journals it (it gets its id) and queues it (or keeps it Paused or
    // Failed, for restored jobs). Returns the job, still owned by the queue.
    TransferJob *add(std::unique_ptr<TransferJob> job);
    // Re-creates the journal's unfinished jobs: those that were Queued or Running are
    // queued again (and resume from their finished parts), Paused and Failed ones keep
    // their state. Returns how many came back; problems() says why others did not.
    int restore();
    QStringList problems() const { return m_problems; }

    QList<TransferJob *> jobs() const;
    TransferJob *job(qint64 id) const;
    // Deletes a finished job (Completed, Failed or Cancelled) and its journal rows.
    bool remove(TransferJob *job);

    void pauseAll();
    void resumeAll();
    void cancelAll();
    // No job Queued, Running or Verifying.
    bool isIdle() const;

    RequestSlots *requestSlots() const { return m_slots; }
    BandwidthLimiter *bandwidth() const { return m_bandwidth; }
    // Fault injection for tests (see BodyTap); applies to jobs added afterwards.
    void setBodyTap(BodyTap tap);

Q_SIGNALS:
    void jobAdded(coffer::transfer::TransferJob *job);
    void jobFinished(coffer::transfer::TransferJob *job);
    void jobRemoved(qint64 id);
    // The last active job finished.
    void idle();

private:
    void schedule();
    void onStateChanged(TransferJob *job);
    JobEnvironment environment() const;

    ClientResolver m_clients;
    TransferJournal *m_journal;
    TransferSettings m_settings;
    RequestSlots *m_slots;
    BandwidthLimiter *m_bandwidth;
    BodyTap m_bodyTap;
    QMap<JobKind, JobFactory> m_factories;
    std::vector<std::unique_ptr<TransferJob>> m_jobs;
    QStringList m_problems;
    bool m_scheduling = false;
    bool m_wasBusy = false;
};

} // namespace coffer::transfer
