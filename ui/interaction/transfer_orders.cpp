#include "ui/interaction/transfer_orders.h"

#include "ui/browser/connections_model.h"
#include "ui/connection/connection.h"
#include "ui/interaction/prefix_walk.h"

#include "transfer/remote/copy_job.h"
#include "transfer/remote/cross_copy_job.h"
#include "transfer/remote/delete_prefix_job.h"
#include "transfer/remote/download_object_job.h"
#include "transfer/remote/download_prefix_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"
#include "transfer/upload_folder_job.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

bool isPrefix(const QString &key)
{
    return key.endsWith(u'/');
}

// The prefix holding key: "a/b/c.txt" -> "a/b/", "a/b/" -> "a/", "a" -> "".
QString parentPrefix(const QString &key)
{
    const qsizetype slash = key.lastIndexOf(u'/', isPrefix(key) ? -2 : -1);
    return slash < 0 ? QString() : key.left(slash + 1);
}

} // namespace

TransferOrders::TransferOrders(ConnectionsModel *connections, QObject *parent)
    : QObject(parent)
    , m_connections(connections)
{ }

void TransferOrders::setQueue(transfer::TransferQueue *queue)
{
    m_queue = queue;
}

QString TransferOrders::lastName(const QString &key)
{
    return key.mid(parentPrefix(key).size());
}

transfer::ConnectionRef TransferOrders::connectionRef(const QString &connectionId) const
{
    const Connection *connection = m_connections->connection(connectionId);
    return { connectionId, connection ? connection->profile().endpointUrl : QString() };
}

client::S3Client *TransferOrders::client(const QString &connectionId) const
{
    const Connection *connection = m_connections->connection(connectionId);
    return connection && connection->state() == Connection::State::Ready ? connection->client() : nullptr;
}

bool TransferOrders::checkQueue(const QString &connectionId)
{
    if (!m_queue) {
        Q_EMIT failed(tr("Transfers are not available in this window. Restart Coffer and try again."));
        return false;
    }
    if (!client(connectionId)) {
        Q_EMIT failed(tr("That connection is not ready. Wait until it has connected, then try again."));
        return false;
    }
    return true;
}

transfer::TransferJob *TransferOrders::add(
    std::unique_ptr<transfer::TransferJob> job, const QList<Location> &changes)
{
    transfer::TransferJob *added = m_queue->add(std::move(job));
    connect(added, &transfer::TransferJob::finished, this, [this, changes] {
        for (const Location &location : changes)
            Q_EMIT finished(location);
    });
    return added;
}

bool TransferOrders::upload(const QStringList &localPaths, const Location &target)
{
    if (localPaths.isEmpty() || target.bucket.isEmpty() || !checkQueue(target.connectionId))
        return false;
    const transfer::ConnectionRef ref = connectionRef(target.connectionId);
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const transfer::ObjectLocation destination { ref, target.bucket,
                target.prefix + info.fileName() + u'/' };
            add(std::make_unique<transfer::UploadFolderJob>(info.absoluteFilePath(), destination),
                { target });
        } else {
            // A file that is gone or unreadable fails in the queue with the job's own words.
            const transfer::ObjectLocation destination { ref, target.bucket,
                target.prefix + info.fileName() };
            add(std::make_unique<transfer::UploadFileJob>(info.absoluteFilePath(), destination), { target });
        }
    }
    return true;
}

bool TransferOrders::download(const Location &source, const QStringList &keys, const QString &folder)
{
    if (keys.isEmpty() || source.bucket.isEmpty() || !checkQueue(source.connectionId))
        return false;
    const transfer::ConnectionRef ref = connectionRef(source.connectionId);
    const QDir into(folder);
    for (const QString &key : keys) {
        const transfer::ObjectLocation from { ref, source.bucket, key };
        const QString name = lastName(key);
        if (isPrefix(key))
            add(std::make_unique<transfer::DownloadPrefixJob>(from, into.filePath(name.chopped(1))), {});
        else
            add(std::make_unique<transfer::DownloadObjectJob>(from, into.filePath(name)), {});
    }
    return true;
}

