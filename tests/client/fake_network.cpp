#include "fake_network.h"

#include <QPointer>
#include <QTimer>

namespace coffer::client::testing {

namespace {

class FakeReply : public QNetworkReply
{
public:
    FakeReply(const RecordedRequest &recorded, ScriptedResponse script, QObject *parent)
        : QNetworkReply(parent)
        , m_script(std::move(script))
        , m_uploaded(recorded.body.size())
    {
        setRequest(recorded.request);
        setUrl(recorded.url);
        setOperation(QNetworkAccessManager::CustomOperation);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        QTimer::singleShot(0, this, [this] { deliverHeaders(); });
    }

    void abort() override
    {
        if (isFinished())
            return;
        m_aborted = true;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        Q_EMIT errorOccurred(OperationCanceledError);
        finish();
    }
    qint64 bytesAvailable() const override { return m_pending.size() + QNetworkReply::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_pending.size());
        memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        return n;
    }

private:
    void deliverHeaders()
    {
        if (m_aborted)
            return;
        if (m_uploaded > 0)
            Q_EMIT uploadProgress(m_uploaded, m_uploaded);
        if (m_script.status == 0) {
            const auto error = m_script.error.value_or(RemoteHostClosedError);
            setError(error, QStringLiteral("Connection closed (scripted)"));
            Q_EMIT errorOccurred(error);
            finish();
            return;
        }
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_script.status);
        bool hasLength = false;
        for (const auto &[name, value] : std::as_const(m_script.headers)) {
            setRawHeader(name, value);
            hasLength = hasLength || name.compare("content-length", Qt::CaseInsensitive) == 0;
        }
        if (!hasLength)
            setRawHeader("Content-Length", QByteArray::number(m_script.body.size()));
        Q_EMIT metaDataChanged();
        QTimer::singleShot(0, this, [this] { deliverBody(); });
    }

    void deliverBody()
    {
        if (m_aborted)
            return;
        const qint64 count = m_script.deliverBytes >= 0 ? qMin<qint64>(m_script.deliverBytes, m_script.body.size())
                                                        : m_script.body.size();
        // Two slices, so readers see more than one readyRead.
        const qint64 half = count / 2;
        qint64 delivered = 0;
        for (const QByteArray &slice : {m_script.body.first(half), m_script.body.sliced(half, count - half)}) {
            if (slice.isEmpty() || m_aborted)
                continue;
            m_pending += slice;
            delivered += slice.size();
            Q_EMIT readyRead();
            Q_EMIT downloadProgress(delivered, m_script.body.size());
        }
        if (m_aborted || m_script.hang)
            return;
        QTimer::singleShot(0, this, [this] {
            if (m_aborted)
                return;
            if (m_script.error) {
                setError(*m_script.error, QStringLiteral("Connection closed mid-body (scripted)"));
                Q_EMIT errorOccurred(*m_script.error);
            } else if (m_script.status >= 400) {
                setError(m_script.status >= 500 ? InternalServerError : ContentAccessDenied,
                         QStringLiteral("HTTP %1").arg(m_script.status));
            }
            finish();
        });
    }

    void finish()
    {
        setFinished(true);
        Q_EMIT finished();
    }

    ScriptedResponse m_script;
    qint64 m_uploaded = 0;
    QByteArray m_pending;
    bool m_aborted = false;
};

QByteArray operationName(QNetworkAccessManager::Operation op, const QNetworkRequest &request)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    default: return "?";
    }
}

} // namespace

QList<std::pair<QByteArray, QByteArray>> RecordedRequest::queryItems() const
{
    QList<std::pair<QByteArray, QByteArray>> items;
    if (query.isEmpty())
        return items;
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.first(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.sliced(eq + 1);
        items.append({QByteArray::fromPercentEncoding(name), QByteArray::fromPercentEncoding(value)});
    }
    return items;
}

QByteArray RecordedRequest::queryValue(const QByteArray &name) const
{
    for (const auto &[n, v] : queryItems()) {
        if (n == name)
            return v;
    }
    return {};
}

bool RecordedRequest::hasQuery(const QByteArray &name) const
{
    for (const auto &item : queryItems()) {
        if (item.first == name)
            return true;
    }
    return false;
}

QNetworkReply *FakeNetwork::createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    RecordedRequest recorded;
    recorded.method = operationName(op, request);
    recorded.url = request.url();
    recorded.request = request;
    // The request target as Qt's HTTP stack formats it for the request line.
    QUrl::FormattingOptions format(QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::FullyEncoded
                                   | QUrl::RemoveScheme | QUrl::RemoveAuthority);
    QUrl copy = request.url();
    if (copy.path().isEmpty())
        copy.setPath(QStringLiteral("/"));
    else
        format |= QUrl::NormalizePathSegments;
    recorded.target = copy.toEncoded(format);
    const qsizetype q = recorded.target.indexOf('?');
    recorded.path = q < 0 ? recorded.target : recorded.target.first(q);
    recorded.query = q < 0 ? QByteArray() : recorded.target.sliced(q + 1);
    if (outgoingData) {
        const qint64 length = request.header(QNetworkRequest::ContentLengthHeader).toLongLong();
        recorded.body = length > 0 ? outgoingData->read(length) : outgoingData->readAll();
    }
    m_requests.append(recorded);

    ScriptedResponse script;
    if (!m_queue.isEmpty())
        script = m_queue.takeFirst();
    else if (responder)
        script = responder(recorded);
    return new FakeReply(recorded, std::move(script), this);
}

} // namespace coffer::client::testing
