#pragma once
// The transfer tests' store: the embedded S3 server on 127.0.0.1:0 in its own thread (its
// acceptor needs an event loop while a test waits), with an S3Client pointed at it, and
// small helpers that wait for a reply without sleeping (QTest::qWaitFor).

#include "client/s3_client.h"
#include "server/api/s3_server.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

namespace coffer::transfer::testing {

class LocalStore
{
public:
    LocalStore();
    ~LocalStore();

    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const;
    client::S3Client *client() const { return m_client.get(); }
    QString dataDirectory() const { return m_dir.path(); }

    // Helpers that wait for the call (30 s at most); false/empty on failure.
    bool createBucket(const QString &bucket);
    bool put(const QString &bucket, const QString &key, const QByteArray &bytes,
             std::optional<s3::ChecksumAlgorithm> checksum = std::nullopt);
    // A multipart object of the given parts (each but the last >= 5 MiB).
    bool putMultipart(const QString &bucket, const QString &key, const QList<QByteArray> &parts,
                      std::optional<s3::ChecksumAlgorithm> checksum = std::nullopt);
    QByteArray get(const QString &bucket, const QString &key);
    std::optional<client::ObjectHead> head(const QString &bucket, const QString &key);
    QStringList keys(const QString &bucket, const QString &prefix = {});

    // Flips one byte of the stored blob holding exactly `bytes`, behind the server's back
    // (a disk fault). False when no such blob was found.
    bool corruptBlob(const QByteArray &bytes, qint64 offset);

    template <typename T>
    static std::optional<client::Result<T>> wait(client::S3Reply<T> *reply, int timeoutMs = 30000)
    {
        std::optional<client::Result<T>> result;
        QObject context;
        reply->onFinished(&context, [&result](const client::Result<T> &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
            return std::nullopt;
        return result;
    }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    server::api::S3Server *m_server = nullptr;
    bool m_running = false;
    QString m_error;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<client::S3Client> m_client;
};

} // namespace coffer::transfer::testing