bool TransferOrders::transfer(const ObjectSelection &selection, const Location &target, bool move)
{
    if (selection.isEmpty() || target.bucket.isEmpty() || !checkQueue(target.connectionId)
        || !checkQueue(selection.connectionId))
        return false;
    const bool sameConnection = selection.connectionId == target.connectionId;
    // Refuse the whole order before queueing any of it: half a move is worse than none.
    for (const QString &key : selection.keys) {
        const bool sameBucket = sameConnection && selection.bucket == target.bucket;
        if (sameBucket && parentPrefix(key) == target.prefix) {
            Q_EMIT failed(tr("“%1” is already in that folder. Pick another folder.").arg(lastName(key)));
            return false;
        }
        if (sameBucket && isPrefix(key) && target.prefix.startsWith(key)) {
            Q_EMIT failed(tr("A folder cannot go inside itself: “%1” contains the destination.").arg(key));
            return false;
        }
    }
    const transfer::ConnectionRef from = connectionRef(selection.connectionId);
    const transfer::ConnectionRef to = connectionRef(target.connectionId);
    for (const QString &key : selection.keys) {
        const transfer::ObjectLocation source { from, selection.bucket, key };
        const transfer::ObjectLocation destination { to, target.bucket, target.prefix + lastName(key) };
        const Location sourceParent { selection.connectionId, selection.bucket, parentPrefix(key) };
        if (sameConnection) {
            add(std::make_unique<transfer::CopyJob>(source, destination, move),
                move ? QList<Location> { target, sourceParent } : QList<Location> { target });
        } else if (isPrefix(key)) {
            crossCopyPrefix(selection, key, target);
        } else {
            add(std::make_unique<transfer::CrossCopyJob>(source, destination), { target });
        }
    }
    return true;
}

void TransferOrders::crossCopyPrefix(
    const ObjectSelection &selection, const QString &prefix, const Location &target)
{
    // A streamed copy moves one object, so a folder is listed first and each object
    // becomes a job of its own, its path under the folder kept.
    const transfer::ConnectionRef from = connectionRef(selection.connectionId);
    const transfer::ConnectionRef to = connectionRef(target.connectionId);
    const QString destinationPrefix = target.prefix + lastName(prefix);
    const QString bucket = selection.bucket;
    walkPrefix(client(selection.connectionId), bucket, prefix, this,
        { .page =
                [this, from, to, bucket, prefix, destinationPrefix, target](
                    const QList<s3::ObjectEntry> &objects) {
                    if (!m_queue)
                        return false;
                    for (const s3::ObjectEntry &object : objects) {
                        const transfer::ObjectLocation source { from, bucket, object.key };
                        const transfer::ObjectLocation destination { to, target.bucket,
                            destinationPrefix + object.key.mid(prefix.size()) };
                        add(std::make_unique<transfer::CrossCopyJob>(source, destination), { target });
                    }
                    return true;
                },
            .done =
                [this, prefix](const s3::S3Error &error) {
                    if (error.isError())
                        Q_EMIT failed(
                            tr("Could not list “%1” to copy it: %2").arg(prefix, error.userMessage()));
                } });
}

bool TransferOrders::rename(const Location &where, const QString &key, const QString &newKey)
{
    if (key.isEmpty() || newKey.isEmpty() || key == newKey || !checkQueue(where.connectionId))
        return false;
    if (isPrefix(key) != isPrefix(newKey) || (isPrefix(key) && newKey.startsWith(key))) {
        Q_EMIT failed(tr("“%1” cannot be renamed to “%2”. Choose a name without '/'.").arg(key, newKey));
        return false;
    }
    const transfer::ConnectionRef ref = connectionRef(where.connectionId);
    // CopyJob's move deletes each source only after its copy was verified: for a prefix
    // that is the copy-then-delete of a rename, without a window where a failed copy
    // would already have lost its source.
    add(std::make_unique<transfer::CopyJob>(transfer::ObjectLocation { ref, where.bucket, key },
            transfer::ObjectLocation { ref, where.bucket, newKey }, true),
        { Location { where.connectionId, where.bucket, parentPrefix(key) },
            Location { where.connectionId, where.bucket, parentPrefix(newKey) } });
    return true;
}

bool TransferOrders::removePrefixes(const Location &where, const QStringList &prefixes)
{
    if (prefixes.isEmpty() || !checkQueue(where.connectionId))
        return false;
    const transfer::ConnectionRef ref = connectionRef(where.connectionId);
    for (const QString &prefix : prefixes) {
        if (!isPrefix(prefix))
            continue; // a plain key here would delete every key that merely starts with it
        add(std::make_unique<transfer::DeletePrefixJob>(
                transfer::ObjectLocation { ref, where.bucket, prefix }),
            { Location { where.connectionId, where.bucket, parentPrefix(prefix) } });
    }
    return true;
}

} // namespace coffer::ui
