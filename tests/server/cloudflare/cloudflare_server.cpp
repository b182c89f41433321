#include "cloudflare_server.h"

#include "server/cloudflare/cloudflare_site.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace coffer::server::cloudflare::test {

CloudflareServer::CloudflareServer()
{
    api::S3ServerOptions options;
    options.dataDirectory = m_dir.path();
    options.service.mode = api::ServerMode::R2;
    options.service.credentials = api::test::kKeys;
    options.workerThreads = 2;
    options.cloudflare.enabled = true;
    options.cloudflare.apiBasePath = kBasePath;
    options.cloudflare.apiToken = kToken;
    options.cloudflare.accountId = kAccount;
    m_server = new api::S3Server(options);
    m_server->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_server,
        [this] {
            m_running = m_server->start();
            m_error = m_server->errorString();
        },
        Qt::BlockingQueuedConnection);
}

CloudflareServer::~CloudflareServer()
{
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint16 CloudflareServer::publicPort() const
{
    return m_server->cloudflare() ? m_server->cloudflare()->publicPort() : 0;
}

int ApiReply::errorCode() const
{
    return envelope.value(QStringLiteral("errors"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("code"))
        .toInt();
}

QString ApiReply::errorMessage() const
{
    return envelope.value(QStringLiteral("errors"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

ApiReply ApiClient::call(const QByteArray &method, const QByteArray &path, const QByteArray &body,
    const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray bytes = method + ' ' + kBasePath + path + " HTTP/1.1\r\nHost: " + m_http.hostHeader() + "\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "PUT" || method == "POST")
        bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    bytes += "Connection: close\r\n\r\n" + body;
    const Reply raw = m_http.sendRaw(bytes);
    ApiReply reply;
    reply.status = raw.status;
    reply.body = raw.body;
    reply.contentType = raw.header("content-type");
    reply.envelope = QJsonDocument::fromJson(raw.body).object();
    return reply;
}

ApiReply ApiClient::bucket(
    const QByteArray &method, const QString &bucket, const QByteArray &resource, const QByteArray &body)
{
    return call(
        method, "/accounts/" + kAccount.toUtf8() + "/r2/buckets/" + bucket.toUtf8() + '/' + resource, body);
}

Reply publicRequest(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &host,
    const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "Connection: close\r\n\r\n";
    return S3TestClient(port).sendRaw(bytes);
}

} // namespace coffer::server::cloudflare::test
