#include "ui/transfers/orphaned_uploads_model.h"

#include "ui/transfers/transfer_text.h"

#include <QLocale>

namespace coffer::ui {

OrphanedUploadsModel::OrphanedUploadsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void OrphanedUploadsModel::setUploads(const QList<transfer::OrphanedUpload> &uploads)
{
    beginResetModel();
    m_uploads = uploads;
    endResetModel();
}

qint64 OrphanedUploadsModel::totalBytes() const
{
    qint64 total = 0;
    for (const transfer::OrphanedUpload &upload : m_uploads)
        total += upload.sizeError.isEmpty() ? upload.bytes : 0;
    return total;
}

int OrphanedUploadsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_uploads.size());
}

int OrphanedUploadsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrphanedUploadsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const transfer::OrphanedUpload &upload = m_uploads.at(index.row());
    const bool sizeKnown = upload.sizeError.isEmpty();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case KeyColumn:
            return upload.key;
        case InitiatedColumn:
            return QLocale().toString(upload.initiated.toLocalTime(), QLocale::ShortFormat);
        case PartsColumn:
            return sizeKnown ? QLocale().toString(upload.partCount) : QString();
        case SizeColumn:
            return sizeKnown ? TransferText::size(upload.bytes) : tr("Unknown");
        default:
            return {};
        }
    }
    if (role == ValueRole) {
        switch (index.column()) {
        case KeyColumn:
            return upload.key;
        case InitiatedColumn:
            return upload.initiated;
        case PartsColumn:
            return upload.partCount;
        case SizeColumn:
            return sizeKnown ? upload.bytes : qint64(-1);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!sizeKnown)
            return upload.sizeError;
        if (index.column() == KeyColumn)
            return tr("Upload ID %1").arg(upload.uploadId);
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == PartsColumn || index.column() == SizeColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant OrphanedUploadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case InitiatedColumn:
        return tr("Started");
    case PartsColumn:
        return tr("Parts");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

} // namespace coffer::ui
