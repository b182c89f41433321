#pragma once
// Sorting and name filtering over the object list. Folders stay above objects in either
// sort order, as file managers do. Comparisons read the source rows directly rather than
// through QVariant, which keeps sorting a prefix of 200,000 keys quick.

#include <QSortFilterProxyModel>

namespace coffer::ui {

class ObjectListModel;

class ObjectSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ObjectSortProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override; // an ObjectListModel
    // Shows the rows whose name contains text (case-insensitive); empty shows all.
    void setNameFilter(const QString &text);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const ObjectListModel *m_objects = nullptr;
};

} // namespace coffer::ui
