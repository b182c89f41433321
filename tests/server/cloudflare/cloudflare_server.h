#pragma once
// Test scaffolding for the emulated Cloudflare side: an R2-mode S3Server with the REST API
// and the public listener, in its own thread, and raw HTTP clients for the API (bearer
// token, JSON envelope) and for the public listener (any Host header).

#include "../api/s3testclient.h"

#include <QJsonObject>
#include <QJsonValue>

namespace coffer::server::cloudflare::test {

using api::test::Reply;
using api::test::S3TestClient;

inline const QByteArray kToken = "cf-test-token-0123456789abcdefghijklmn";
inline const QString kAccount = QStringLiteral("0123456789abcdef0123456789abcdef");
inline const QByteArray kBasePath = "/cf/client/v4";

class CloudflareServer
{
public:
    CloudflareServer();
    ~CloudflareServer();

    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    api::S3Server *server() const { return m_server; }
    quint16 port() const { return m_server->port(); }
    quint16 publicPort() const;

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    api::S3Server *m_server = nullptr;
    bool m_running = false;
    QString m_error;
};

struct ApiReply {
    int status = 0;
    QByteArray body;
    QJsonObject envelope;
    QByteArray contentType;
    bool success() const { return envelope.value(QStringLiteral("success")).toBool(); }
    QJsonValue result() const { return envelope.value(QStringLiteral("result")); }
    int errorCode() const; // the first error's code; 0 when none
    QString errorMessage() const;
};

class ApiClient
{
public:
    explicit ApiClient(quint16 port)
        : m_http(port)
    { }

    // path below the base path, e.g. "/accounts/<id>/r2/buckets/b/cors".
    ApiReply call(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
        const QList<std::pair<QByteArray, QByteArray>> &headers
        = { { "authorization", "Bearer " + kToken } });
    // The same for one bucket's resource ("cors", "domains/custom", ...) in kAccount.
    ApiReply bucket(const QByteArray &method, const QString &bucket, const QByteArray &resource,
        const QByteArray &body = {});

private:
    S3TestClient m_http;
};

// A GET or HEAD on the public listener with this Host header.
Reply publicRequest(quint16 port, const QByteArray &method, const QByteArray &target, const QByteArray &host,
    const QList<std::pair<QByteArray, QByteArray>> &headers = {});

} // namespace coffer::server::cloudflare::test
