#pragma once
// What the CORS editor marks as the user types: the document's own rules (origin
// shape, known methods, …, from CorsConfiguration::validate()) plus the mistakes that
// are legal but break browsers: credentials with "*", rules that can never match, and
// browser multipart uploads without ETag exposed.

#include "bucket_config/rule_problem.h"
#include "s3/model/cors.h"

namespace coffer::bucket_config {

RuleProblems checkCors(const s3::CorsConfiguration &configuration);

// Whether origin pattern (an allowed origin: exact, "*", or with one "*" inside)
// matches origin, the way S3 and R2 compare them.
bool originMatches(const QString &pattern, const QString &origin);

} // namespace coffer::bucket_config
