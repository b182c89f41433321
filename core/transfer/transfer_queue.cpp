#include "transfer_queue.h"

#include "bandwidth_limiter.h"
#include "request_slots.h"
#include "transfer_job.h"
#include "upload_file_job.h"
#include "upload_folder_job.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

TransferQueue::TransferQueue(ClientResolver clients, TransferJournal *journal, QObject *parent)
    : TransferQueue(std::move(clients), journal, TransferSettings{}, parent)
{
}

TransferQueue::TransferQueue(ClientResolver clients, TransferJournal *journal, const TransferSettings &settings,
                             QObject *parent)
    : QObject(parent)
    , m_clients(std::move(clients))
    , m_journal(journal)
    , m_settings(settings)
    , m_slots(new RequestSlots(settings.globalRequestCap, this))
    , m_bandwidth(new BandwidthLimiter(settings.bandwidthLimit, this))
{
    registerJobKind(JobKind::UploadFile, &UploadFileJob::fromRecord);
    registerJobKind(JobKind::UploadFolder, &UploadFolderJob::fromRecord);
}

TransferQueue::~TransferQueue()
{
    // Jobs first: stopping them gives their request slots back to m_slots.
    m_jobs.clear();
}

void TransferQueue::setSettings(const TransferSettings &settings)
{
    const bool newLimit = settings.bandwidthLimit != m_settings.bandwidthLimit;
    m_settings = settings;
    m_slots->setCapacity(settings.globalRequestCap);
    if (newLimit)
        m_bandwidth->setLimit(settings.bandwidthLimit);
    schedule();
}

void TransferQueue::registerJobKind(JobKind kind, JobFactory factory)
{
    m_factories.insert(kind, std::move(factory));
}

JobEnvironment TransferQueue::environment() const
{
    return {m_clients, m_journal, m_slots, m_bandwidth, &m_settings, m_bodyTap};
}

void TransferQueue::setBodyTap(BodyTap tap)
{
    m_bodyTap = std::move(tap);
}

TransferJob *TransferQueue::add(std::unique_ptr<TransferJob> job)
{
    if (!job)
        return nullptr;
    TransferJob *raw = job.get();
    raw->setParent(nullptr);
    if (m_journal && m_journal->isOpen() && raw->m_record.id == 0) {
        raw->m_record.detail = raw->detail();
        raw->m_record.id = m_journal->addJob(raw->m_record);
    }
    raw->attach(environment());
    connect(raw, &TransferJob::stateChanged, this, [this, raw] { onStateChanged(raw); });
    m_jobs.push_back(std::move(job));
    Q_EMIT jobAdded(raw);
    schedule();
    return raw;
}

int TransferQueue::restore()
{
    m_problems.clear();
    if (!m_journal || !m_journal->isOpen())
        return 0;
    int restored = 0;
    const QList<JobRecord> records = m_journal->unfinishedJobs();
    for (JobRecord record : records) {
        if (job(record.id))
            continue;
        const auto factory = m_factories.constFind(record.kind);
        if (factory == m_factories.constEnd() || !*factory) {
            m_problems.append(tr("The journal holds a %1 job (%2) this program cannot resume.")
                                  .arg(QString::fromLatin1(jobKindId(record.kind)), record.displayName));
            continue;
        }
        // A job that was moving when the program stopped goes back in line.
        if (record.state == JobState::Running || record.state == JobState::Verifying)
            record.state = JobState::Queued;
        std::unique_ptr<TransferJob> restoredJob = (*factory)(record);
        if (!restoredJob) {
            m_problems.append(tr("The journal entry for “%1” is damaged and was skipped.").arg(record.displayName));
            continue;
        }
        restoredJob->m_record.id = record.id;
        restoredJob->m_record.state = record.state;
        restoredJob->m_record.lastError = record.lastError;
        add(std::move(restoredJob));
        ++restored;
    }
    return restored;
}

QList<TransferJob *> TransferQueue::jobs() const
{
    QList<TransferJob *> list;
    for (const auto &job : m_jobs)
        list.append(job.get());
    return list;
}

TransferJob *TransferQueue::job(qint64 id) const
{
    if (id == 0)
        return nullptr;
    for (const auto &job : m_jobs) {
        if (job->id() == id)
            return job.get();
    }
    return nullptr;
}

bool TransferQueue::remove(TransferJob *job)
{
    if (!job || !isFinished(job->state()))
        return false;
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it) {
        if (it->get() != job)
            continue;
        const qint64 id = job->id();
        if (m_journal && id != 0)
            m_journal->removeJob(id);
        std::unique_ptr<TransferJob> owned = std::move(*it);
        m_jobs.erase(it);
        owned.release()->deleteLater(); // the caller may be inside one of its signals
        Q_EMIT jobRemoved(id);
        return true;
    }
    return false;
}

void TransferQueue::pauseAll()
{
    for (const auto &job : m_jobs)
        job->pause();
}

void TransferQueue::resumeAll()
{
    for (const auto &job : m_jobs)
        job->resume();
}

void TransferQueue::cancelAll()
{
    for (const auto &job : m_jobs)
        job->cancel();
}

bool TransferQueue::isIdle() const
{
    for (const auto &job : m_jobs) {
        const JobState state = job->state();
        if (state == JobState::Queued || state == JobState::Running || state == JobState::Verifying)
            return false;
    }
    return true;
}

void TransferQueue::schedule()
{
    // Through the event loop: a job starting (or failing at once) inside another job's
    // signal must not re-enter the queue.
    if (m_scheduling)
        return;
    m_scheduling = true;
    QMetaObject::invokeMethod(this, [this] {
        m_scheduling = false;
        int running = 0;
        for (const auto &job : m_jobs) {
            if (job->isActive())
                ++running;
        }
        for (const auto &job : m_jobs) {
            if (running >= qMax(1, m_settings.concurrentJobs))
                break;
            if (job->state() == JobState::Queued) {
                job->start();
                ++running;
            }
        }
        if (isIdle() && m_wasBusy) {
            m_wasBusy = false;
            Q_EMIT idle();
        } else if (!isIdle()) {
            m_wasBusy = true;
        }
    }, Qt::QueuedConnection);
}

void TransferQueue::onStateChanged(TransferJob *job)
{
    if (isFinished(job->state()))
        Q_EMIT jobFinished(job);
    schedule();
}

} // namespace coffer::transfer
