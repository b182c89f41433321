#pragma once
// Turns what a person asks for in the browser (an upload, a download, a move, a rename,
// a folder deletion) into jobs on the app's transfer queue, so each one shows in the
// Transfers dock with progress, survives a restart through the journal, and can be
// paused or retried. Jobs name their connection by ConnectionRef{Connection::id(),
// endpoint URL}. When a job finishes, finished() names the places it changed so the
// views showing them can refresh.

#include "ui/browser/location.h"
#include "ui/interaction/object_selection.h"

#include "transfer/job_environment.h"
#include "transfer/transfer_queue.h"

#include <QObject>
#include <QPointer>

namespace coffer::client {
class S3Client;
}
namespace coffer::transfer {
class TransferJob;
class TransferQueue;
} // namespace coffer::transfer

namespace coffer::ui {

class ConnectionsModel;

class TransferOrders : public QObject
{
    Q_OBJECT
public:
    explicit TransferOrders(ConnectionsModel *connections, QObject *parent = nullptr);

    // The app's queue (not owned); without one every order fails with a message.
    void setQueue(transfer::TransferQueue *queue);
    transfer::TransferQueue *queue() const { return m_queue; }

    transfer::ConnectionRef connectionRef(const QString &connectionId) const;
    // The connection's client once it is ready, else nullptr.
    client::S3Client *client(const QString &connectionId) const;

    // Each returns false, after emitting failed() with the reason, when nothing was queued.
    // Files go to target.prefix + name; folders keep their structure under target.prefix + name/.
    bool upload(const QStringList &localPaths, const Location &target);
    // Objects to folder/name, prefixes to folder/name/ with their tree.
    bool download(const Location &source, const QStringList &keys, const QString &folder);
    // Each key (object or prefix) to target.prefix + its last name. On one connection a
    // server-side copy (move: the source is deleted after each verified copy); across
    // connections a streamed copy, and the source stays.
    bool transfer(const ObjectSelection &selection, const Location &target, bool move);
    // Moves key (an object or a prefix) to newKey in the same bucket.
    bool rename(const Location &where, const QString &key, const QString &newKey);
    // Deletes every object under each prefix.
    bool removePrefixes(const Location &where, const QStringList &prefixes);

    // "photos/2024/" -> "2024/", "photos/a.jpg" -> "a.jpg".
    static QString lastName(const QString &key);

Q_SIGNALS:
    void failed(const QString &message);
    // A job queued here ended; location (its bucket and prefix) may look different now.
    void finished(const coffer::ui::Location &location);

private:
    transfer::TransferJob *add(std::unique_ptr<transfer::TransferJob> job, const QList<Location> &changes);
    bool checkQueue(const QString &connectionId);
    void crossCopyPrefix(const ObjectSelection &selection, const QString &prefix, const Location &target);

    ConnectionsModel *m_connections;
    QPointer<transfer::TransferQueue> m_queue;
};

} // namespace coffer::ui
