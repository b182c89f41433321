#pragma once
// A CORS or lifecycle document as a person has it in a file or a source view, in any
// of its forms: S3 XML, the AWS JSON shapes, or the Cloudflare REST JSON. The form is
// recognised from the text, so import, the CLI and the source view share one reader.

#include "s3/json/json_result.h"
#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"

#include <QByteArray>

namespace coffer::s3::json {

enum class ConfigForm {
    S3Xml,          // <CORSConfiguration>, <LifecycleConfiguration>
    AwsJson,        // {"CORSRules": […]}, {"Rules": […]}
    AwsJsonArray,   // the bare CORS rule array of the S3 console and the R2 dashboard
    CloudflareJson, // {"rules": […]}
};

// The form text is in, judged from its first character and top-level member.
ConfigForm recogniseForm(const QByteArray &text);

// Errors carry the line (and column) of malformed text, or the offending rule.
JsonResult<CorsConfiguration> readCorsDocument(const QByteArray &text, ConfigForm *form = nullptr);
JsonResult<LifecycleConfiguration> readLifecycleDocument(const QByteArray &text, ConfigForm *form = nullptr);

// Indented text in the form asked for. Lifecycle rules have no bare-array form, and the
// Cloudflare form cannot hold every field: those refuse with a sentence.
QByteArray writeCorsDocument(const CorsConfiguration &configuration, ConfigForm form);
JsonResult<QByteArray> writeLifecycleDocument(const LifecycleConfiguration &configuration, ConfigForm form);

} // namespace coffer::s3::json
