#pragma once
// The public listener: anonymous GET and HEAD of objects (and CORS preflights) for buckets
// that are public on a domain, the way r2.dev and custom domains serve them. The bucket
// comes from the Host header when it names a domain ("Host: pub-….r2.dev" or a custom
// domain), otherwise from the first path segment, so that a loopback client can use
// "http://HOST:PORT/<domain>/<key>". A domain that is switched off answers 403, an unknown
// one 404. Object reads run through the S3 API's own GetObject/HeadObject handlers, so
// ranges, conditions and headers behave exactly as on the S3 listener.

#include "server/http/requesthandler.h"

namespace coffer::server::cloudflare {

class CloudflareSite;

http::HandlerFactory publicHandlerFactory(const CloudflareSite &site);

} // namespace coffer::server::cloudflare
