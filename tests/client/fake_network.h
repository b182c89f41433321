#pragma once
// A QNetworkAccessManager that never touches the network: it records every request
// (with its body bytes and the request target exactly as Qt's HTTP stack would write it
// on the request line) and answers from a script, always asynchronously through queued
// calls, as a real reply would.

#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <functional>
#include <optional>
#include <utility>

namespace coffer::client::testing {

struct RecordedRequest {
    QByteArray method;
    QUrl url;
    QByteArray target; // path?query as it would travel (Qt's own formatting rules)
    QByteArray path;   // target without the query
    QByteArray query;
    QNetworkRequest request;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
    bool hasHeader(const QByteArray &name) const { return request.hasRawHeader(name); }
    // Decoded query items in order (names and values percent-decoded).
    QList<std::pair<QByteArray, QByteArray>> queryItems() const;
    QByteArray queryValue(const QByteArray &name) const;
    bool hasQuery(const QByteArray &name) const;
};

struct ScriptedResponse {
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // A transport error instead of (or, with deliverBytes >= 0, in the middle of) a
    // response: e.g. RemoteHostClosedError after the first deliverBytes bytes.
    std::optional<QNetworkReply::NetworkError> error;
    qint64 deliverBytes = -1;
    bool hang = false; // send the headers and some body, then wait until aborted

    static ScriptedResponse ok(QByteArray body = {}, QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        return {200, std::move(headers), std::move(body), std::nullopt, -1, false};
    }
    static ScriptedResponse withStatus(int code, QByteArray body = {}, QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        return {code, std::move(headers), std::move(body), std::nullopt, -1, false};
    }
    static ScriptedResponse dropped(QNetworkReply::NetworkError error = QNetworkReply::RemoteHostClosedError)
    {
        ScriptedResponse r;
        r.status = 0;
        r.error = error;
        return r;
    }
};

class FakeNetwork : public QNetworkAccessManager
{
    Q_OBJECT
public:
    explicit FakeNetwork(QObject *parent = nullptr) : QNetworkAccessManager(parent) {}

    // Responses are taken in order; when the queue is empty, the responder (if set)
    // answers, else 200 with an empty body.
    void enqueue(ScriptedResponse response) { m_queue.append(std::move(response)); }
    std::function<ScriptedResponse(const RecordedRequest &)> responder;

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    QList<ScriptedResponse> m_queue;
    QList<RecordedRequest> m_requests;
};

} // namespace coffer::client::testing
