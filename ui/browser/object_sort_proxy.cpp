#include "ui/browser/object_sort_proxy.h"

#include "ui/browser/object_list_model.h"

namespace coffer::ui {

ObjectSortProxy::ObjectSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(ObjectListModel::NameColumn);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(ObjectListModel::SortRole);
}

void ObjectSortProxy::setSourceModel(QAbstractItemModel *model)
{
    m_objects = qobject_cast<const ObjectListModel *>(model);
    Q_ASSERT(m_objects || !model);
    QSortFilterProxyModel::setSourceModel(model);
}

void ObjectSortProxy::setNameFilter(const QString &text)
{
    setFilterFixedString(text);
}

bool ObjectSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const ObjectRow &a = m_objects->row(left.row());
    const ObjectRow &b = m_objects->row(right.row());
    if (a.isFolder != b.isFolder) {
        // The view reverses the order for a descending sort; undo that for folders.
        return sortOrder() == Qt::AscendingOrder ? a.isFolder : b.isFolder;
    }
    auto byName = [&] {
        const int c = a.name.compare(b.name, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a.name < b.name;
    };
    switch (left.column()) {
    case ObjectListModel::SizeColumn:
        return a.size != b.size ? a.size < b.size : byName();
    case ObjectListModel::LastModifiedColumn:
        return a.lastModifiedMs != b.lastModifiedMs ? a.lastModifiedMs < b.lastModifiedMs : byName();
    case ObjectListModel::NameColumn:
        return byName();
    default: {
        const int c = QString::compare(left.data(Qt::DisplayRole).toString(),
            right.data(Qt::DisplayRole).toString(), Qt::CaseInsensitive);
        return c != 0 ? c < 0 : byName();
    }
    }
}

} // namespace coffer::ui
