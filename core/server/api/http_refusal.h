#pragma once
// The S3 face of requests the HTTP layer refuses before routing (malformed framing, a
// body over the limit, a head that never finished): the same <Error> document every
// other refusal gets, so SDKs show a code and a sentence instead of a bare status.

#include "server/http/serverconfig.h"

namespace coffer::server::api {

http::RefusalDocument s3Refusal(int status, const QByteArray &reason, const QByteArray &requestId);

} // namespace coffer::server::api
