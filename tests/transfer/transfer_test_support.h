#pragma once
// Shared by the transfer tests: the embedded S3 server on a loopback port in its own
// thread, a client for it, files with known bytes, and a way to wait for a reply.

#include "client/s3_client.h"
#include "server/api/s3_server.h"

#include <QBuffer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

#ifdef Q_OS_LINUX
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace coffer::transfer::testing {

using namespace Qt::StringLiterals;

inline const s3::sigv4::Credentials kKeys{"AKIDTRANSFERTEST", "transfer-test-secret-0123456789", {}};

// The server runs in a thread of its own, as in the app ("Start local server").
class LocalServer
{
public:
    explicit LocalServer(server::api::ServerMode mode = server::api::ServerMode::R2)
    {
        m_options.dataDirectory = m_dir.path();
        m_options.service.mode = mode;
        m_options.service.region = mode == server::api::ServerMode::R2 ? "auto" : "us-east-1";
        m_options.service.credentials = kKeys;
        m_options.workerThreads = 2;
        m_thread.start();
        launch();
    }
    ~LocalServer()
    {
        stop();
        m_thread.quit();
        m_thread.wait();
    }
    // Stops serving (connections drop, the port closes); restart() serves the same data
    // on the same port again, as when a user restarts the server.
    void stop()
    {
        if (!m_server)
            return;
        m_options.port = m_server->port();
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
        m_running = false;
    }
    bool restart()
    {
        stop();
        launch();
        return m_running;
    }
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }

    client::ClientConfig clientConfig() const
    {
        client::ClientConfig config;
        config.endpoint = *s3::parseEndpoint(u"http://127.0.0.1:"_s + QString::number(m_server->port()));
        config.addressing = s3::AddressingStyle::PathStyle;
        config.region = m_options.service.region;
        config.credentials = kKeys;
        config.retry.baseDelay = std::chrono::milliseconds(10);
        config.retry.maxBackoff = std::chrono::milliseconds(50);
        return config;
    }

private:
    void launch()
    {
        m_server = new server::api::S3Server(m_options);
        m_server->moveToThread(&m_thread);
        QMetaObject::invokeMethod(m_server, [this] {
            m_running = m_server->start();
            m_error = m_server->errorString();
        }, Qt::BlockingQueuedConnection);
    }

    QTemporaryDir m_dir;
    QThread m_thread;
    server::api::S3ServerOptions m_options;
    server::api::S3Server *m_server = nullptr;
    bool m_running = false;
    QString m_error;
};

// Waits (event loop running) for a reply and returns its result.
template <typename T>
std::optional<client::Result<T>> finish(client::S3Reply<T> *reply, QObject *context, int timeoutMs = 60000)
{
    auto slot = std::make_shared<std::optional<client::Result<T>>>();
    reply->onFinished(context, [slot](const client::Result<T> &result) { *slot = result; });
    if (!QTest::qWaitFor([slot] { return slot->has_value(); }, timeoutMs))
        return std::nullopt;
    return *slot;
}

// Deterministic, position-dependent bytes, so a misplaced part cannot compare equal.
inline QByteArray patternBytes(qint64 size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1;
    for (qint64 i = 0; i < size; ++i) {
        x = x * 1664525u + 1013904223u;
        bytes[i] = char(x >> 24);
    }
    return bytes;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline std::optional<QByteArray> download(client::S3Client &client, const QString &bucket, const QString &key,
                                          QObject *context)
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto result = finish(client.getObject({.bucket = bucket, .key = key}, &sink), context);
    if (!result || !result->ok())
        return std::nullopt;
    return sink.data();
}

// Makes chmod 000 mean "unreadable" for this process: the build root runs tests as root,
// whose CAP_DAC_OVERRIDE would read any file. Drops that capability (and DAC_READ_SEARCH)
// from the effective set of the calling thread; threads started later inherit it, so call
// it first, from the main thread. Then checks on a real file that reading is refused.
inline bool makeUnreadableFilesUnreadable(const QString &probeDirectory)
{
#ifdef Q_OS_LINUX
    if (geteuid() == 0) {
        __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct data[2]{};
        if (syscall(SYS_capget, &header, data) != 0)
            return false;
        data[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
        if (syscall(SYS_capset, &header, data) != 0)
            return false;
    }
#endif
    const QString probe = probeDirectory + u"/unreadable-probe"_s;
    if (!writeFile(probe, "x") || !QFile::setPermissions(probe, {}))
        return false;
    QFile file(probe);
    const bool refused = !file.open(QIODevice::ReadOnly);
    QFile::setPermissions(probe, QFile::ReadOwner | QFile::WriteOwner);
    QFile::remove(probe);
    return refused;
}

// Is an activity record an UploadPart request?
inline bool isUploadPart(const client::HttpActivity &record)
{
    return record.method == "PUT" && record.url.contains(u"partNumber="_s);
}

} // namespace coffer::transfer::testing
