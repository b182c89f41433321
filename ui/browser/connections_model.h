#pragma once
// The connections tree: profiles → buckets → prefixes, loaded lazily in the manner of
// KIO's KDirModel. A node that has not been listed yet claims children; expanding it
// (fetchMore) sends one ListObjectsV2 page with delimiter '/', whose common prefixes
// become its children, appended as each page arrives. Objects are not shown here: the
// object list does that. A hash from path to node keeps lookups by path cheap.
// Loading and failures show on the row itself (icon and tooltip), never in a dialog.

#include "ui/browser/location.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QList>

#include <memory>

namespace coffer::ui {

class Connection;
class ObjectDragDrop;

class ConnectionsModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // NodeKind
        ListingRole, // Listing
        ErrorRole, // the failure's message, or empty
        ConnectionIdRole,
        BucketRole,
        PrefixRole,
    };
    enum class NodeKind { Connection, Bucket, Prefix };
    Q_ENUM(NodeKind)
    enum class Listing { NotListed, Loading, Partial, Complete, Failed };
    Q_ENUM(Listing)

    explicit ConnectionsModel(QObject *parent = nullptr);
    ~ConnectionsModel() override;

    // Not owned; must stay alive until removeConnection() or this model's end.
    void addConnection(Connection *connection);
    void removeConnection(Connection *connection);
    Connection *connection(const QString &id) const;
    QList<Connection *> connections() const;

    // ListObjectsV2 max-keys per page; 0 leaves it to the server (1,000).
    void setPageSize(int keys) { m_pageSize = keys; }
    // Buckets and prefixes accept drops, handed to dragDrop with the node's location
    // (not owned; null turns drops off).
    void setDragDrop(ObjectDragDrop *dragDrop) { m_dragDrop = dragDrop; }

    QModelIndex indexOf(const Location &location) const; // invalid when not loaded
    Location locationOf(const QModelIndex &index) const;
    // The buckets loaded for a connection so far, and whether that list is complete.
    QStringList buckets(const QString &connectionId, bool *complete = nullptr) const;
    // Forgets the node's children and lists it again.
    void refresh(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

Q_SIGNALS:
    // A listing failed on this node; the message is also the row's tooltip.
    void listingFailed(const QModelIndex &index, const QString &message);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    static QString pathKey(const QString &connectionId, const QString &bucket, const QString &prefix);
    void appendChildren(Node *parent, std::vector<std::unique_ptr<Node>> children);
    void clearChildren(Node *node);
    void forget(Node *node);
    void setListing(Node *node, Listing listing, const QString &error = {});
    void listBuckets(Node *node, const QString &continuationToken);
    void listPrefixes(Node *node);
    void connectionChanged(Connection *connection);
    void removeConnection(const QString &id);

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_byPath;
    int m_pageSize = 0;
    ObjectDragDrop *m_dragDrop = nullptr;
    QIcon m_connectionIcon, m_bucketIcon, m_folderIcon, m_errorIcon, m_loadingIcon;
};

} // namespace coffer::ui
