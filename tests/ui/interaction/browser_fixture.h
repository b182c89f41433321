#pragma once
// What the interaction tests share: the embedded S3 server on a loopback port, a client
// to check what the server holds, and the browser as the app builds it (a connection,
// the connections tree, the browser pane) wired to a real transfer queue.

#include "test_server.h"

#include "client/s3_client.h"
#include "transfer/remote/cross_copy_job.h"
#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/browser/object_sort_proxy.h"
#include "ui/connection/connection.h"
#include "ui/interaction/object_actions.h"

#include <QBuffer>
#include <QItemSelectionModel>
#include <QMap>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

namespace coffer::ui::test {

class BrowserFixture
{
public:
    std::unique_ptr<TestServer> server;
    QNetworkAccessManager network;
    std::unique_ptr<client::S3Client> store; // checks what the server holds
    std::unique_ptr<Connection> connection;
    std::unique_ptr<ConnectionsModel> tree;
    std::unique_ptr<transfer::TransferQueue> queue;
    std::unique_ptr<BrowserPane> pane;

    bool startServer()
    {
        server = std::make_unique<TestServer>();
        if (!server->isRunning())
            return false;
        store = std::make_unique<client::S3Client>(server->clientConfig(), &network);
        return true;
    }

    // A fresh connection, tree, queue (no journal) and pane, shown and active.
    bool openPane()
    {
        profiles::Profile profile;
        profile.id = QUuid::createUuid();
        profile.name = QStringLiteral("Local");
        profile.provider = s3::Provider::CofferLocal;
        profile.endpointUrl = server->endpointUrl();
        profile.addressing = s3::AddressingStyle::PathStyle;
        profile.accessKeyId = QString::fromUtf8(kAccessKey);
        connection = std::make_unique<Connection>(profile, kSecretKey);
        tree = std::make_unique<ConnectionsModel>();
        tree->addConnection(connection.get());
        ConnectionsModel *model = tree.get();
        queue = std::make_unique<transfer::TransferQueue>(
            [model](const transfer::ConnectionRef &ref) -> client::S3Client * {
                Connection *c = model->connection(ref.profile);
                return c ? c->client() : nullptr;
            },
            nullptr);
        transfer::registerRemoteJobKinds(*queue);
        pane = std::make_unique<BrowserPane>(tree.get());
        pane->setTransferQueue(queue.get());
        pane->resize(900, 600);
        pane->show();
        pane->activateWindow();
        return QTest::qWaitForWindowActive(pane.get());
    }

    void closePane()
    {
        pane.reset();
        queue.reset();
        tree.reset();
        connection.reset();
    }

    ObjectActions *actions() const { return pane->objectActions(); }

    template<typename T> std::optional<client::Result<T>> wait(client::S3Reply<T> *reply)
    {
        auto slot = std::make_shared<std::optional<client::Result<T>>>();
        reply->onFinished(store.get(), [slot](const client::Result<T> &result) { *slot = result; });
        if (!QTest::qWaitFor([&] { return slot->has_value(); }, 30'000))
            return std::nullopt;
        return *slot;
    }

    bool makeBucket(const QString &bucket, const QMap<QString, QByteArray> &objects)
    {
        const auto created = wait(store->createBucket(bucket));
        if (!created || !created->ok())
            return false;
        for (auto it = objects.cbegin(); it != objects.cend(); ++it)
            if (!put(bucket, it.key(), it.value()))
                return false;
        return true;
    }

    bool put(const QString &bucket, const QString &key, const QByteArray &bytes)
    {
        QBuffer body;
        body.setData(bytes);
        body.open(QIODevice::ReadOnly);
        const auto put
            = wait(store->putObject({ .bucket = bucket, .key = key, .body = &body, .size = bytes.size() }));
        return put && put->ok();
    }

    // The object's bytes; nullopt when it does not exist (or cannot be read).
    std::optional<QByteArray> get(const QString &bucket, const QString &key)
    {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const auto got = wait(store->getObject({ .bucket = bucket, .key = key }, &sink));
        if (!got || !got->ok())
            return std::nullopt;
        return sink.data();
    }

    bool exists(const QString &bucket, const QString &key)
    {
        const auto head = wait(store->headObject({ .bucket = bucket, .key = key }));
        return head && head->ok();
    }

    // Every key under prefix (no delimiter).
    QStringList keys(const QString &bucket, const QString &prefix = {})
    {
        QStringList all;
        const auto page = wait(store->listObjectsV2({ .bucket = bucket, .prefix = prefix }));
        if (page && page->ok())
            for (const s3::ObjectEntry &entry : page->value().objects)
                all.append(entry.key);
        return all;
    }

    // Shows bucket/prefix in the pane and waits for its first page.
    bool show(const QString &bucket, const QString &prefix = {})
    {
        const Location connectionNode { connection->id(), {}, {} };
        connection->open();
        if (!QTest::qWaitFor([&] { return connection->state() == Connection::State::Ready; }, 10'000))
            return false;
        tree->refresh(tree->indexOf(connectionNode));
        if (!QTest::qWaitFor([&] { return tree->buckets(connection->id()).contains(bucket); }, 10'000))
            return false;
        if (!pane->navigate(Location { connection->id(), bucket, prefix }))
            return false;
        return QTest::qWaitFor([&] { return !pane->objects()->isLoading(); }, 10'000);
    }

    QStringList shownKeys() const
    {
        QStringList shown;
        for (int row = 0; row < pane->proxy()->rowCount(); ++row)
            shown.append(pane->proxy()->index(row, 0).data(ObjectListModel::KeyRole).toString());
        return shown;
    }

    QModelIndex rowOf(const QString &key) const
    {
        for (int row = 0; row < pane->proxy()->rowCount(); ++row) {
            const QModelIndex index = pane->proxy()->index(row, 0);
            if (index.data(ObjectListModel::KeyRole).toString() == key)
                return index;
        }
        return {};
    }

    // Selects exactly these rows (by key) and focuses the list.
    bool select(const QStringList &keys)
    {
        QItemSelectionModel *selection = pane->view()->selectionModel();
        selection->clearSelection();
        for (const QString &key : keys) {
            const QModelIndex index = rowOf(key);
            if (!index.isValid())
                return false;
            selection->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
            selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
        pane->view()->setFocus();
        return pane->view()->hasFocus();
    }

    // Waits for every job in the queue to end; true when all completed.
    bool allJobsCompleted(int timeoutMs = 30'000)
    {
        const bool ended = QTest::qWaitFor(
            [&] {
                const QList<transfer::TransferJob *> jobs = queue->jobs();
                return !jobs.isEmpty()
                    && std::all_of(jobs.cbegin(), jobs.cend(),
                        [](transfer::TransferJob *job) { return transfer::isFinished(job->state()); });
            },
            timeoutMs);
        if (!ended)
            return false;
        for (transfer::TransferJob *job : queue->jobs())
            if (job->state() != transfer::JobState::Completed) {
                qWarning("job %s ended %d: %s", qPrintable(job->displayName()), int(job->state()),
                    qPrintable(job->errorMessage()));
                return false;
            }
        return true;
    }
};

} // namespace coffer::ui::test
