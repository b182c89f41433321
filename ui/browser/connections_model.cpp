#include "ui/browser/connections_model.h"

#include "client/s3_client.h"
#include "ui/browser/object_drag_drop.h"
#include "ui/connection/connection.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace coffer::ui {

struct ConnectionsModel::Node {
    NodeKind kind = NodeKind::Connection;
    Node *parent = nullptr;
    int row = 0;
    Connection *connection = nullptr;
    QString connectionId; // kept apart: forget() runs while a destroyed connection is removed
    QString bucket;
    QString prefix;
    QString name;
    std::vector<std::unique_ptr<Node>> children;
    Listing listing = Listing::NotListed;
    QString error;
    QString continuationToken;
    QPointer<client::S3Call> call;
    quint64 generation = 0; // bumped by refresh(), so pages of an earlier listing are dropped
};

namespace {

QIcon themed(const char *name, QStyle::StandardPixmap fallback)
{
    const QIcon standard = qobject_cast<QApplication *>(QCoreApplication::instance())
        ? QApplication::style()->standardIcon(fallback)
        : QIcon();
    return QIcon::fromTheme(QString::fromLatin1(name), standard);
}

} // namespace

ConnectionsModel::ConnectionsModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_connectionIcon(themed("network-server", QStyle::SP_DriveNetIcon))
    , m_bucketIcon(themed("folder-cloud", QStyle::SP_DriveHDIcon))
    , m_folderIcon(themed("folder", QStyle::SP_DirIcon))
    , m_errorIcon(themed("dialog-warning", QStyle::SP_MessageBoxWarning))
    , m_loadingIcon(themed("view-refresh", QStyle::SP_BrowserReload))
{
    m_root->listing = Listing::Complete;
}

ConnectionsModel::~ConnectionsModel() = default;

QString ConnectionsModel::pathKey(const QString &connectionId, const QString &bucket, const QString &prefix)
{
    // '\n' cannot appear in a connection id or a bucket name, so keys never collide.
    return connectionId + u'\n' + bucket + u'\n' + prefix;
}

void ConnectionsModel::addConnection(Connection *connection)
{
    if (m_byPath.contains(pathKey(connection->id(), {}, {})))
        return;
    auto node = std::make_unique<Node>();
    node->kind = NodeKind::Connection;
    node->connection = connection;
    node->name = connection->displayName();
    // Connected first: a view (or a model tester) may fetch the row as soon as it appears.
    connect(
        connection, &Connection::stateChanged, this, [this, connection] { connectionChanged(connection); });
    std::vector<std::unique_ptr<Node>> one;
    one.push_back(std::move(node));
    appendChildren(m_root.get(), std::move(one));
    // By id: by the time destroyed() is emitted the Connection part is gone already.
    connect(connection, &QObject::destroyed, this, [this, id = connection->id()] { removeConnection(id); });
}

void ConnectionsModel::removeConnection(Connection *connection)
{
    disconnect(connection, nullptr, this, nullptr);
    removeConnection(connection->id());
}

void ConnectionsModel::removeConnection(const QString &id)
{
    Node *node = m_byPath.value(pathKey(id, {}, {}));
    if (!node)
        return;
    const int row = node->row;
    beginRemoveRows({}, row, row);
    forget(node);
    m_root->children.erase(m_root->children.begin() + row);
    for (int i = row; i < int(m_root->children.size()); ++i)
        m_root->children[size_t(i)]->row = i;
    endRemoveRows();
}

Connection *ConnectionsModel::connection(const QString &id) const
{
    const Node *node = m_byPath.value(pathKey(id, {}, {}));
    return node ? node->connection : nullptr;
}

QList<Connection *> ConnectionsModel::connections() const
{
    QList<Connection *> all;
    for (const auto &child : m_root->children)
        all.append(child->connection);
    return all;
}

QModelIndex ConnectionsModel::indexOf(const Location &location) const
{
    return indexOf(m_byPath.value(pathKey(location.connectionId, location.bucket, location.prefix)));
}

Location ConnectionsModel::locationOf(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!node || node == m_root.get())
        return {};
    return { node->connectionId, node->bucket, node->prefix };
}

QStringList ConnectionsModel::buckets(const QString &connectionId, bool *complete) const
{
    QStringList names;
    const Node *node = m_byPath.value(pathKey(connectionId, {}, {}));
    if (complete)
        *complete = node && node->listing == Listing::Complete;
    if (node) {
        for (const auto &child : node->children)
            names.append(child->bucket);
    }
    return names;
}

void ConnectionsModel::refresh(const QModelIndex &index)
{
    Node *node = nodeOf(index);
    if (!node || node == m_root.get())
        return;
    ++node->generation;
    if (node->call)
        node->call->cancel();
    clearChildren(node);
    node->continuationToken.clear();
    setListing(node, Listing::NotListed);
    if (node->kind == NodeKind::Connection && node->connection->state() == Connection::State::Failed)
        node->connection->open(); // a retry: the keychain may be unlocked now
    fetchMore(indexOf(node));
}

