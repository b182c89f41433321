#pragma once
// The unfinished multipart uploads of one bucket as a table: key, when it was started, how
// many parts it holds and their size (what the store bills until it is aborted).

#include "transfer/remote/orphaned_uploads.h"

#include <QAbstractTableModel>
#include <QList>

namespace coffer::ui {

class OrphanedUploadsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, InitiatedColumn, PartsColumn, SizeColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { ValueRole = Qt::UserRole + 1 };

    explicit OrphanedUploadsModel(QObject *parent = nullptr);

    // A new scan's result replaces the rows.
    void setUploads(const QList<transfer::OrphanedUpload> &uploads);
    QList<transfer::OrphanedUpload> uploads() const { return m_uploads; }
    transfer::OrphanedUpload uploadAt(int row) const { return m_uploads.value(row); }
    // The bytes every listed upload holds (known sizes only).
    qint64 totalBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<transfer::OrphanedUpload> m_uploads;
};

} // namespace coffer::ui
