#include "s3_call.h"

#include "router.h"

#include "s3/sigv4/signer.h"
#include "s3/xml/documents.h"

namespace coffer::server::api {

namespace {

void writeError(http::Exchange *exchange, const ApiError &error, const ResponseHeaders &extra)
{
    http::Response *response = exchange->response();
    if (response->isStarted()) {
        // Too late for an <Error>: end the message short so the client sees it failed.
        response->finish();
        return;
    }
    coffer::s3::ErrorDocument document;
    document.code = QString::fromLatin1(error.code);
    document.message = error.messageOrDefault();
    document.resource = QString::fromUtf8(errorResource(exchange->request()));
    document.requestId = QString::fromLatin1(exchange->requestId());
    response->setHeader("x-amz-request-id", exchange->requestId());
    for (const auto &[name, value] : extra)
        response->addHeader(name, value);
    if (error.code == "NotModified") {
        response->setStatus(304);
        response->setContentLength(0);
        response->finish();
        return;
    }
    response->send(error.httpStatus(), coffer::s3::xml::writeError(document));
}

} // namespace

ApiError fromStore(const StoreError &error)
{
    return ApiError{error.s3Code().toString().toLatin1(), error.message(), error.httpStatus()};
}

QByteArray errorResource(const http::RequestHead &head)
{
    const auto parts = splitTarget(head.target);
    return parts ? coffer::s3::sigv4::percentDecode(parts->path) : QByteArray("/");
}

void sendError(http::Exchange *exchange, const ApiError &error, const ResponseHeaders &extra)
{
    if (exchange && !exchange->isAborted())
        writeError(exchange, error, extra);
}

Call::Call(const Service &service, http::Exchange *exchange, Endpoint endpoint, AuthOutcome auth)
    : QObject(exchange)
    , m_service(service)
    , m_exchange(exchange)
    , m_endpoint(std::move(endpoint))
    , m_auth(std::move(auth))
{
}

void Call::fail(const ApiError &error)
{
    if (!isGone())
        writeError(m_exchange, error, m_extraHeaders);
}

void Call::fail(const StoreError &error)
{
    fail(fromStore(error));
}

void Call::prepare(http::Response *response, int status)
{
    response->setStatus(status);
    response->setHeader("x-amz-request-id", m_exchange->requestId());
    for (const auto &[name, value] : m_extraHeaders)
        response->addHeader(name, value);
}

void Call::sendXml(const QByteArray &body, int status)
{
    if (isGone())
        return;
    http::Response *response = m_exchange->response();
    prepare(response, status);
    response->send(status, body);
}

void Call::sendStatus(int status, const ResponseHeaders &headers)
{
    if (isGone())
        return;
    http::Response *response = m_exchange->response();
    prepare(response, status);
    for (const auto &[name, value] : headers)
        response->setHeader(name, value);
    if (!head().isHead() || status == 204)
        response->setContentLength(0);
    response->finish();
}

http::Response *Call::startResponse(int status)
{
    if (isGone())
        return nullptr;
    http::Response *response = m_exchange->response();
    prepare(response, status);
    return response;
}

} // namespace coffer::server::api
