#include "s3/json/config_document.h"

#include "s3/json/cloudflare_json.h"
#include "s3/json/cors_json.h"
#include "s3/json/lifecycle_json.h"
#include "s3/xml/documents.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace coffer::s3::json {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::json", text);
}

JsonError fromXml(const xml::XmlError &error)
{
    JsonError e;
    e.message = error.message;
    e.line = error.line;
    e.column = error.column;
    return e;
}

QByteArray indented(const QJsonDocument &document)
{
    return document.toJson(QJsonDocument::Indented);
}

} // namespace

ConfigForm recogniseForm(const QByteArray &text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith('<'))
        return ConfigForm::S3Xml;
    if (trimmed.startsWith('['))
        return ConfigForm::AwsJsonArray;
    // Only the Cloudflare form spells its list in lower case at the top level.
    const QJsonDocument document = QJsonDocument::fromJson(trimmed);
    if (document.isObject() && document.object().contains("rules"_L1))
        return ConfigForm::CloudflareJson;
    return ConfigForm::AwsJson;
}

JsonResult<CorsConfiguration> readCorsDocument(const QByteArray &text, ConfigForm *form)
{
    const ConfigForm recognised = recogniseForm(text);
    if (form)
        *form = recognised;
    switch (recognised) {
    case ConfigForm::S3Xml: {
        auto parsed = xml::parseCorsConfiguration(text);
        if (!parsed)
            return {std::nullopt, fromXml(parsed.error())};
        return {std::move(parsed).value(), {}};
    }
    case ConfigForm::CloudflareJson:
        return parseCloudflareCorsJson(text);
    case ConfigForm::AwsJson:
    case ConfigForm::AwsJsonArray:
        break;
    }
    return parseCorsJson(text);
}

JsonResult<LifecycleConfiguration> readLifecycleDocument(const QByteArray &text, ConfigForm *form)
{
    const ConfigForm recognised = recogniseForm(text);
    if (form)
        *form = recognised;
    switch (recognised) {
    case ConfigForm::S3Xml: {
        auto parsed = xml::parseLifecycleConfiguration(text);
        if (!parsed)
            return {std::nullopt, fromXml(parsed.error())};
        return {std::move(parsed).value(), {}};
    }
    case ConfigForm::CloudflareJson:
        return parseCloudflareLifecycleJson(text);
    case ConfigForm::AwsJson:
    case ConfigForm::AwsJsonArray:
        break;
    }
    return parseLifecycleJson(text);
}

QByteArray writeCorsDocument(const CorsConfiguration &configuration, ConfigForm form)
{
    switch (form) {
    case ConfigForm::S3Xml:
        return xml::writeCorsConfiguration(configuration);
    case ConfigForm::AwsJson:
        return indented(QJsonDocument(corsToAws(configuration)));
    case ConfigForm::AwsJsonArray:
        return indented(QJsonDocument(corsToAwsArray(configuration)));
    case ConfigForm::CloudflareJson:
        return indented(QJsonDocument(corsToCloudflare(configuration)));
    }
    return {};
}

JsonResult<QByteArray> writeLifecycleDocument(const LifecycleConfiguration &configuration, ConfigForm form)
{
    switch (form) {
    case ConfigForm::S3Xml:
        return {xml::writeLifecycleConfiguration(configuration), {}};
    case ConfigForm::AwsJson:
        return {indented(QJsonDocument(lifecycleToAws(configuration))), {}};
    case ConfigForm::AwsJsonArray:
        break;
    case ConfigForm::CloudflareJson: {
        auto converted = lifecycleToCloudflareChecked(configuration);
        if (!converted.ok())
            return {std::nullopt, converted.error};
        return {indented(QJsonDocument(*converted.value)), {}};
    }
    }
    JsonError error;
    error.message = tr("Lifecycle rules have no bare-list JSON form; use {\"Rules\": […]}.");
    return {std::nullopt, error};
}

} // namespace coffer::s3::json
