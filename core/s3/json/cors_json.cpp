#include "s3/json/cors_json.h"

#include "s3/json/json_fields.h"
#include "s3/json/json_text.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace coffer::s3::json {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::json", text);
}

constexpr auto kRulesKey = "CORSRules"_L1;

} // namespace

QJsonArray corsToAwsArray(const CorsConfiguration &configuration)
{
    QJsonArray rules;
    for (const CorsRule &r : configuration.rules) {
        QJsonObject rule;
        if (!r.id.isEmpty())
            rule[u"ID"_s] = r.id;
        if (!r.allowedHeaders.isEmpty())
            rule[u"AllowedHeaders"_s] = QJsonArray::fromStringList(r.allowedHeaders);
        rule[u"AllowedMethods"_s] = QJsonArray::fromStringList(r.allowedMethods);
        rule[u"AllowedOrigins"_s] = QJsonArray::fromStringList(r.allowedOrigins);
        if (!r.exposeHeaders.isEmpty())
            rule[u"ExposeHeaders"_s] = QJsonArray::fromStringList(r.exposeHeaders);
        if (r.maxAgeSeconds)
            rule[u"MaxAgeSeconds"_s] = *r.maxAgeSeconds;
        rules.append(rule);
    }
    return rules;
}

QJsonObject corsToAws(const CorsConfiguration &configuration)
{
    return QJsonObject{{QString(kRulesKey), corsToAwsArray(configuration)}};
}

JsonResult<CorsConfiguration> corsFromAwsArray(const QJsonArray &rules)
{
    JsonResult<CorsConfiguration> result;
    CorsConfiguration configuration;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const int index = static_cast<int>(i);
        if (!rules.at(i).isObject()) {
            result.error = detail::notAnObject(index, tr("the CORS JSON"));
            return result;
        }
        const QJsonObject o = rules.at(i).toObject();
        detail::FieldReader f(index);
        f.onlyKnown(o, QString(),
                    {"ID"_L1, "AllowedOrigins"_L1, "AllowedMethods"_L1, "AllowedHeaders"_L1, "ExposeHeaders"_L1,
                     "MaxAgeSeconds"_L1});
        CorsRule rule;
        rule.id = f.string(o, "ID"_L1, QString());
        rule.allowedOrigins = f.strings(o, "AllowedOrigins"_L1, QString());
        rule.allowedMethods = f.strings(o, "AllowedMethods"_L1, QString());
        rule.allowedHeaders = f.strings(o, "AllowedHeaders"_L1, QString());
        rule.exposeHeaders = f.strings(o, "ExposeHeaders"_L1, QString());
        if (auto age = f.integer(o, "MaxAgeSeconds"_L1, QString(), 0, std::numeric_limits<int>::max()))
            rule.maxAgeSeconds = static_cast<int>(*age);
        if (f.failed()) {
            result.error = f.error();
            return result;
        }
        configuration.rules.append(rule);
    }
    result.value = std::move(configuration);
    return result;
}

JsonResult<CorsConfiguration> corsFromAws(const QJsonObject &document)
{
    const QJsonValue rules = document.value(kRulesKey);
    if (!rules.isArray() || document.size() != 1) {
        JsonResult<CorsConfiguration> result;
        result.error.message = tr("The CORS JSON needs exactly one member, a “CORSRules” list, as aws-cli writes it: "
                                  "{\"CORSRules\": [{\"AllowedOrigins\": […], \"AllowedMethods\": […]}]}; "
                                  "or give the bare rule list.");
        return result;
    }
    return corsFromAwsArray(rules.toArray());
}

JsonResult<CorsConfiguration> parseCorsJson(const QByteArray &text)
{
    auto parsed = detail::parseText(text, tr("The CORS JSON"));
    if (!parsed.ok())
        return {std::nullopt, parsed.error};
    JsonResult<CorsConfiguration> result;
    QLatin1StringView key;
    if (parsed.value->isArray()) {
        result = corsFromAwsArray(parsed.value->array());
    } else {
        key = kRulesKey;
        result = corsFromAws(parsed.value->object());
    }
    if (!result.ok())
        result.error = detail::pointAtRule(result.error, text, key);
    return result;
}

} // namespace coffer::s3::json
