#include "ui/transfers/transfer_center.h"

#include "ui/connection/connection.h"

#include "transfer/remote/cross_copy_job.h" // registerRemoteJobKinds
#include "transfer/transfer_job.h"
#include "transfer/transfer_journal.h"
#include "transfer/transfer_queue.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {
// The status bar's figure moves at a human pace: sampled twice a second, and each sample
// weighs a third, so one bursty part does not make the number jump.
constexpr int kRateSampleMs = 500;
constexpr double kRateWeight = 1.0 / 3.0;
} // namespace

TransferCenter::TransferCenter(transfer::ClientResolver clients, QObject *parent)
    : TransferCenter(std::move(clients), defaultJournalPath(), {}, parent)
{ }

TransferCenter::TransferCenter(transfer::ClientResolver clients, const QString &journalPath,
    const transfer::TransferSettings &settings, QObject *parent)
    : QObject(parent)
    , m_journal(std::make_unique<transfer::TransferJournal>())
{
    if (!journalPath.isEmpty())
        QDir().mkpath(QFileInfo(journalPath).absolutePath());
    if (journalPath.isEmpty() || !m_journal->open(journalPath)) {
        m_journalError = tr("The transfer journal %1 could not be opened (%2). Transfers work, but "
                            "will not resume after Coffer restarts.")
                             .arg(journalPath, m_journal->errorString());
    }
    m_queue = std::make_unique<transfer::TransferQueue>(
        std::move(clients), m_journal->isOpen() ? m_journal.get() : nullptr, settings);
    transfer::registerRemoteJobKinds(*m_queue);

    m_rateTimer.setInterval(kRateSampleMs);
    connect(&m_rateTimer, &QTimer::timeout, this, &TransferCenter::sampleRate);
    connect(m_queue.get(), &transfer::TransferQueue::jobAdded, this, &TransferCenter::watchJob);
    restore();
}

TransferCenter::~TransferCenter()
{
    // The jobs stop (and journal where they were) before the journal closes.
    m_queue.reset();
}

QString TransferCenter::defaultJournalPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/transfers.sqlite"_s;
}

transfer::ConnectionRef TransferCenter::connectionRef(const Connection &connection)
{
    return { connection.id(), connection.profile().endpointUrl };
}

void TransferCenter::restore()
{
    m_queue->restore();
    m_restoreProblems = m_queue->problems();
    // restore() puts jobs that were moving back in line as Queued; the queue only starts
    // them from the event loop, so pausing them here means none sends a byte until the
    // person says so.
    for (transfer::TransferJob *job : m_queue->jobs()) {
        if (job->state() == transfer::JobState::Queued) {
            job->pause();
            m_interrupted.append(job);
        }
    }
}

QList<transfer::TransferJob *> TransferCenter::interruptedJobs() const
{
    QList<transfer::TransferJob *> jobs;
    for (const auto &job : m_interrupted) {
        if (job)
            jobs.append(job.data());
    }
    return jobs;
}

void TransferCenter::resumeInterrupted()
{
    const auto jobs = interruptedJobs();
    m_interrupted.clear();
    for (transfer::TransferJob *job : jobs)
        job->resume();
    Q_EMIT interruptedChanged();
}

void TransferCenter::dismissInterrupted()
{
    if (m_interrupted.isEmpty())
        return;
    m_interrupted.clear();
    Q_EMIT interruptedChanged();
}

void TransferCenter::watchJob(transfer::TransferJob *job)
{
    connect(job, &transfer::TransferJob::stateChanged, this, [this, job](transfer::JobState state) {
        // An interrupted job the person resumed (or cancelled) from its row no longer
        // waits for the offer.
        if (state != transfer::JobState::Paused && m_interrupted.removeAll(job) > 0)
            Q_EMIT interruptedChanged();
        if ((state == transfer::JobState::Running || state == transfer::JobState::Verifying)
            && !m_rateTimer.isActive())
            m_rateTimer.start();
    });
}

void TransferCenter::sampleRate()
{
    double total = 0;
    bool active = false;
    for (const transfer::TransferJob *job : m_queue->jobs()) {
        const transfer::JobState state = job->state();
        if (state == transfer::JobState::Running || state == transfer::JobState::Verifying) {
            active = true;
            total += job->progress().bytesPerSecond;
        }
    }
    double next = m_rate + kRateWeight * (total - m_rate);
    // Settle to a clean zero once nothing moves, and stop waking up.
    if (!active && next < 1.0) {
        next = 0;
        m_rateTimer.stop();
    }
    if (next != m_rate) {
        m_rate = next;
        Q_EMIT rateChanged(m_rate);
    }
}

} // namespace coffer::ui
