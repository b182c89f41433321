#include "ui/transfers/transfer_list_model.h"

#include "ui/transfers/transfer_text.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::ui {

TransferListModel::TransferListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flush.setInterval(kFlushIntervalMs);
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &TransferListModel::flushProgress);
}

TransferListModel::~TransferListModel() = default;

void TransferListModel::setQueue(transfer::TransferQueue *queue)
{
    if (queue == m_queue)
        return;
    beginResetModel();
    for (transfer::TransferJob *job : std::as_const(m_rows))
        disconnect(job, nullptr, this, nullptr);
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_rows.clear();
    m_dirty.clear();
    m_queue = queue;
    endResetModel();
    if (!queue)
        return;
    connect(queue, &transfer::TransferQueue::jobAdded, this, &TransferListModel::addJob);
    connect(queue, &transfer::TransferQueue::jobRemoved, this, &TransferListModel::syncWithQueue);
    for (transfer::TransferJob *job : queue->jobs())
        addJob(job);
}

void TransferListModel::addJob(transfer::TransferJob *job)
{
    if (!job || m_rows.contains(job))
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(job);
    endInsertRows();
    connect(job, &transfer::TransferJob::stateChanged, this, [this, job] { onStateChanged(job); });
    connect(job, &transfer::TransferJob::progressChanged, this, [this, job] {
        m_dirty.insert(job);
        if (!m_flush.isActive())
            m_flush.start();
    });
    // The queue deletes its jobs when it goes; their rows go with them.
    connect(job, &QObject::destroyed, this, &TransferListModel::removeJob);
}

void TransferListModel::removeJob(const QObject *job)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (static_cast<const QObject *>(m_rows.at(row)) != job)
            continue;
        // The job is half destroyed already: views that read the row while it goes
        // (rowsAboutToBeRemoved) must find nothing rather than a dead object.
        m_dirty.remove(m_rows.at(row));
        m_rows[row] = nullptr;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
        return;
    }
}

void TransferListModel::syncWithQueue()
{
    // jobRemoved names a journal id, which is 0 for every job when there is no journal,
    // so the rows are compared with the queue's jobs instead.
    const QList<transfer::TransferJob *> jobs = m_queue ? m_queue->jobs() : QList<transfer::TransferJob *>();
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        transfer::TransferJob *job = m_rows.at(row);
        if (jobs.contains(job))
            continue;
        disconnect(job, nullptr, this, nullptr);
        beginRemoveRows({}, row, row);
        m_dirty.remove(job);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

void TransferListModel::onStateChanged(transfer::TransferJob *job)
{
    const int row = rowOf(job);
    if (row < 0)
        return;
    // A state change repaints the whole row (rate and ETA clear when a job stops).
    m_dirty.remove(job);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TransferListModel::flushProgress()
{
    if (m_dirty.isEmpty())
        return;
    // Dirty rows in order, then one dataChanged per run of neighbours.
    QList<int> rows;
    rows.reserve(m_dirty.size());
    for (const transfer::TransferJob *job : std::as_const(m_dirty)) {
        const int row = rowOf(job);
        if (row >= 0)
            rows.append(row);
    }
    m_dirty.clear();
    std::sort(rows.begin(), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(rows.at(i), SizeColumn), index(rows.at(j), EtaColumn));
        ++m_progressUpdates;
        i = j + 1;
    }
}

transfer::TransferJob *TransferListModel::jobAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : nullptr;
}

int TransferListModel::rowOf(const transfer::TransferJob *job) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row) == job)
            return row;
    }
    return -1;
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransferListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const transfer::TransferJob *job = m_rows.at(index.row());
    if (!job)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*job, index.column());
    case ValueRole:
        return value(*job, index.column());
    case JobRole:
        return QVariant::fromValue(const_cast<transfer::TransferJob *>(job));
    case StateRole:
        return int(job->state());
    case Qt::ToolTipRole: {
        // A failed row explains itself wherever the pointer rests.
        const QString error = job->errorMessage();
        if (!error.isEmpty())
            return error;
        if (index.column() == NameColumn)
            return tr("From %1\nTo %2").arg(job->sourceDescription(), job->destinationDescription());
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == RateColumn || index.column() == EtaColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant TransferListModel::display(const transfer::TransferJob &job, int column) const
{
    const transfer::TransferProgress progress = job.progress();
    switch (column) {
    case NameColumn:
        return job.displayName();
    case DirectionColumn:
        return TransferText::direction(job.kind());
    case SizeColumn:
        return TransferText::size(progress.bytesTotal);
    case ProgressColumn:
        if (progress.bytesTotal <= 0)
            return job.state() == transfer::JobState::Completed ? tr("100%") : QString();
        return tr("%1%").arg(int(progress.fraction() * 100));
    case RateColumn:
        return TransferText::rate(progress.bytesPerSecond);
    case EtaColumn:
        return TransferText::eta(progress.etaSeconds);
    case StateColumn:
        return TransferText::stateLine(job);
    default:
        return {};
    }
}

QVariant TransferListModel::value(const transfer::TransferJob &job, int column) const
{
    const transfer::TransferProgress progress = job.progress();
    switch (column) {
    case NameColumn:
        return job.displayName();
    case DirectionColumn:
        return int(job.kind());
    case SizeColumn:
        return progress.bytesTotal;
    case ProgressColumn:
        // A completed job of unknown size (an empty prefix) is still all done.
        if (job.state() == transfer::JobState::Completed)
            return 1.0;
        return progress.fraction();
    case RateColumn:
        return progress.bytesPerSecond;
    case EtaColumn:
        return progress.etaSeconds ? *progress.etaSeconds : qint64(-1);
    case StateColumn:
        return int(job.state());
    default:
        return {};
    }
}

QVariant TransferListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DirectionColumn:
        return tr("Direction");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case RateColumn:
        return tr("Rate");
    case EtaColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace coffer::ui
