#pragma once
// The little of S3's bucket policy language this server enforces (S3 mode): whether a
// policy lets anyone ("*") read objects, which is what makes anonymous GET and HEAD work.
// Every other statement is stored and returned as written but not evaluated.

#include "api_error.h"

#include <QByteArray>

#include <optional>

namespace coffer::server::api {

// MalformedPolicy unless the document is a JSON object with a Statement list whose
// entries each have Effect and Action.
std::optional<ApiError> validatePolicy(const QByteArray &json);
// True when an Allow statement (without Condition) grants s3:GetObject (or s3:*, or *)
// to Principal "*" or {"AWS": "*"}, and no Deny statement denies it to everyone.
bool policyGrantsPublicRead(const QByteArray &json);

} // namespace coffer::server::api
