#include "exchange.h"

#include "lcClient.h"
#include "retry_rules.h"

#include "s3/sigv4/digest.h"

#include <QBuffer>
#include <QFileDevice>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QHttp1Configuration>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QStorageInfo>
#include <QTimer>

namespace coffer::client {

using namespace std::chrono;
namespace sigv4 = s3::sigv4;

namespace {

// QNetworkReply reports HTTP error statuses as errors too (ContentNotFound, ...);
// those are answers, not transport failures. Codes below 200 are the transport's.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

// The path of the request line exactly as Qt's HTTP stack writes it (it normalizes
// "." and ".." segments), to prove it is the path that was signed.
QByteArray wireTarget(QUrl url)
{
    QUrl::FormattingOptions format(QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::FullyEncoded
                                   | QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveQuery);
    if (url.path().isEmpty())
        url.setPath(QStringLiteral("/"));
    else
        format |= QUrl::NormalizePathSegments;
    return url.toEncoded(format);
}

QString transportMessage(const QNetworkReply *reply)
{
    return reply->errorString();
}

} // namespace

QByteArray encodedQuery(const sigv4::QueryList &query)
{
    QByteArray out;
    for (const auto &[name, value] : query) {
        if (!out.isEmpty())
            out += '&';
        out += sigv4::uriEncode(name, true) + '=' + sigv4::uriEncode(value, true);
    }
    return out;
}

Exchange::Exchange(ExchangeEnvironment environment, WireRequest request, QObject *parent)
    : QObject(parent)
    , m_env(std::move(environment))
    , m_request(std::move(request))
{
    if (!m_env.clock)
        m_env.clock = std::make_shared<ClientClock>();
    if (!m_env.random)
        m_env.random = [] { return QRandomGenerator::global()->generateDouble(); };
}

Exchange::~Exchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray Exchange::signedUrl() const
{
    QByteArray url = m_env.scheme + "://" + m_request.host + m_request.encodedPath;
    if (!m_request.query.isEmpty())
        url += '?' + encodedQuery(m_request.query);
    return url;
}

void Exchange::start()
{
    if (m_request.body.kind == RequestBody::Kind::Stream && m_request.body.device)
        m_streamStart = m_request.body.device->pos();
    sendAttempt();
}

void Exchange::cancel()
{
    if (m_finished)
        return;
    m_canceled = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // finished() follows, synchronously or queued
        return;
    }
    finishWith(s3::S3Error::canceled().withBucket(m_request.bucket).withKey(m_request.key));
}

void Exchange::sendAttempt()
{
    ++m_attempt;
    m_response = {};
    m_sinkBytes = 0;
    m_tooLarge = false;
    m_sinkFailed = false;
    if (!m_env.network) {
        finishWith(s3::S3Error::network(QStringLiteral("The client has no network access manager.")));
        return;
    }

    const RequestBody &body = m_request.body;
    QByteArray payloadHash;
    switch (body.kind) {
    case RequestBody::Kind::None: payloadHash = sigv4::kEmptyPayloadSha256.toByteArray(); break;
    case RequestBody::Kind::Bytes: payloadHash = sigv4::sha256Hex(body.bytes); break;
    case RequestBody::Kind::Stream: payloadHash = sigv4::kUnsignedPayload.toByteArray(); break;
    }
    if (body.kind == RequestBody::Kind::Stream && !body.device) {
        finishWith(s3::S3Error::invalidInput(QStringLiteral("The upload source was closed before it was sent.")));
        return;
    }

    sigv4::CanonicalInput input;
    input.method = m_request.method;
    input.encodedPath = m_request.encodedPath;
    input.query = m_request.query;
    input.headers = m_request.headers;
    input.headers.prepend({"host", m_request.host});
    input.payloadHash = payloadHash;
    const sigv4::HeaderList added = sigv4::signHeaders(input, m_env.credentials, m_env.region,
                                                       m_env.clock->now());

    // fromEncoded + StrictMode: the path travels exactly as signed (QUrl re-encodes nothing).
    const QUrl url = QUrl::fromEncoded(signedUrl(), QUrl::StrictMode);
    if (wireTarget(url) != m_request.encodedPath) {
        finishWith(s3::S3Error::invalidInput(
                       QStringLiteral("The request path would be altered on the way to the server, so its "
                                      "signature would not match."))
                       .withBucket(m_request.bucket)
                       .withKey(m_request.key));
        return;
    }
    QNetworkRequest request(url);
    for (const auto &[name, value] : std::as_const(input.headers))
        request.setRawHeader(name, value);
    for (const auto &[name, value] : added)
        request.setRawHeader(name, value);
    request.setRawHeader("user-agent", m_env.userAgent);
    // Object bytes exactly as stored: no transparent gzip decoding by Qt.
    request.setRawHeader("accept-encoding", "identity");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(int(m_env.transferTimeout.count()));
    QHttp1Configuration http1;
    http1.setNumberOfConnectionsPerHost(qBound(1, m_env.connectionsPerHost, 64));
    request.setHttp1Configuration(http1);

    QIODevice *upload = nullptr;
    if (body.kind == RequestBody::Kind::Stream) {
        upload = body.device;
        if (m_attempt > 1)
            upload->seek(m_streamStart);
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    } else if (body.kind == RequestBody::Kind::Bytes || m_request.method == "PUT" || m_request.method == "POST") {
        delete m_uploadBuffer;
        m_uploadBuffer = new QBuffer(this);
        m_uploadBuffer->setData(body.bytes);
        m_uploadBuffer->open(QIODevice::ReadOnly);
        upload = m_uploadBuffer;
    }
    if (upload)
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.length());

    qCDebug(lcClient).noquote() << "send" << m_request.method << maskUrl(signedUrl()) << "attempt" << m_attempt;
    m_attemptTimer.start();
    QNetworkAccessManager *nam = m_env.network;
    QNetworkReply *reply = nullptr;
    if (m_request.method == "GET")
        reply = nam->get(request);
    else if (m_request.method == "HEAD")
        reply = nam->head(request);
    else if (m_request.method == "DELETE" && !upload)
        reply = nam->deleteResource(request);
    else if (m_request.method == "PUT")
        reply = nam->put(request, upload);
    else
        reply = nam->sendCustomRequest(request, m_request.method, upload);
    m_reply = reply;

    connect(reply, &QNetworkReply::readyRead, this, &Exchange::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &Exchange::onReplyFinished);
    if (body.kind == RequestBody::Kind::Stream) {
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
            if (total > 0)
                Q_EMIT progress(sent, total);
        });
    }
    if (m_sink) {
        connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
            if (m_response.status >= 200 && m_response.status < 300)
                Q_EMIT progress(received, total);
        });
    }
}

