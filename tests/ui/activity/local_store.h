#pragma once
// For the Activity and Inspector tests: the embedded S3 server on a loopback port, in its
// own thread (a test may block on curl while the server answers), and an S3Client for it.

#include "client/s3_client.h"
#include "server/api/s3_server.h"

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

namespace coffer::ui::test {

inline const s3::sigv4::Credentials kKeys{"AKIDUITEST", "ui-secret/key+0123456789", {}};

class LocalStore
{
public:
    LocalStore() = default;
    LocalStore(const LocalStore &) = delete;
    LocalStore &operator=(const LocalStore &) = delete;

    ~LocalStore()
    {
        m_client.reset();
        if (m_server)
            QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    // False with errorString() when the server could not start.
    bool start()
    {
        server::api::S3ServerOptions options;
        options.dataDirectory = m_dir.path();
        options.service.credentials = kKeys;
        options.workerThreads = 2;
        m_server = new server::api::S3Server(options);
        m_server->moveToThread(&m_thread);
        m_thread.start();
        bool started = false;
        QMetaObject::invokeMethod(m_server, [&] {
            started = m_server->start();
            m_error = m_server->errorString();
        }, Qt::BlockingQueuedConnection);
        if (!started)
            return false;
        client::ClientConfig config;
        config.endpoint = *s3::parseEndpoint(QStringLiteral("http://127.0.0.1:%1").arg(m_server->port()));
        config.region = "auto";
        config.credentials = kKeys;
        m_client = std::make_unique<client::S3Client>(config, &m_network);
        return true;
    }

    QString errorString() const { return m_error; }
    client::S3Client *client() const { return m_client.get(); }

    // Waits (event loop running) for a reply's result.
    template <typename T>
    std::optional<client::Result<T>> wait(client::S3Reply<T> *reply)
    {
        auto slot = std::make_shared<std::optional<client::Result<T>>>();
        reply->onFinished(m_client.get(), [slot](const client::Result<T> &result) { *slot = result; });
        if (!QTest::qWaitFor([&] { return slot->has_value(); }, 30'000))
            return std::nullopt;
        return *slot;
    }

    bool createBucket(const QString &bucket)
    {
        const auto created = wait(m_client->createBucket(bucket));
        return created && created->ok();
    }

    bool put(const QString &bucket, const QString &key, const QByteArray &bytes, client::ObjectAttributes attributes = {})
    {
        QBuffer body;
        body.setData(bytes);
        body.open(QIODevice::ReadOnly);
        const auto put = wait(m_client->putObject(
            {.bucket = bucket, .key = key, .body = &body, .size = bytes.size(), .attributes = attributes}));
        return put && put->ok();
    }

    QByteArray get(const QString &bucket, const QString &key)
    {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const auto got = wait(m_client->getObject({.bucket = bucket, .key = key}, &sink));
        return got && got->ok() ? sink.data() : QByteArray();
    }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    server::api::S3Server *m_server = nullptr;
    QNetworkAccessManager m_network;
    std::unique_ptr<client::S3Client> m_client;
    QString m_error;
};

} // namespace coffer::ui::test
