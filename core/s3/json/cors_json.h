#pragma once
// CORS rules in the AWS JSON shapes: the bare rule array the S3 console and the R2
// dashboard edit ([{"AllowedOrigins": […], …}]) and aws-cli's {"CORSRules": […]}.
// Member names are the XML element names in plural, as the AWS API defines them.

#include "s3/json/json_result.h"
#include "s3/model/cors.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace coffer::s3::json {

QJsonArray corsToAwsArray(const CorsConfiguration &configuration);
QJsonObject corsToAws(const CorsConfiguration &configuration); // {"CORSRules": […]}

JsonResult<CorsConfiguration> corsFromAwsArray(const QJsonArray &rules);
JsonResult<CorsConfiguration> corsFromAws(const QJsonObject &document);

// Either AWS shape as text; errors carry the line and column (malformed JSON) or the
// rule index and the line it starts on.
JsonResult<CorsConfiguration> parseCorsJson(const QByteArray &text);

} // namespace coffer::s3::json
