#include "ui/browser/object_list_model.h"

#include "client/s3_client.h"
#include "ui/browser/object_drag_drop.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

QIcon standardIcon(QStyle::StandardPixmap which)
{
    return qobject_cast<QApplication *>(QCoreApplication::instance())
        ? QApplication::style()->standardIcon(which)
        : QIcon();
}

QByteArray unquoted(const QString &etag)
{
    QByteArray bytes = etag.toLatin1();
    if (bytes.size() >= 2 && bytes.startsWith('"') && bytes.endsWith('"'))
        bytes = bytes.mid(1, bytes.size() - 2);
    return bytes;
}

} // namespace

ObjectListModel::ObjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_folderIcon(QIcon::fromTheme(u"folder"_s, standardIcon(QStyle::SP_DirIcon)))
    , m_fileIcon(QIcon::fromTheme(u"text-x-generic"_s, standardIcon(QStyle::SP_FileIcon)))
{ }

ObjectListModel::~ObjectListModel()
{
    ++m_generation;
    if (m_call)
        m_call->cancel();
}

void ObjectListModel::clear()
{
    ++m_generation;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
    beginResetModel();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_folderCount = 0;
    m_pages = 0;
    m_continuationToken.clear();
    m_error.clear();
    endResetModel();
}

void ObjectListModel::setLocation(client::S3Client *client, const QString &bucket, const QString &prefix)
{
    clear();
    m_client = client;
    m_bucket = bucket;
    m_prefix = prefix;
    if (m_client && !m_bucket.isEmpty())
        requestPage();
    Q_EMIT statusChanged();
}

void ObjectListModel::showBuckets(const QStringList &buckets)
{
    clear();
    m_client = nullptr;
    m_bucket.clear();
    m_prefix.clear();
    if (!buckets.isEmpty()) {
        beginInsertRows({}, 0, int(buckets.size()) - 1);
        for (const QString &name : buckets) {
            ObjectRow bucket;
            bucket.name = name;
            bucket.isFolder = true;
            m_rows.push_back(std::move(bucket));
        }
        m_folderCount = int(buckets.size());
        endInsertRows();
    }
    Q_EMIT statusChanged();
}

void ObjectListModel::refresh()
{
    setLocation(m_client, m_bucket, m_prefix);
}

QString ObjectListModel::keyAt(int r) const
{
    const ObjectRow &entry = row(r);
    if (m_bucket.isEmpty())
        return entry.name; // a bucket of the bucket list
    if (entry.isFolder)
        return m_prefix + entry.name + u'/';
    return m_prefix + entry.name;
}

bool ObjectListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && hasMore() && !m_call;
}

void ObjectListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void ObjectListModel::requestPage()
{
    client::ListObjectsV2Params params;
    params.bucket = m_bucket;
    params.prefix = m_prefix;
    params.delimiter = u"/"_s;
    params.continuationToken = m_continuationToken;
    if (m_pageSize > 0)
        params.maxKeys = m_pageSize;
    m_error.clear();
    const quint64 generation = m_generation;
    m_call = m_client->listObjectsV2(params)->onFinished(
        this, [this, generation](const client::Result<s3::ListObjectsPage> &page) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!page.ok()) {
                // The rows so far stay; the continuation token too, so a retry resumes here.
                m_error = page.error().userMessage();
                Q_EMIT pageFailed(m_error);
                Q_EMIT statusChanged();
                return;
            }
            ++m_pages;
            m_continuationToken = page->isTruncated ? page->nextContinuationToken : QString();

            std::vector<ObjectRow> folders;
            for (const QString &prefix : page->commonPrefixes) {
                if (!prefix.startsWith(m_prefix) || prefix.size() <= m_prefix.size())
                    continue;
                ObjectRow folder;
                folder.name = prefix.mid(m_prefix.size()).chopped(1);
                folder.isFolder = true;
                folders.push_back(std::move(folder));
            }
            if (!folders.empty()) {
                // Folders stay first: a page's prefixes go after the folders already shown.
                beginInsertRows({}, m_folderCount, m_folderCount + int(folders.size()) - 1);
                m_rows.insert(m_rows.begin() + m_folderCount, std::make_move_iterator(folders.begin()),
                    std::make_move_iterator(folders.end()));
                m_folderCount += int(folders.size());
                endInsertRows();
            }

            std::vector<ObjectRow> objects;
            objects.reserve(size_t(page->objects.size()));
            for (const s3::ObjectEntry &entry : page->objects) {
                // "prefix/" itself is the folder's own marker (a "new folder"), not a row in it.
                if (entry.key == m_prefix || !entry.key.startsWith(m_prefix))
                    continue;
                ObjectRow object;
                object.name = entry.key.mid(m_prefix.size());
                object.size = entry.size;
                object.lastModifiedMs
                    = entry.lastModified.isValid() ? entry.lastModified.toMSecsSinceEpoch() : 0;
                object.etag = unquoted(entry.etag);
                object.storageClass = intern(m_storageClasses, entry.storageClass);
                QString checksum = entry.checksumAlgorithms.join(u", "_s);
                if (!checksum.isEmpty() && !entry.checksumType.isEmpty())
                    checksum += u" (%1)"_s.arg(entry.checksumType);
                object.checksum = intern(m_checksums, checksum);
                objects.push_back(std::move(object));
            }
            if (!objects.empty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(objects.size()) - 1);
                m_rows.insert(m_rows.end(), std::make_move_iterator(objects.begin()),
                    std::make_move_iterator(objects.end()));
                endInsertRows();
            }
            Q_EMIT statusChanged();
        });
    Q_EMIT statusChanged();
}

