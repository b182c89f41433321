#include "bucket_policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

QJsonArray asArray(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray{value};
}

bool isEveryone(const QJsonValue &principal)
{
    if (principal.toString() == u"*"_s)
        return true;
    const QJsonValue aws = principal.toObject().value(u"AWS"_s);
    for (const QJsonValue &v : asArray(aws)) {
        if (v.toString() == u"*"_s)
            return true;
    }
    return false;
}

bool coversGetObject(const QJsonValue &action)
{
    for (const QJsonValue &v : asArray(action)) {
        const QString a = v.toString();
        if (a == u"*"_s || a.compare(u"s3:*"_s, Qt::CaseInsensitive) == 0
            || a.compare(u"s3:GetObject"_s, Qt::CaseInsensitive) == 0 || a.compare(u"s3:Get*"_s, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

ApiError malformed(const QString &why)
{
    return apiError("MalformedPolicy", why, 400);
}

} // namespace

std::optional<ApiError> validatePolicy(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return malformed(u"The policy is not a JSON object: %1."_s.arg(error.errorString()));
    const QJsonArray statements = asArray(document.object().value(u"Statement"_s));
    if (statements.isEmpty())
        return malformed(u"The policy has no Statement. Add at least one."_s);
    for (const QJsonValue &statement : statements) {
        const QJsonObject s = statement.toObject();
        const QString effect = s.value(u"Effect"_s).toString();
        if (effect != u"Allow"_s && effect != u"Deny"_s)
            return malformed(u"Each statement needs an Effect of Allow or Deny."_s);
        if (asArray(s.value(u"Action"_s)).isEmpty() && asArray(s.value(u"NotAction"_s)).isEmpty())
            return malformed(u"Each statement needs an Action."_s);
    }
    return std::nullopt;
}

bool policyGrantsPublicRead(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    bool allowed = false;
    for (const QJsonValue &statement : asArray(document.object().value(u"Statement"_s))) {
        const QJsonObject s = statement.toObject();
        if (!isEveryone(s.value(u"Principal"_s)) || !coversGetObject(s.value(u"Action"_s)))
            continue;
        const QString effect = s.value(u"Effect"_s).toString();
        if (effect == u"Deny"_s)
            return false;
        if (effect == u"Allow"_s && !s.contains(u"Condition"_s))
            allowed = true;
    }
    return allowed;
}

} // namespace coffer::server::api
