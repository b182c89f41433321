#pragma once
// Test scaffolding for the S3 API end to end: the server in its own thread (its acceptor
// needs an event loop while the test blocks on a socket), and a raw HTTP/1.1 client that
// signs with coffer::s3::sigv4 exactly as a real client would, or sends whatever bytes a
// test needs (truncated bodies, lying Content-Length).

#include "server/api/s3_server.h"

#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

namespace coffer::server::api::test {

inline const coffer::s3::sigv4::Credentials kKeys{"AKIDCOFFERTEST", "test-secret-key-0123456789", {}};

class ServerThread
{
public:
    explicit ServerThread(ServerMode mode = ServerMode::R2, qint64 lifecycleDayMs = 24LL * 3600 * 1000);
    ~ServerThread();

    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_server->port(); }
    S3Server *server() const { return m_server; }
    QString dataDirectory() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    S3Server *m_server = nullptr;
    bool m_running = false;
    QString m_error;
};

struct Reply {
    int status = 0;
    coffer::s3::sigv4::HeaderList headers; // lowercased names
    QByteArray body;
    QByteArray header(QByteArrayView name) const;
    // The <Code> of an <Error> body.
    QByteArray errorCode() const;
};

struct Request {
    Request(QByteArray m = "GET", QByteArray t = "/", coffer::s3::sigv4::HeaderList h = {}, QByteArray b = {})
        : method(std::move(m)), target(std::move(t)), headers(std::move(h)), body(std::move(b))
    {
    }
    QByteArray method = "GET";
    QByteArray target = "/";                 // raw path?query, as it travels
    coffer::s3::sigv4::HeaderList headers;   // extra headers (signed too when signing)
    QByteArray body;
    bool sign = true;
    QByteArray payloadHash;                  // empty: the body's SHA-256
    coffer::s3::sigv4::Credentials keys = kKeys;
    qint64 clockOffsetSeconds = 0;           // signs as if the client's clock were off
};

class S3TestClient
{
public:
    explicit S3TestClient(quint16 port, QByteArray region = "auto");

    Reply send(const Request &request);
    // Writes the raw bytes and reads one response (or none: status 0 when closed).
    Reply sendRaw(const QByteArray &bytes, bool closeAfterWrite = false);
    // The head a signed request would carry (for building raw requests by hand).
    coffer::s3::sigv4::HeaderList signedHeaders(const Request &request) const;
    QByteArray hostHeader() const;

private:
    Reply readReply(QTcpSocket &socket, bool isHead);
    quint16 m_port;
    QByteArray m_region;
};

} // namespace coffer::server::api::test
