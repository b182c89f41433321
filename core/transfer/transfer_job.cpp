#include "transfer_job.h"


#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {
constexpr qint64 kRateSampleMs = 250;
constexpr int kProgressSignalMs = 100;
} // namespace

TransferJob::TransferJob(JobRecord record, QObject *parent)
    : QObject(parent)
    , m_record(std::move(record))
{
    m_clock.start();
}

TransferJob::~TransferJob() = default;

QString TransferJob::errorMessage() const
{
    if (m_error.isError())
        return m_error.userMessage();
    return m_record.state == JobState::Failed ? m_record.lastError : QString();
}

const TransferSettings &TransferJob::settings() const
{
    static const TransferSettings defaults;
    return m_env.settings ? *m_env.settings : defaults;
}

void TransferJob::attach(const JobEnvironment &environment)
{
    m_env = environment;
}

void TransferJob::start()
{
    if (m_record.state != JobState::Queued)
        return;
    ++m_generation;
    m_rate.reset();
    m_lastRateSampleMs = -1;
    setState(JobState::Running);
    run();
}

void TransferJob::pause()
{
    switch (m_record.state) {
    case JobState::Queued:
        setState(JobState::Paused);
        break;
    case JobState::Running:
    case JobState::Verifying:
        ++m_generation;
        halt();
        setState(JobState::Paused);
        break;
    default:
        break;
    }
}

void TransferJob::resume()
{
    if (m_record.state == JobState::Paused)
        setState(JobState::Queued);
}

void TransferJob::cancel()
{
    if (isFinished(m_record.state) && m_record.state != JobState::Failed)
        return;
    if (m_cancelling)
        return;
    m_cancelling = true;
    ++m_generation;
    halt();
    discard();
}

void TransferJob::retry()
{
    if (m_record.state != JobState::Failed)
        return;
    m_error = {};
    m_record.lastError.clear();
    m_itemFailures.clear();
    setState(JobState::Queued);
}

void TransferJob::discard()
{
    cancelled();
}

client::S3Client *TransferJob::client(const ConnectionRef &connection)
{
    client::S3Client *found = m_env.clients ? m_env.clients(connection) : nullptr;
    if (!found) {
        const QString name = connection.profile.isEmpty() ? connection.endpoint : connection.profile;
        fail(s3::S3Error::auth(tr("The connection “%1” is not available, so the transfer cannot run. "
                                  "Open or add that connection, then retry.")
                                   .arg(name)));
    }
    return found;
}

bool TransferJob::isCurrent(quint64 generation) const
{
    return generation == m_generation && isActive();
}

bool TransferJob::isActive() const
{
    return m_record.state == JobState::Running || m_record.state == JobState::Verifying;
}

void TransferJob::setTotals(qint64 bytesTotal, int itemsTotal)
{
    m_progress.bytesTotal = bytesTotal;
    m_progress.itemsTotal = itemsTotal;
    emitProgressSoon();
}

void TransferJob::setBytesDone(qint64 bytesDone)
{
    m_progress.bytesDone = bytesDone;
    updateRate();
    emitProgressSoon();
}

void TransferJob::addBytesDone(qint64 delta)
{
    setBytesDone(m_progress.bytesDone + delta);
}

void TransferJob::setItemsDone(int done, int failed)
{
    m_progress.itemsDone = done;
    m_progress.itemsFailed = failed;
    emitProgressSoon();
}

void TransferJob::setVerifying()
{
    if (m_record.state == JobState::Running)
        setState(JobState::Verifying);
}

void TransferJob::complete()
{
    if (isFinished(m_record.state))
        return;
    m_progress.etaSeconds = 0;
    setState(JobState::Completed);
    Q_EMIT progressChanged();
    Q_EMIT finished();
}

void TransferJob::fail(const s3::S3Error &error)
{
    if (isFinished(m_record.state) || m_cancelling)
        return;
    ++m_generation;
    halt();
    m_error = error;
    m_record.lastError = error.userMessage();
    setState(JobState::Failed);
    Q_EMIT finished();
}

void TransferJob::cancelled()
{
    if (!m_cancelling)
        return;
    m_cancelling = false;
    setState(JobState::Cancelled);
    Q_EMIT finished();
}

void TransferJob::addNotice(const QString &text)
{
    m_notices.append(text);
    Q_EMIT noticeAdded(text);
}

void TransferJob::addItemFailure(const QString &item, const QString &message)
{
    m_itemFailures.append({item, message});
    Q_EMIT itemFailed(item, message);
}

void TransferJob::setDescription(const QString &source, const QString &destination)
{
    m_record.source = source;
    m_record.destination = destination;
}

void TransferJob::saveRecord()
{
    if (!m_env.journal || m_record.id == 0)
        return;
    m_record.detail = detail();
    m_env.journal->updateJob(m_record);
}

void TransferJob::setState(JobState state)
{
    if (m_record.state == state)
        return;
    m_record.state = state;
    if (m_env.journal && m_record.id != 0)
        m_env.journal->setJobState(m_record.id, state, m_record.lastError);
    if (!isActive()) {
        m_progress.bytesPerSecond = 0;
        m_progress.etaSeconds.reset();
    }
    Q_EMIT stateChanged(state);
}

void TransferJob::updateRate()
{
    const qint64 now = m_clock.elapsed();
    if (m_lastRateSampleMs >= 0 && now - m_lastRateSampleMs < kRateSampleMs)
        return;
    m_lastRateSampleMs = now;
    m_rate.sample(now, m_progress.bytesDone);
    m_progress.bytesPerSecond = m_rate.bytesPerSecond();
    m_progress.etaSeconds = m_rate.etaSeconds(m_progress.bytesDone, m_progress.bytesTotal);
}

void TransferJob::emitProgressSoon()
{
    if (m_progressPending)
        return;
    m_progressPending = true;
    QTimer::singleShot(kProgressSignalMs, this, [this] {
        m_progressPending = false;
        Q_EMIT progressChanged();
    });
}

} // namespace coffer::transfer
