#pragma once
// The objects and folders of one prefix, as a table fed page by page from ListObjectsV2
// alone: everything shown (size, date, storage class, ETag, checksum algorithm) comes in
// the listing, so no row ever costs a HEAD. Folders (common prefixes) come first, then
// objects in key order. Rows are kept compact (no QVariant stored per cell) so that a
// prefix of hundreds of thousands of keys stays light; views ask for the next page
// through canFetchMore()/fetchMore() when they scroll to the end.

#include "ui/browser/location.h"

#include <QAbstractTableModel>
#include <QIcon>
#include <QPointer>
#include <QStringList>

#include <vector>

namespace coffer::client {
class S3Call;
class S3Client;
} // namespace coffer::client

namespace coffer::ui {

class ObjectDragDrop;

struct ObjectRow {
    QString name; // relative to the prefix; folders without their trailing '/'
    qint64 size = 0;
    qint64 lastModifiedMs = 0; // since the epoch, UTC; 0 for folders
    QByteArray etag; // without quotes
    quint16 storageClass = 0; // index into the model's storage class names
    quint16 checksum = 0; // index into the model's checksum descriptions
    bool isFolder = false;
};

class ObjectListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        SizeColumn,
        LastModifiedColumn,
        StorageClassColumn,
        ETagColumn,
        ChecksumColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        KeyRole = Qt::UserRole + 1, // the full key (folders: the prefix, with its '/')
        IsFolderRole,
        SortRole, // raw values: size and time as numbers
    };

    explicit ObjectListModel(QObject *parent = nullptr);
    ~ObjectListModel() override;

    // Shows bucket/prefix on client (not owned; null shows nothing) and asks for its first
    // page. Replies for an earlier location are dropped.
    void setLocation(client::S3Client *client, const QString &bucket, const QString &prefix);
    // Shows a connection's buckets as folder rows (its bucket list), nothing to fetch.
    void showBuckets(const QStringList &buckets);
    void refresh();
    void clear();
    // ListObjectsV2 max-keys per page; 0 leaves it to the server (1,000).
    void setPageSize(int keys) { m_pageSize = keys; }
    // Rows become draggable and folders (and the list itself) accept drops, handed to
    // dragDrop (not owned; null turns drag and drop off). connectionId names the
    // connection shown, for the locations given to dragDrop.
    void setDragDrop(ObjectDragDrop *dragDrop) { m_dragDrop = dragDrop; }
    void setConnectionId(const QString &id) { m_connectionId = id; }

    QString bucket() const { return m_bucket; }
    QString prefix() const { return m_prefix; }
    int folderCount() const { return m_folderCount; }
    int objectCount() const { return int(m_rows.size()) - m_folderCount; }
    bool hasMore() const { return !m_continuationToken.isEmpty(); }
    bool isLoading() const { return !m_call.isNull(); }
    int pagesLoaded() const { return m_pages; }
    QString errorMessage() const { return m_error; } // the last page's failure, or empty
    const ObjectRow &row(int r) const { return m_rows[size_t(r)]; }
    QString keyAt(int r) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;
    // Where a drop on parent (a source index) lands: the folder or bucket dropped on,
    // else the prefix shown. An empty bucket where nothing may be dropped.
    Location dropTarget(const QModelIndex &parent) const;

Q_SIGNALS:
    // Loading started or ended, counts changed, or a page failed: time to update the
    // "N objects loaded" line.
    void statusChanged();
    void pageFailed(const QString &message);

private:
    void requestPage();
    quint16 intern(QStringList &table, const QString &value);

    QPointer<client::S3Client> m_client;
    QString m_bucket;
    QString m_prefix;
    QString m_continuationToken;
    QString m_error;
    QPointer<client::S3Call> m_call;
    quint64 m_generation = 0;
    int m_pageSize = 0;
    int m_pages = 0;
    int m_folderCount = 0;
    std::vector<ObjectRow> m_rows; // folders in [0, m_folderCount), then objects
    QStringList m_storageClasses { QString() };
    QStringList m_checksums { QString() };
    QIcon m_folderIcon, m_fileIcon;
    ObjectDragDrop *m_dragDrop = nullptr;
    QString m_connectionId;
};

} // namespace coffer::ui
