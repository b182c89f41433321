#pragma once
// One S3 call in flight: the exchange it answers, its endpoint and authentication, and
// the ways a handler answers (an XML document, an empty status, an <Error>). It is a
// child of the exchange, so it goes away with it; handlers that keep working
// asynchronously (reading a body, streaming an object) use it as their context object.

#include "api_error.h"
#include "authenticator.h"
#include "cors_policy.h"
#include "endpoint.h"
#include "service.h"

#include "server/http/exchange.h"
#include "server/store/store_error.h"

#include <QObject>
#include <QPointer>

namespace coffer::server::api {

class Call : public QObject
{
    Q_OBJECT
public:
    Call(const Service &service, http::Exchange *exchange, Endpoint endpoint, AuthOutcome auth);

    const Service &service() const { return m_service; }
    ObjectStore &store() const { return m_service.store(); }
    http::Exchange *exchange() const { return m_exchange; }
    const Endpoint &endpoint() const { return m_endpoint; }
    const AuthOutcome &auth() const { return m_auth; }
    const http::RequestHead &head() const { return m_exchange->request(); }
    // The first value of a request header (lowercase name); null when absent.
    QByteArray header(QByteArrayView lowerName) const { return head().header(lowerName); }
    bool hasHeader(QByteArrayView lowerName) const { return head().hasHeader(lowerName); }
    bool isGone() const { return m_exchange.isNull() || m_exchange->isAborted(); }

    // Headers every answer of this call carries (CORS for an actual request).
    void addResponseHeaders(const ResponseHeaders &headers) { m_extraHeaders += headers; }

    // Answers. Each is the last thing a handler does with the call.
    void fail(const ApiError &error);
    void fail(const StoreError &error);
    void sendXml(const QByteArray &body, int status = 200);
    void sendStatus(int status, const ResponseHeaders &headers = {});
    // For handlers that stream: the response with the call's common headers set.
    http::Response *startResponse(int status);

private:
    void prepare(http::Response *response, int status);

    const Service &m_service;
    QPointer<http::Exchange> m_exchange;
    Endpoint m_endpoint;
    AuthOutcome m_auth;
    ResponseHeaders m_extraHeaders;
};

// The S3 answer to a store failure.
ApiError fromStore(const StoreError &error);
// The <Error> document's Resource for a request: "/bucket/key" as the client addressed it.
QByteArray errorResource(const http::RequestHead &head);
// Writes an <Error> answer on an exchange that has no Call (router and auth failures).
void sendError(http::Exchange *exchange, const ApiError &error, const ResponseHeaders &extra = {});

} // namespace coffer::server::api
