#pragma once
// The S3 API on top of the HTTP layer, one instance per worker thread: route the request
// to its endpoint, answer a CORS preflight from the bucket's rules (before authentication),
// authenticate, decide access (anonymous reads only on public buckets), apply the mode's
// refusals, then run the endpoint's handler.

#include "service.h"

#include "server/http/requesthandler.h"

namespace coffer::server::api {

class S3RequestHandler : public http::RequestHandler
{
public:
    explicit S3RequestHandler(const Service &service);
    void handle(http::Exchange *exchange) override;

private:
    const Service &m_service;
};

// The factory HttpServer asks for in each worker thread.
http::HandlerFactory s3HandlerFactory(const Service &service);

// Whether an anonymous request may read objects of this bucket: R2 mode, the bucket's
// public flag; S3 mode, a policy granting s3:GetObject to everyone that PublicAccessBlock
// does not override.
bool allowsAnonymousRead(const Service &service, const QString &bucket);

} // namespace coffer::server::api