void Exchange::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (m_response.status == 0)
        m_response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool toSink = m_sink && m_response.status >= 200 && m_response.status < 300;
    while (reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(qMin<qint64>(reply->bytesAvailable(), 256 * 1024));
        if (chunk.isEmpty())
            break;
        m_response.bodyBytes += chunk.size();
        if (toSink) {
            if (m_sink->write(chunk) != chunk.size()) {
                m_sinkFailed = true;
                reply->abort();
                return;
            }
            m_sinkBytes += chunk.size();
        } else if (m_response.body.size() + chunk.size() > kMaxBufferedBody) {
            m_tooLarge = true;
            reply->abort();
            return;
        } else {
            m_response.body += chunk;
        }
    }
}

bool Exchange::canRepeat() const
{
    if (m_attempt >= m_env.retry.maxAttempts)
        return false;
    // Bytes already handed to the caller's device cannot be taken back.
    if (m_sinkBytes > 0)
        return false;
    if (m_request.body.kind == RequestBody::Kind::Stream) {
        QIODevice *device = m_request.body.device;
        if (!device || device->isSequential())
            return false;
    }
    return true;
}

void Exchange::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onReadyRead();
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    const QNetworkReply::NetworkError netError = reply->error();
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    m_response.status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    m_response.headers.clear();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        m_response.headers.append({name.toLower(), value});

    const QString requestLabel = m_request.key.isEmpty() ? m_request.bucket : m_request.bucket + u'/' + m_request.key;
    auto context = [this](s3::S3Error e) {
        return e.withBucket(m_request.bucket).withKey(m_request.key);
    };

    if (m_canceled) {
        reportActivity(QStringLiteral("canceled"));
        finishWith(context(s3::S3Error::canceled()));
        return;
    }
    if (m_sinkFailed) {
        reportActivity(QStringLiteral("local write failed"));
        finishWith(context(s3::S3Error::local(sinkFailure())));
        return;
    }
    if (m_tooLarge) {
        reportActivity(QStringLiteral("response too large"));
        finishWith(context(s3::S3Error::network(
            QStringLiteral("The server sent a response larger than %1 bytes where a small document was expected.")
                .arg(kMaxBufferedBody))));
        return;
    }

    // A transport failure, possibly after the status line (a dropped body).
    const bool transport = isTransportError(netError) || (netError != QNetworkReply::NoError && m_response.status == 0);
    bool timedOut = netError == QNetworkReply::TimeoutError || netError == QNetworkReply::OperationCanceledError;
    bool truncated = false;
    if (!transport && m_response.isSuccess() && m_sink && m_request.method != "HEAD") {
        bool ok = false;
        const qint64 expected = m_response.header("content-length").toLongLong(&ok);
        truncated = ok && expected != m_response.bodyBytes;
    }
    if (transport || truncated) {
        const QString message = truncated
            ? QStringLiteral("The connection closed after %1 of %2 bytes.")
                  .arg(m_response.bodyBytes)
                  .arg(QString::fromLatin1(m_response.header("content-length")))
            : transportMessage(reply);
        reportActivity(message);
        if ((timedOut || truncated || isTransientNetworkError(netError)) && canRepeat()) {
            retryAfter(backoffDelay(m_env.retry, m_attempt, m_env.random()));
            return;
        }
        qCInfo(lcClient).noquote() << "failed" << m_request.method << requestLabel << message;
        finishWith(context(timedOut ? s3::S3Error::timeout(message) : s3::S3Error::network(message)));
        return;
    }

    reportActivity({});
    if (m_response.isSuccess()) {
        finishWith({});
        return;
    }

    s3::S3Error error = s3::S3Error::fromResponse(m_response.status, m_response.body, m_request.configurationCall);
    if (error.requestId.isEmpty())
        error.requestId = m_response.requestId();
    error.withBucket(m_request.bucket).withKey(m_request.key);

    if (!m_skewCorrected && canRepeat()) {
        if (const auto skew = clockSkewCorrection(m_response, error, m_env.clock->localNow())) {
            m_skewCorrected = true;
            m_env.clock->setOffset(*skew);
            qCInfo(lcClient) << "server clock differs by" << skew->count() << "ms; retrying with the corrected time";
            retryAfter(0ms);
            return;
        }
    }
    if ((m_response.status == 301 || m_response.status == 307) || error.code == u"PermanentRedirect") {
        const QByteArray region = m_response.header("x-amz-bucket-region");
        if (!region.isEmpty()) {
            error.detail = QStringLiteral("The bucket is in region \"%1\": set the connection's region to %1.")
                               .arg(QString::fromLatin1(region));
        }
        finishWith(error);
        return;
    }
    if (error.isRetryable() && canRepeat()) {
        retryAfter(backoffDelay(m_env.retry, m_attempt, m_env.random()));
        return;
    }
    finishWith(error);
}

