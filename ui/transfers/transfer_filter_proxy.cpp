#include "ui/transfers/transfer_filter_proxy.h"

#include "ui/transfers/transfer_list_model.h"

#include "transfer/job_state.h"

namespace coffer::ui {

TransferFilterProxy::TransferFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TransferListModel::ValueRole);
    // A job moving from Running to Failed must move between filters by itself.
    setDynamicSortFilter(true);
}

void TransferFilterProxy::setFilter(Filter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateRowsFilter();
}

bool TransferFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter == Filter::All)
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto state = transfer::JobState(index.data(TransferListModel::StateRole).toInt());
    switch (m_filter) {
    case Filter::All:
        return true;
    case Filter::Active:
        return !transfer::isFinished(state);
    case Filter::Finished:
        return state == transfer::JobState::Completed || state == transfer::JobState::Cancelled;
    case Filter::Failed:
        return state == transfer::JobState::Failed;
    }
    return true;
}

bool TransferFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(TransferListModel::ValueRole);
    const QVariant b = right.data(TransferListModel::ValueRole);
    if (a.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    if (a.typeId() == QMetaType::Double)
        return a.toDouble() < b.toDouble();
    return a.toLongLong() < b.toLongLong();
}

} // namespace coffer::ui