ConnectionsModel::Node *ConnectionsModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ConnectionsModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

QModelIndex ConnectionsModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    if (column != 0 || row < 0 || row >= int(node->children.size()))
        return {};
    return createIndex(row, 0, node->children[size_t(row)].get());
}

QModelIndex ConnectionsModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    return node == m_root.get() ? QModelIndex() : indexOf(node->parent);
}

int ConnectionsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ConnectionsModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool ConnectionsModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    switch (node->listing) {
    case Listing::NotListed:
    case Listing::Loading:
    case Listing::Partial:
        return true; // not known yet: claim children so the view offers to expand
    case Listing::Complete:
    case Listing::Failed:
        break;
    }
    return !node->children.empty();
}

bool ConnectionsModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeOf(parent);
    return node->listing == Listing::NotListed || node->listing == Listing::Partial;
}

void ConnectionsModel::fetchMore(const QModelIndex &parent)
{
    Node *node = nodeOf(parent);
    if (!canFetchMore(parent) || node == m_root.get())
        return;
    if (node->kind != NodeKind::Connection) {
        listPrefixes(node);
        return;
    }
    Connection *connection = node->connection;
    if (connection->state() == Connection::State::Ready) {
        listBuckets(node, {});
        return;
    }
    setListing(node, Listing::Loading);
    connection->open();
    connectionChanged(connection); // lists now if open() was quick, otherwise once it is ready
}

void ConnectionsModel::connectionChanged(Connection *connection)
{
    Node *node = m_byPath.value(pathKey(connection->id(), {}, {}));
    if (!node || node->listing != Listing::Loading || node->call)
        return;
    if (connection->state() == Connection::State::Ready)
        listBuckets(node, {});
    else if (connection->state() == Connection::State::Failed) {
        setListing(node, Listing::Failed, connection->errorMessage());
        Q_EMIT listingFailed(indexOf(node), node->error);
    }
}

void ConnectionsModel::listBuckets(Node *node, const QString &continuationToken)
{
    const profiles::Profile &profile = node->connection->profile();
    if (!profile.canListBuckets()) {
        // Single-bucket tokens may not list buckets: the profile names the one there is.
        auto bucket = std::make_unique<Node>();
        bucket->kind = NodeKind::Bucket;
        bucket->connection = node->connection;
        bucket->bucket = bucket->name = profile.defaultBucket;
        std::vector<std::unique_ptr<Node>> one;
        one.push_back(std::move(bucket));
        appendChildren(node, std::move(one));
        setListing(node, Listing::Complete);
        return;
    }
    setListing(node, Listing::Loading);
    const QString key = pathKey(node->connection->id(), {}, {});
    const quint64 generation = node->generation;
    client::ListBucketsParams params;
    params.continuationToken = continuationToken;
    node->call = node->connection->client()->listBuckets(params)->onFinished(
        this, [this, key, generation](const client::Result<s3::ListBucketsPage> &page) {
            Node *n = m_byPath.value(key);
            if (!n || n->generation != generation)
                return;
            n->call = nullptr;
            if (!page.ok()) {
                setListing(n, Listing::Failed, page.error().userMessage());
                Q_EMIT listingFailed(indexOf(n), n->error);
                return;
            }
            std::vector<std::unique_ptr<Node>> children;
            for (const s3::BucketInfo &info : page->buckets) {
                if (m_byPath.contains(pathKey(n->connection->id(), info.name, {})))
                    continue;
                auto bucket = std::make_unique<Node>();
                bucket->kind = NodeKind::Bucket;
                bucket->connection = n->connection;
                bucket->bucket = bucket->name = info.name;
                children.push_back(std::move(bucket));
            }
            appendChildren(n, std::move(children));
            // Bucket lists are short: the remaining pages follow at once.
            if (!page->continuationToken.isEmpty())
                listBuckets(n, page->continuationToken);
            else
                setListing(n, Listing::Complete);
        });
}

