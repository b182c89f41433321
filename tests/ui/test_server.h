#pragma once
// The embedded S3 server for UI tests: coffer_server's S3Server on 127.0.0.1:0 in its own
// thread with a temporary data directory, and a bucket of keys made through S3Client,
// as a user's uploads would be.

#include "client/client_config.h"
#include "server/api/s3_server.h"

#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

namespace coffer::client {
class S3Client;
}

namespace coffer::ui::test {

inline const QByteArray kAccessKey = "AKIDCOFFERUITEST";
inline const QByteArray kSecretKey = "ui-test-secret-0123456789";

class TestServer
{
public:
    explicit TestServer(server::api::ServerMode mode = server::api::ServerMode::R2);
    ~TestServer();

    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QString endpointUrl() const;
    client::ClientConfig clientConfig(const QByteArray &secret = kSecretKey) const;

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    server::api::S3Server *m_server = nullptr;
    bool m_running = false;
    quint16 m_port = 0;
    QString m_error;
};

// The keys the browsing tests use: many at the top level, a few prefixes, one nested.
QStringList sampleTree();

// Creates bucket and puts every key (a few bytes each, sized by the key's length) through
// client, waiting with the event loop running. False when anything failed.
bool seedBucket(client::S3Client *client, const QString &bucket, const QStringList &keys);

// What a delimiter '/' listing of prefix shows: its common prefixes and direct objects.
QStringList directFolders(const QStringList &keys, const QString &prefix);
QStringList directObjects(const QStringList &keys, const QString &prefix);

} // namespace coffer::ui::test
