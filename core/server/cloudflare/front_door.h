#pragma once
// The S3 listener's handler when the Cloudflare API is on: a request under the API's base
// path that carries no SigV4 signature goes to the emulated API, every other to S3. The
// default base path ("/cf/...") can never be a path-style bucket, so nothing S3 is lost.

#include "server/http/requesthandler.h"

namespace coffer::server::cloudflare {

class CloudflareSite;

// Whether the request is for the API (pure; tested directly).
bool isApiRequest(const http::RequestHead &head, QByteArrayView basePath);

http::HandlerFactory frontDoorFactory(const CloudflareSite &site, http::HandlerFactory s3);

} // namespace coffer::server::cloudflare