quint16 ObjectListModel::intern(QStringList &table, const QString &value)
{
    // A handful of distinct values per listing; past 65,535 the rest share the last slot.
    const qsizetype at = table.indexOf(value);
    if (at >= 0)
        return quint16(at);
    if (table.size() >= 0xffff)
        return quint16(table.size() - 1);
    table.append(value);
    return quint16(table.size() - 1);
}

int ObjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ObjectListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ObjectRow &entry = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return entry.name;
        case SizeColumn:
            return entry.isFolder ? QString() : QLocale().formattedDataSize(entry.size);
        case LastModifiedColumn:
            return entry.isFolder || entry.lastModifiedMs == 0
                ? QString()
                : QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.lastModifiedMs).toLocalTime(),
                      QLocale::ShortFormat);
        case StorageClassColumn:
            return m_storageClasses.at(entry.storageClass);
        case ETagColumn:
            return QString::fromLatin1(entry.etag);
        case ChecksumColumn:
            return m_checksums.at(entry.checksum);
        }
        return {};
    case Qt::DecorationRole:
        if (column == NameColumn)
            return entry.isFolder ? m_folderIcon : m_fileIcon;
        return {};
    case Qt::ToolTipRole:
        if (column == SizeColumn && !entry.isFolder)
            return tr("%1 bytes").arg(QLocale().toString(entry.size));
        if (column == NameColumn)
            return keyAt(index.row());
        return {};
    case Qt::TextAlignmentRole:
        if (column == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return keyAt(index.row());
    case IsFolderRole:
        return entry.isFolder;
    case SortRole:
        switch (column) {
        case SizeColumn:
            return entry.size;
        case LastModifiedColumn:
            return entry.lastModifiedMs;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant ObjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case LastModifiedColumn:
        return tr("Last modified");
    case StorageClassColumn:
        return tr("Storage class");
    case ETagColumn:
        return tr("ETag");
    case ChecksumColumn:
        return tr("Checksum");
    }
    return {};
}

Qt::ItemFlags ObjectListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!m_dragDrop)
        return flags;
    if (!index.isValid())
        return m_bucket.isEmpty() ? flags : flags | Qt::ItemIsDropEnabled; // the list's empty space
    if (!m_bucket.isEmpty())
        flags |= Qt::ItemIsDragEnabled; // buckets themselves are not dragged
    if (row(index.row()).isFolder)
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QStringList ObjectListModel::mimeTypes() const
{
    return m_dragDrop ? m_dragDrop->dropMimeTypes() : QStringList();
}

QMimeData *ObjectListModel::mimeData(const QModelIndexList &indexes) const
{
    if (!m_dragDrop || m_bucket.isEmpty())
        return nullptr;
    QStringList keys;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid())
            continue;
        const QString key = keyAt(index.row());
        if (!keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty())
        return nullptr;
    return m_dragDrop->dragData(Location { m_connectionId, m_bucket, m_prefix }, keys);
}

Qt::DropActions ObjectListModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions ObjectListModel::supportedDragActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Location ObjectListModel::dropTarget(const QModelIndex &parent) const
{
    if (m_connectionId.isEmpty())
        return {};
    // A drop on a folder row goes into it; anywhere else into the prefix shown.
    if (parent.isValid() && row(parent.row()).isFolder) {
        if (m_bucket.isEmpty())
            return Location { m_connectionId, keyAt(parent.row()), {} };
        return Location { m_connectionId, m_bucket, keyAt(parent.row()) };
    }
    if (m_bucket.isEmpty())
        return {};
    return Location { m_connectionId, m_bucket, m_prefix };
}

bool ObjectListModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &parent) const
{
    const Location target = dropTarget(parent);
    return m_dragDrop && !target.bucket.isEmpty() && m_dragDrop->canDrop(data, target);
}

bool ObjectListModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent)
{
    const Location target = dropTarget(parent);
    if (!m_dragDrop || target.bucket.isEmpty())
        return false;
    return m_dragDrop->drop(data, action, target);
}

} // namespace coffer::ui
