#pragma once
// CORS and lifecycle documents in the JSON shapes aws-cli uses
// ({"CORSRules": [...]}, {"Rules": [...]}), and reading either those or S3's XML.
// The JSON uses the same element names as the XML, as the AWS API does.

#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace coffer::cli {

QJsonObject corsToJson(const s3::CorsConfiguration &configuration);
QJsonObject lifecycleToJson(const s3::LifecycleConfiguration &configuration);

// document: S3 XML (<CORSConfiguration>) or JSON ({"CORSRules": [...]}, or the bare
// rule array the S3 console and the R2 dashboard show). On failure *error says where.
std::optional<s3::CorsConfiguration> readCorsDocument(const QByteArray &document, QString *error);
// document: S3 XML (<LifecycleConfiguration>) or JSON ({"Rules": [...]}).
std::optional<s3::LifecycleConfiguration> readLifecycleDocument(const QByteArray &document, QString *error);

} // namespace coffer::cli
