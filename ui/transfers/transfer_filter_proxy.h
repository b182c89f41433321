#pragma once
// Filters the Transfers list by what a person asks about (all, active, finished, failed)
// and sorts it by the model's raw values (TransferListModel::ValueRole), never by text.

#include <QSortFilterProxyModel>

namespace coffer::ui {

class TransferFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Filter {
        All,
        Active, // not finished: queued, running, verifying, paused
        Finished, // completed or cancelled
        Failed,
    };
    Q_ENUM(Filter)

    explicit TransferFilterProxy(QObject *parent = nullptr);

    Filter filter() const { return m_filter; }
    void setFilter(Filter filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    Filter m_filter = Filter::All;
};

} // namespace coffer::ui
