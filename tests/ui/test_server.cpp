#include "test_server.h"

#include "client/s3_client.h"

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace coffer::ui::test {

TestServer::TestServer(server::api::ServerMode mode)
{
    server::api::S3ServerOptions options;
    options.dataDirectory = m_dir.path();
    options.port = 0;
    options.service.mode = mode;
    options.service.region = mode == server::api::ServerMode::R2 ? "auto" : "us-east-1";
    options.service.credentials = { kAccessKey, kSecretKey, {} };
    options.workerThreads = 2;
    m_server = new server::api::S3Server(options);
    m_server->moveToThread(&m_thread);
    m_thread.start();
    // Test setup only: the test waits here for the server to listen.
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            m_running = m_server->start();
            m_port = m_running ? m_server->port() : quint16(0);
            m_error = m_server->errorString();
        },
        Qt::BlockingQueuedConnection);
}

TestServer::~TestServer()
{
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString TestServer::endpointUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

client::ClientConfig TestServer::clientConfig(const QByteArray &secret) const
{
    client::ClientConfig config;
    config.endpoint = *s3::parseEndpoint(endpointUrl());
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "auto";
    config.credentials = { kAccessKey, secret, {} };
    config.provider = s3::Provider::CofferLocal;
    return config;
}

QStringList sampleTree()
{
    QStringList keys;
    for (int i = 0; i < 140; ++i)
        keys.append(u"file-%1.txt"_s.arg(i, 3, 10, QLatin1Char('0')));
    for (int i = 0; i < 60; ++i)
        keys.append(u"alpha/part-%1.bin"_s.arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 0; i < 5; ++i)
        keys.append(u"alpha/deep/leaf-%1.json"_s.arg(i));
    for (int i = 0; i < 12; ++i)
        keys.append(u"beta/b-%1"_s.arg(i));
    keys.append(u"zeta/only.txt"_s);
    keys.append(u"zeta/"_s); // a "new folder" marker: the folder itself, not a row in it
    return keys;
}

bool seedBucket(client::S3Client *client, const QString &bucket, const QStringList &keys)
{
    bool created = false;
    bool failed = false;
    client->createBucket(bucket)->onFinished(client, [&](const client::Result<client::Done> &r) {
        created = true;
        failed = failed || !r.ok();
    });
    if (!QTest::qWaitFor([&] { return created; }, 30000) || failed)
        return false;
    int done = 0;
    for (const QString &key : keys) {
        auto *body = new QBuffer(client);
        body->setData(key.toUtf8().repeated(3));
        body->open(QIODevice::ReadOnly);
        client::PutObjectParams params;
        params.bucket = bucket;
        params.key = key;
        params.body = body;
        params.size = body->size();
        client->putObject(params)->onFinished(
            client, [&, body](const client::Result<client::PutObjectResult> &r) {
                body->deleteLater();
                failed = failed || !r.ok();
                ++done;
            });
    }
    return QTest::qWaitFor([&] { return done == keys.size(); }, 60000) && !failed;
}

QStringList directFolders(const QStringList &keys, const QString &prefix)
{
    QStringList folders;
    for (const QString &key : keys) {
        if (!key.startsWith(prefix))
            continue;
        const qsizetype slash = key.indexOf(u'/', prefix.size());
        if (slash >= 0) {
            const QString folder = key.left(slash + 1);
            if (!folders.contains(folder))
                folders.append(folder);
        }
    }
    folders.sort();
    return folders;
}

QStringList directObjects(const QStringList &keys, const QString &prefix)
{
    QStringList objects;
    for (const QString &key : keys) {
        if (key.startsWith(prefix) && key.indexOf(u'/', prefix.size()) < 0 && key != prefix)
            objects.append(key);
    }
    objects.sort();
    return objects;
}

} // namespace coffer::ui::test
