#include "s3testclient.h"

#include "s3/sigv4/digest.h"

#include <QDateTime>

namespace coffer::server::api::test {

namespace sigv4 = coffer::s3::sigv4;

namespace {

constexpr int kTimeoutMs = 30'000;

} // namespace

ServerThread::ServerThread(ServerMode mode, qint64 lifecycleDayMs)
{
    S3ServerOptions options;
    options.dataDirectory = m_dir.path();
    options.port = 0;
    options.service.mode = mode;
    options.service.region = mode == ServerMode::R2 ? "auto" : "us-east-1";
    options.service.credentials = kKeys;
    options.lifecycleDayMs = lifecycleDayMs;
    options.workerThreads = 2;
    m_server = new S3Server(options);
    m_server->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_server, [this] {
        m_running = m_server->start();
        m_error = m_server->errorString();
    }, Qt::BlockingQueuedConnection);
}

ServerThread::~ServerThread()
{
    QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QByteArray Reply::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (n == name)
            return v;
    }
    return {};
}

QByteArray Reply::errorCode() const
{
    const qsizetype start = body.indexOf("<Code>");
    const qsizetype end = body.indexOf("</Code>");
    if (start < 0 || end < start)
        return {};
    return body.mid(start + 6, end - start - 6);
}

S3TestClient::S3TestClient(quint16 port, QByteArray region)
    : m_port(port)
    , m_region(std::move(region))
{
}

QByteArray S3TestClient::hostHeader() const
{
    return "127.0.0.1:" + QByteArray::number(m_port);
}

sigv4::HeaderList S3TestClient::signedHeaders(const Request &request) const
{
    sigv4::HeaderList headers = request.headers;
    headers.prepend({"host", hostHeader()});
    if (!request.sign)
        return headers;
    const qsizetype question = request.target.indexOf('?');
    const QByteArray path = question < 0 ? request.target : request.target.left(question);
    const QByteArray query = question < 0 ? QByteArray() : request.target.mid(question + 1);
    const QByteArray payload = request.payloadHash.isEmpty() ? sigv4::sha256Hex(request.body) : request.payloadHash;
    sigv4::CanonicalInput input{request.method, path, sigv4::parseQuery(query), headers, payload};
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(request.clockOffsetSeconds);
    for (const auto &pair : sigv4::signHeaders(input, request.keys, m_region, now))
        headers.append(pair);
    return headers;
}

Reply S3TestClient::send(const Request &request)
{
    QByteArray bytes = request.method + ' ' + request.target + " HTTP/1.1\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : signedHeaders(request)) {
        bytes += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("content-length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength && (!request.body.isEmpty() || request.method == "PUT" || request.method == "POST"))
        bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    bytes += "Connection: close\r\n\r\n" + request.body;
    Reply reply = sendRaw(bytes);
    return reply;
}

Reply S3TestClient::sendRaw(const QByteArray &bytes, bool closeAfterWrite)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(kTimeoutMs))
        return {};
    socket.write(bytes);
    while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(kTimeoutMs)) {
    }
    if (closeAfterWrite) {
        socket.disconnectFromHost();
        return {};
    }
    return readReply(socket, bytes.startsWith("HEAD "));
}

Reply S3TestClient::readReply(QTcpSocket &socket, bool isHead)
{
    Reply reply;
    QByteArray buffer;
    qsizetype headEnd = -1;
    while ((headEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!socket.waitForReadyRead(kTimeoutMs))
            return reply;
        buffer += socket.readAll();
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    reply.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            reply.headers.append({lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
    }
    buffer.remove(0, headEnd + 4);
    if (reply.status == 100) // an interim answer: the final one follows
        return readReply(socket, isHead);
    if (isHead || reply.status == 204 || reply.status == 304)
        return reply;
    const QByteArray length = reply.header("content-length");
    if (!length.isEmpty()) {
        const qint64 expected = length.toLongLong();
        while (buffer.size() < expected && socket.waitForReadyRead(kTimeoutMs))
            buffer += socket.readAll();
        reply.body = buffer.left(expected);
        return reply;
    }
    if (reply.header("transfer-encoding").toLower() == "chunked") {
        QByteArray body;
        while (true) {
            qsizetype lineEnd;
            while ((lineEnd = buffer.indexOf("\r\n")) < 0 && socket.waitForReadyRead(kTimeoutMs))
                buffer += socket.readAll();
            if (lineEnd < 0)
                break;
            const qint64 size = buffer.left(lineEnd).toLongLong(nullptr, 16);
            while (buffer.size() < lineEnd + 2 + size + 2 && socket.waitForReadyRead(kTimeoutMs))
                buffer += socket.readAll();
            if (size == 0)
                break;
            body += buffer.mid(lineEnd + 2, size);
            buffer.remove(0, lineEnd + 2 + size + 2);
        }
        reply.body = body;
        return reply;
    }
    while (socket.waitForReadyRead(kTimeoutMs))
        buffer += socket.readAll();
    reply.body = buffer;
    return reply;
}

} // namespace coffer::server::api::test
