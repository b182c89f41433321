#pragma once
// One row per job of a TransferQueue, in the order the jobs were added. Rows are inserted
// and removed as the queue adds and removes jobs (never a reset); state changes update
// their row at once, while progress is coalesced: a row's figures are repainted at most
// every kFlushIntervalMs, however often its job reports, so a busy queue never floods the
// view.
//
// Raw values for sorting and painting come through ValueRole (never parsed from text).

#include "transfer/job_state.h"
#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace coffer::ui {

class TransferListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DirectionColumn,
        SizeColumn,
        ProgressColumn,
        RateColumn,
        EtaColumn,
        StateColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ValueRole = Qt::UserRole + 1, // the column's raw value (qint64, double, int) for sorting and painting
        JobRole, // TransferJob* (QVariant::fromValue)
        StateRole, // transfer::JobState as int
    };
    static constexpr int kFlushIntervalMs = 100;

    explicit TransferListModel(QObject *parent = nullptr);
    ~TransferListModel() override;

    // The queue to show (not owned; nullptr shows nothing). Rows follow it from now on.
    void setQueue(transfer::TransferQueue *queue);
    transfer::TransferQueue *queue() const { return m_queue; }

    transfer::TransferJob *jobAt(int row) const;
    int rowOf(const transfer::TransferJob *job) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // How many dataChanged signals progress has caused so far (for the flood test and the
    // benchmark's report).
    qint64 progressUpdates() const { return m_progressUpdates; }

private:
    void addJob(transfer::TransferJob *job);
    void removeJob(const QObject *job);
    void syncWithQueue();
    void onStateChanged(transfer::TransferJob *job);
    void flushProgress();
    QVariant display(const transfer::TransferJob &job, int column) const;
    QVariant value(const transfer::TransferJob &job, int column) const;

    QPointer<transfer::TransferQueue> m_queue;
    QList<transfer::TransferJob *> m_rows;
    QSet<const transfer::TransferJob *> m_dirty;
    QTimer m_flush;
    qint64 m_progressUpdates = 0;
};

} // namespace coffer::ui
