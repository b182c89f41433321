#include "ui/activity/activity_model.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

// A red that stays readable on light and dark palettes alike.
const QColor kFailureColour(0xd9, 0x3f, 0x3a);

QString byteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

bool isFailure(const client::HttpActivity &record)
{
    return record.status == 0 || record.status >= 400;
}

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ActivityModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    if (m_rows.size() > m_capacity)
        dropOldest(int(m_rows.size()) - m_capacity);
}

void ActivityModel::append(const client::HttpActivity &record, const QByteArray &region)
{
    if (m_rows.size() >= m_capacity)
        dropOldest(int(m_rows.size()) - m_capacity + 1);
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({QDateTime::currentDateTime(), record, region});
    endInsertRows();
}

void ActivityModel::dropOldest(int count)
{
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.remove(0, count); // QList keeps free space at the front: no shifting
    endRemoveRows();
}

void ActivityModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

client::HttpActivity ActivityModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).record : client::HttpActivity{};
}

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole: {
        const auto &r = row.record;
        QStringList lines{r.url};
        if (!r.error.isEmpty())
            lines << r.error;
        if (!r.requestId.isEmpty())
            lines << tr("Request ID: %1").arg(r.requestId);
        if (r.attempt > 1)
            lines << tr("Attempt %1").arg(r.attempt);
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        return isFailure(row.record) ? QVariant(QBrush(kFailureColour)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == BytesColumn || index.column() == DurationColumn || index.column() == StatusColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case RecordRole:
        return QVariant::fromValue(row.record);
    case RegionRole:
        return row.region;
    case UnderlyingDataRole:
        return underlying(row, index.column());
    default:
        return {};
    }
}

QVariant ActivityModel::display(const Row &row, int column) const
{
    const auto &r = row.record;
    switch (column) {
    case TimeColumn:
        return QLocale().toString(row.time.time(), u"HH:mm:ss.zzz"_s);
    case MethodColumn:
        return QString::fromLatin1(r.method);
    case UrlColumn:
        return r.url;
    case StatusColumn:
        if (r.status == 0)
            return tr("failed");
        return r.attempt > 1 ? tr("%1 (retry %2)").arg(r.status).arg(r.attempt - 1) : QString::number(r.status);
    case BytesColumn: {
        QStringList parts;
        if (r.bytesSent > 0)
            parts << tr("↑ %1").arg(byteSize(r.bytesSent));
        if (r.bytesReceived > 0 || r.bytesSent == 0)
            parts << tr("↓ %1").arg(byteSize(r.bytesReceived));
        return parts.join(u' ');
    }
    case DurationColumn:
        return tr("%1 ms").arg(QLocale().toString(r.durationMs));
    default:
        return {};
    }
}

QVariant ActivityModel::underlying(const Row &row, int column) const
{
    const auto &r = row.record;
    switch (column) {
    case TimeColumn:
        return row.time;
    case MethodColumn:
        return r.method;
    case UrlColumn:
        return r.url;
    case StatusColumn:
        return r.status;
    case BytesColumn:
        return r.bytesSent + r.bytesReceived;
    case DurationColumn:
        return r.durationMs;
    default:
        return {};
    }
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case BytesColumn:
        return tr("Bytes");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

} // namespace coffer::ui
