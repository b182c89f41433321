#include "local_store.h"

#include "s3/checksum/checksum.h"

#include <QBuffer>
#include <QDirIterator>
#include <QFile>

using namespace Qt::StringLiterals;

namespace coffer::transfer::testing {

namespace {

const s3::sigv4::Credentials kKeys{"AKIDTRANSFERTEST", "transfer-secret-key-0123456789", {}};

} // namespace

LocalStore::LocalStore()
{
    server::api::S3ServerOptions options;
    options.dataDirectory = m_dir.path();
    options.service.mode = server::api::ServerMode::R2;
    options.service.region = "auto";
    options.service.credentials = kKeys;
    options.workerThreads = 2;
    m_server = new server::api::S3Server(options);
    m_server->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_server, [this] {
        m_running = m_server->start();
        m_error = m_server->errorString();
    }, Qt::BlockingQueuedConnection);

    client::ClientConfig config;
    config.endpoint = *s3::parseEndpoint(u"http://127.0.0.1:%1"_s.arg(port()));
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "auto";
    config.credentials = kKeys;
    config.provider = s3::Provider::CofferLocal;
    config.retry.baseDelay = std::chrono::milliseconds(10);
    config.retry.maxBackoff = std::chrono::milliseconds(100);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<client::S3Client>(config, m_network.get());
}

LocalStore::~LocalStore()
{
    m_client.reset();
    m_network.reset();
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint16 LocalStore::port() const
{
    return m_server->port();
}

bool LocalStore::createBucket(const QString &bucket)
{
    const auto result = wait(m_client->createBucket(bucket));
    return result && result->ok();
}

bool LocalStore::put(const QString &bucket, const QString &key, const QByteArray &bytes,
                     std::optional<s3::ChecksumAlgorithm> checksum)
{
    QBuffer body;
    body.setData(bytes);
    body.open(QIODevice::ReadOnly);
    client::PutObjectParams params;
    params.bucket = bucket;
    params.key = key;
    params.body = &body;
    params.size = bytes.size();
    if (checksum) {
        params.checksumAlgorithm = checksum;
        params.checksumBase64 = s3::Checksum::hash(*checksum, bytes).toBase64();
    }
    const auto result = wait(m_client->putObject(params));
    return result && result->ok();
}

bool LocalStore::putMultipart(const QString &bucket, const QString &key, const QList<QByteArray> &parts,
                              std::optional<s3::ChecksumAlgorithm> checksum)
{
    const auto created = wait(m_client->createMultipartUpload({bucket, key, {}, checksum}));
    if (!created || !created->ok())
        return false;
    const QString uploadId = created->value().uploadId;
    QList<s3::CompletedPart> completed;
    for (int i = 0; i < parts.size(); ++i) {
        QBuffer body;
        body.setData(parts.at(i));
        body.open(QIODevice::ReadOnly);
        client::UploadPartParams params{bucket, key, uploadId, i + 1, &body, parts.at(i).size(), checksum, {}, {}};
        if (checksum)
            params.checksumBase64 = s3::Checksum::hash(*checksum, parts.at(i)).toBase64();
        const auto uploaded = wait(m_client->uploadPart(params));
        if (!uploaded || !uploaded->ok())
            return false;
        completed.append({i + 1, uploaded->value().etag, uploaded->value().checksums});
    }
    const auto done = wait(m_client->completeMultipartUpload({bucket, key, uploadId, completed}));
    return done && done->ok();
}

QByteArray LocalStore::get(const QString &bucket, const QString &key)
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto result = wait(m_client->getObject({bucket, key, {}, {}, {}}, &sink));
    return result && result->ok() ? sink.data() : QByteArray();
}

std::optional<client::ObjectHead> LocalStore::head(const QString &bucket, const QString &key)
{
    const auto result = wait(m_client->headObject({bucket, key, {}, {}}));
    if (!result || !result->ok())
        return std::nullopt;
    return result->value();
}

QStringList LocalStore::keys(const QString &bucket, const QString &prefix)
{
    QStringList keys;
    QString token;
    do {
        client::ListObjectsV2Params params;
        params.bucket = bucket;
        params.prefix = prefix;
        params.continuationToken = token;
        const auto page = wait(m_client->listObjectsV2(params));
        if (!page || !page->ok())
            return keys;
        for (const auto &entry : page->value().objects)
            keys.append(entry.key);
        token = page->value().isTruncated ? page->value().nextContinuationToken : QString();
    } while (!token.isEmpty());
    return keys;
}

bool LocalStore::corruptBlob(const QByteArray &bytes, qint64 offset)
{
    QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.size() != bytes.size() || !file.open(QIODevice::ReadWrite))
            continue;
        if (file.readAll() != bytes)
            continue;
        file.seek(offset);
        const char flipped = char(bytes.at(offset) ^ 0x5A);
        file.write(&flipped, 1);
        return true;
    }
    return false;
}

} // namespace coffer::transfer::testing
