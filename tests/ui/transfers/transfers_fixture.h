#pragma once
// For the Transfers dock tests: the embedded server (tests/ui/test_server.h) with one
// bucket, an S3Client on it, a scratch folder with the journal, and TransferCenters that
// resolve the test connection to that client.

#include "test_server.h"

#include "ui/transfers/transfer_center.h"

#include "client/s3_client.h"
#include "transfer/transfer_settings.h"

#include <QBuffer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace coffer::ui::test {

inline const transfer::ConnectionRef kConnection { QStringLiteral("test-profile-id"),
    QStringLiteral("http://127.0.0.1") };
inline const QString kBucket = QStringLiteral("transfers");

class TransfersFixture
{
public:
    // False when the server or the bucket could not be made.
    bool start()
    {
        m_server = std::make_unique<TestServer>();
        if (!m_server->isRunning())
            return false;
        m_client = std::make_unique<client::S3Client>(m_server->clientConfig(), &m_network);
        const auto created = wait(m_client->createBucket(kBucket));
        return created && created->ok();
    }

    client::S3Client *client() const { return m_client.get(); }
    QString journalPath() const { return m_dir.filePath(QStringLiteral("transfers.sqlite")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<TransferCenter> makeCenter(const transfer::TransferSettings &settings = {})
    {
        client::S3Client *client = m_client.get();
        return std::make_unique<TransferCenter>(
            [client](const transfer::ConnectionRef &ref) { return ref == kConnection ? client : nullptr; },
            journalPath(), settings);
    }

    // A file of random bytes in the scratch folder; returns its path.
    QString writeFile(const QString &name, qint64 size)
    {
        const QString filePath = path(name);
        QFile file(filePath);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        QByteArray chunk(qsizetype(1024 * 1024), Qt::Uninitialized);
        for (qint64 written = 0; written < size;) {
            QRandomGenerator::global()->fillRange(
                reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / qsizetype(sizeof(quint32)));
            const qint64 n = qMin<qint64>(chunk.size(), size - written);
            file.write(chunk.constData(), n);
            written += n;
        }
        return filePath;
    }

    static QByteArray readFile(const QString &filePath)
    {
        QFile file(filePath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The object's bytes on the server; nullopt when the GET failed.
    std::optional<QByteArray> object(const QString &key)
    {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const auto got = wait(m_client->getObject({ .bucket = kBucket, .key = key }, &sink));
        if (!got || !got->ok())
            return std::nullopt;
        return sink.data();
    }

    // The object `name` on the server holds exactly the bytes of the scratch file `name`.
    bool objectMatchesFile(const QString &name)
    {
        const std::optional<QByteArray> stored = object(name);
        const QByteArray local = readFile(path(name));
        return stored && !local.isEmpty() && *stored == local;
    }

    template<typename T> std::optional<client::Result<T>> wait(client::S3Reply<T> *reply)
    {
        auto slot = std::make_shared<std::optional<client::Result<T>>>();
        reply->onFinished(m_client.get(), [slot](const client::Result<T> &result) { *slot = result; });
        if (!QTest::qWaitFor([&] { return slot->has_value(); }, 30'000))
            return std::nullopt;
        return *slot;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<client::S3Client> m_client;
};

// Slow enough that a test can pause mid-upload: multipart in 5 MiB parts at a few MiB/s.
inline transfer::TransferSettings slowSettings()
{
    transfer::TransferSettings settings;
    settings.multipartThreshold = 5 * transfer::kMiB;
    settings.preferredPartSize = 5 * transfer::kMiB;
    settings.partWindow = 2;
    settings.bandwidthLimit = 4 * transfer::kMiB;
    return settings;
}

} // namespace coffer::ui::test