void Exchange::retryAfter(milliseconds delay)
{
    qCDebug(lcClient) << "retrying" << m_request.method << "in" << delay.count() << "ms";
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &Exchange::sendAttempt);
    }
    m_retryTimer->start(delay);
}

QString Exchange::sinkFailure() const
{
    // QFile often reports a full disk as "Unknown error" (a short write sets no errno), so
    // look at the file system the file lives on before trusting the device's words.
    const auto *file = qobject_cast<const QFileDevice *>(m_sink.data());
    if (file && !file->fileName().isEmpty()) {
        const QStorageInfo volume(QFileInfo(file->fileName()).absolutePath());
        if (volume.isValid() && volume.bytesAvailable() < 1024 * 1024) {
            return QStringLiteral("Writing the downloaded data to %1 failed: the disk is full. Free some space "
                                  "or choose another folder, then try again.")
                .arg(file->fileName());
        }
        return QStringLiteral("Writing the downloaded data to %1 failed (%2). Check that the folder is writable "
                              "and the disk has room, then try again.")
            .arg(file->fileName(), file->errorString());
    }
    return QStringLiteral("Writing the downloaded data failed (%1). Check where it is being written, then try again.")
        .arg(m_sink ? m_sink->errorString() : QString());
}

void Exchange::reportActivity(const QString &transportError)
{
    HttpActivity record;
    record.method = m_request.method;
    record.url = QString::fromUtf8(maskUrl(signedUrl()));
    record.status = m_response.status;
    record.bytesSent = m_request.body.length();
    record.bytesReceived = m_response.bodyBytes;
    record.durationMs = m_attemptTimer.isValid() ? m_attemptTimer.elapsed() : 0;
    record.requestId = m_response.requestId();
    record.attempt = m_attempt;
    record.error = transportError;
    for (const auto &[name, value] : m_request.headers) {
        if (name.compare("authorization", Qt::CaseInsensitive) != 0
            && name.compare("x-amz-security-token", Qt::CaseInsensitive) != 0)
            record.requestHeaders.append({name, value});
    }
    qCDebug(lcClient).noquote() << record.method << record.url << record.status << record.durationMs << "ms";
    Q_EMIT activity(record);
}

void Exchange::finishWith(s3::S3Error error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = std::move(error);
    Q_EMIT finished();
}

} // namespace coffer::client
