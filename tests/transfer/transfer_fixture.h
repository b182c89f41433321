#pragma once
// The fixture the upload and queue tests share: an embedded server on a loopback port
// with one bucket, a client whose HTTP activity is recorded, a scratch directory, a
// journal in it, and queues that resolve the test connection to that client.

#include "transfer_test_support.h"

#include "transfer/transfer_journal.h"
#include "transfer/transfer_queue.h"
#include "transfer/transfer_settings.h"

#include <QObject>

#include <algorithm>
#include <memory>

namespace coffer::transfer::testing {

inline const ConnectionRef kConnection{QStringLiteral("local"), QStringLiteral("http://127.0.0.1")};

// A test class derives from this and calls startServer() from init(), stop() from cleanup().
class TransferFixture : public QObject
{
protected:
    // The server in mode with bucket created, the client on it and an empty scratch directory.
    // Qt Test skips the test function when init() failed; the directory comes first so
    // that openJournal() after a failure here still has somewhere to write.
    void startServer(server::api::ServerMode mode, const QString &bucket)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_server = std::make_unique<LocalServer>(mode);
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_network = std::make_unique<QNetworkAccessManager>();
        m_client = std::make_unique<client::S3Client>(m_server->clientConfig(), m_network.get());
        m_activity.clear();
        connect(m_client.get(), &client::S3Client::activity, this,
                [this](const client::HttpActivity &record) { m_activity.append(record); });
        const auto created = finish(m_client->createBucket(bucket), this);
        QVERIFY(created && created->ok());
    }

    QString journalPath() const { return m_dir->filePath(QStringLiteral("journal.sqlite")); }

    // A fresh journal object on the scratch directory's journal file (kept across calls).
    void openJournal()
    {
        m_journal = std::make_unique<TransferJournal>();
        QVERIFY(m_journal->open(journalPath()));
    }

    std::unique_ptr<TransferQueue> makeQueue(const TransferSettings &settings)
    {
        return std::make_unique<TransferQueue>(
            [this](const ConnectionRef &connection) {
                return connection == kConnection ? m_client.get() : nullptr;
            },
            m_journal.get(), settings);
    }

    int uploadPartRequests() const
    {
        return int(std::count_if(m_activity.cbegin(), m_activity.cend(), isUploadPart));
    }

    // Tears down in dependency order: jobs before the journal, the client before the server.
    void stop()
    {
        m_queue.reset();
        m_journal.reset();
        m_client.reset();
        m_network.reset();
        m_server.reset();
        m_dir.reset();
    }

    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<client::S3Client> m_client;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferQueue> m_queue;
    QList<client::HttpActivity> m_activity;
};

} // namespace coffer::transfer::testing