void ConnectionsModel::listPrefixes(Node *node)
{
    if (node->call)
        return; // a page is on its way; the next one is asked for when it is in
    client::S3Client *client = node->connection->client();
    if (!client) {
        setListing(node, Listing::Failed, node->connection->errorMessage());
        return;
    }
    setListing(node, Listing::Loading);
    client::ListObjectsV2Params params;
    params.bucket = node->bucket;
    params.prefix = node->prefix;
    params.delimiter = u"/"_s;
    params.continuationToken = node->continuationToken;
    if (m_pageSize > 0)
        params.maxKeys = m_pageSize;
    const QString key = pathKey(node->connection->id(), node->bucket, node->prefix);
    const quint64 generation = node->generation;
    node->call = client->listObjectsV2(params)->onFinished(
        this, [this, key, generation](const client::Result<s3::ListObjectsPage> &page) {
            Node *n = m_byPath.value(key);
            if (!n || n->generation != generation)
                return;
            n->call = nullptr;
            if (!page.ok()) {
                setListing(n, Listing::Failed, page.error().userMessage());
                Q_EMIT listingFailed(indexOf(n), n->error);
                return;
            }
            std::vector<std::unique_ptr<Node>> children;
            for (const QString &prefix : page->commonPrefixes) {
                if (!prefix.startsWith(n->prefix)
                    || m_byPath.contains(pathKey(n->connection->id(), n->bucket, prefix)))
                    continue;
                auto child = std::make_unique<Node>();
                child->kind = NodeKind::Prefix;
                child->connection = n->connection;
                child->bucket = n->bucket;
                child->prefix = prefix;
                child->name = prefix.mid(n->prefix.size()).chopped(1);
                children.push_back(std::move(child));
            }
            const bool added = !children.empty();
            appendChildren(n, std::move(children));
            n->continuationToken = page->isTruncated ? page->nextContinuationToken : QString();
            const bool more = !n->continuationToken.isEmpty();
            setListing(n, more ? Listing::Partial : Listing::Complete);
            // A page of objects only adds no row, so no view would ever scroll to ask for
            // the next one: go on by ourselves until a prefix shows up or the list ends.
            if (more && !added)
                listPrefixes(n);
        });
}

void ConnectionsModel::appendChildren(Node *parent, std::vector<std::unique_ptr<Node>> children)
{
    if (children.empty())
        return;
    const int first = int(parent->children.size());
    beginInsertRows(indexOf(parent), first, first + int(children.size()) - 1);
    for (auto &child : children) {
        child->parent = parent;
        child->row = int(parent->children.size());
        child->connectionId = child->connection->id();
        m_byPath.insert(pathKey(child->connectionId, child->bucket, child->prefix), child.get());
        parent->children.push_back(std::move(child));
    }
    endInsertRows();
}

void ConnectionsModel::clearChildren(Node *node)
{
    if (node->children.empty())
        return;
    beginRemoveRows(indexOf(node), 0, int(node->children.size()) - 1);
    for (auto &child : node->children)
        forget(child.get());
    node->children.clear();
    endRemoveRows();
}

void ConnectionsModel::forget(Node *node)
{
    if (node->call) {
        ++node->generation;
        node->call->cancel();
    }
    for (auto &child : node->children)
        forget(child.get());
    m_byPath.remove(pathKey(node->connectionId, node->bucket, node->prefix));
}

void ConnectionsModel::setListing(Node *node, Listing listing, const QString &error)
{
    node->error = listing == Listing::Failed ? error : QString();
    if (node->listing == listing)
        return;
    node->listing = listing;
    const QModelIndex index = indexOf(node);
    if (index.isValid())
        Q_EMIT dataChanged(index, index, { Qt::DecorationRole, Qt::ToolTipRole, ListingRole, ErrorRole });
}

QVariant ConnectionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return node->name;
    case Qt::DecorationRole:
        if (node->listing == Listing::Failed)
            return m_errorIcon;
        if (node->listing == Listing::Loading && node->children.empty())
            return m_loadingIcon;
        return node->kind == NodeKind::Connection ? m_connectionIcon
            : node->kind == NodeKind::Bucket      ? m_bucketIcon
                                                  : m_folderIcon;
    case Qt::ToolTipRole:
        if (node->listing == Listing::Failed)
            return node->error;
        if (node->listing == Listing::Loading)
            return tr("Loading %1…").arg(node->name);
        if (node->kind == NodeKind::Connection)
            return node->connection->profile().endpointUrl;
        return QString(node->bucket + u'/' + node->prefix);
    case Qt::AccessibleDescriptionRole:
        if (node->listing == Listing::Failed)
            return tr("Failed: %1").arg(node->error);
        if (node->listing == Listing::Loading)
            return tr("Loading");
        return node->kind == NodeKind::Connection ? tr("Connection")
            : node->kind == NodeKind::Bucket      ? tr("Bucket")
                                                  : tr("Folder");
    case NodeKindRole:
        return QVariant::fromValue(node->kind);
    case ListingRole:
        return QVariant::fromValue(node->listing);
    case ErrorRole:
        return node->error;
    case ConnectionIdRole:
        return node->connectionId;
    case BucketRole:
        return node->bucket;
    case PrefixRole:
        return node->prefix;
    default:
        return {};
    }
}

Qt::ItemFlags ConnectionsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    const Node *node = index.isValid() ? nodeOf(index) : nullptr;
    if (m_dragDrop && node && node->kind != NodeKind::Connection)
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QStringList ConnectionsModel::mimeTypes() const
{
    return m_dragDrop ? m_dragDrop->dropMimeTypes() : QStringList();
}

Qt::DropActions ConnectionsModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

bool ConnectionsModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &parent) const
{
    // Only on a node: rows between nodes mean nothing here.
    const Location target = locationOf(parent);
    return m_dragDrop && !target.bucket.isEmpty() && m_dragDrop->canDrop(data, target);
}

bool ConnectionsModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    return m_dragDrop->drop(data, action, locationOf(parent));
}

} // namespace coffer::ui
