#include "own_server.h"

#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTest>

namespace coffer::client::testing {

namespace api = coffer::server::api;

namespace {
const s3::sigv4::Credentials kKeys{"AKIDOWNSERVER", "own-server-secret-0123456789", {}};
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    // Whole 32-bit words at a time: megabytes per test, so per-byte calls would dominate.
    QRandomGenerator generator(seed);
    QList<quint32> words((size + 3) / 4);
    generator.fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), size);
}

QString md5Etag(const QByteArray &data)
{
    return u'"' + QString::fromLatin1(s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, data).toHex()) + u'"';
}

void OwnServerTest::start(Target &target, api::ServerMode mode)
{
    QVERIFY(target.data.isValid());
    api::S3ServerOptions options;
    options.dataDirectory = target.data.path();
    options.service.mode = mode;
    options.service.region = mode == api::ServerMode::R2 ? "auto" : "us-east-1";
    options.service.credentials = kKeys;
    options.workerThreads = 2;
    target.server = std::make_unique<api::S3Server>(options);
    QVERIFY2(target.server->start(), qPrintable(target.server->errorString()));

    ClientConfig config;
    config.endpoint = *s3::parseEndpoint(QStringLiteral("http://127.0.0.1:%1").arg(target.server->port()));
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = options.service.region;
    config.credentials = kKeys;
    config.provider = mode == api::ServerMode::R2 ? s3::Provider::CloudflareR2 : s3::Provider::Custom;
    config.retry.baseDelay = std::chrono::milliseconds(10);
    target.client = std::make_unique<S3Client>(config, &m_network);
    connect(target.client.get(), &S3Client::activity, this, [this](const HttpActivity &record) {
        if (record.status == 403)
            ++m_refused;
    });
}

void OwnServerTest::startServers()
{
    start(m_r2, api::ServerMode::R2);
    if (!QTest::currentTestFailed())
        start(m_s3, api::ServerMode::S3);
}

void OwnServerTest::stopServers()
{
    for (Target *target : {&m_r2, &m_s3}) {
        target->client.reset();
        target->server.reset();
    }
}

void OwnServerTest::modes()
{
    QTest::addColumn<bool>("r2");
    QTest::newRow("r2") << true;
    QTest::newRow("s3") << false;
}

Result<PutObjectResult> OwnServerTest::upload(S3Client &c, const QString &bucket, const QString &key,
                                              const QByteArray &data, PutObjectParams params)
{
    QBuffer body;
    body.setData(data);
    body.open(QIODevice::ReadOnly);
    params.bucket = bucket;
    params.key = key;
    params.body = &body;
    params.size = data.size();
    return finish(c.putObject(params));
}

std::optional<QByteArray> OwnServerTest::download(S3Client &c, const GetObjectParams &params, s3::S3Error *error,
                                                  ObjectHead *head)
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto result = finish(c.getObject(params, &sink));
    if (!result.ok()) {
        if (error)
            *error = result.error();
        return std::nullopt;
    }
    if (head)
        *head = result.value();
    return sink.data();
}

QByteArray OwnServerTest::fetch(const QByteArray &method, const QUrl &url, int *status, const QByteArray &body)
{
    QNetworkRequest request(url);
    QNetworkReply *reply = nullptr;
    if (method == "PUT")
        reply = m_plain.put(request, body);
    else if (method == "HEAD") // a custom "HEAD" would wait for the announced body
        reply = m_plain.head(request);
    else if (method == "DELETE")
        reply = m_plain.deleteResource(request);
    else
        reply = m_plain.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(30000);
    // An exchange that never finished is a failure, whatever status its head carried.
    *status = reply->isFinished() ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : -1;
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    return answer;
}

bool OwnServerTest::makeBucket(S3Client &c, const QString &bucket)
{
    const auto created = finish(c.createBucket(bucket));
    if (!created.ok())
        qWarning().noquote() << "creating" << bucket << "failed:" << created.error().userMessage();
    return created.ok();
}

} // namespace coffer::client::testing
