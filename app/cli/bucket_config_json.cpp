#include "bucket_config_json.h"

#include "s3/xml/documents.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

bool looksLikeXml(const QByteArray &document)
{
    return document.trimmed().startsWith('<');
}

// Reads JSON members by name, remembering the first problem with the path to it.
class JsonReader
{
public:
    QString error;

    QStringList stringList(const QJsonObject &o, const QString &name, const QString &where)
    {
        const QJsonValue v = o.value(name);
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            problem(where + u'.' + name, u"a list of strings"_s);
            return {};
        }
        QStringList list;
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                problem(where + u'.' + name, u"a list of strings"_s);
            list.append(item.toString());
        }
        return list;
    }
    std::optional<qint64> integer(const QJsonObject &o, const QString &name, const QString &where)
    {
        const QJsonValue v = o.value(name);
        if (v.isUndefined())
            return std::nullopt;
        if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger())) {
            problem(where + u'.' + name, u"a whole number"_s);
            return std::nullopt;
        }
        return v.toInteger();
    }
    QString string(const QJsonObject &o, const QString &name, const QString &where)
    {
        const QJsonValue v = o.value(name);
        if (!v.isUndefined() && !v.isString())
            problem(where + u'.' + name, u"a string"_s);
        return v.toString();
    }
    QDateTime date(const QJsonObject &o, const QString &name, const QString &where)
    {
        const QString text = string(o, name, where);
        if (text.isEmpty())
            return {};
        QDateTime d = QDateTime::fromString(text, Qt::ISODate);
        if (!d.isValid())
            d = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), QTimeZone::UTC);
        if (!d.isValid())
            problem(where + u'.' + name, u"a date such as 2027-01-01T00:00:00Z"_s);
        return d.toUTC();
    }
    void problem(const QString &path, const QString &expected)
    {
        if (error.isEmpty())
            error = u"%1 should be %2."_s.arg(path, expected);
    }
};

std::optional<QJsonValue> parseJson(const QByteArray &document, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(document, &parseError);
    if (json.isNull()) {
        *error = u"The document is neither S3 XML nor valid JSON (%1 at offset %2)."_s
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    return json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object());
}

QString dateText(const QDateTime &date)
{
    return date.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

} // namespace

QJsonObject corsToJson(const s3::CorsConfiguration &configuration)
{
    QJsonArray rules;
    for (const s3::CorsRule &r : configuration.rules) {
        QJsonObject rule;
        if (!r.id.isEmpty())
            rule[u"ID"_s] = r.id;
        if (!r.allowedHeaders.isEmpty())
            rule[u"AllowedHeaders"_s] = strings(r.allowedHeaders);
        rule[u"AllowedMethods"_s] = strings(r.allowedMethods);
        rule[u"AllowedOrigins"_s] = strings(r.allowedOrigins);
        if (!r.exposeHeaders.isEmpty())
            rule[u"ExposeHeaders"_s] = strings(r.exposeHeaders);
        if (r.maxAgeSeconds)
            rule[u"MaxAgeSeconds"_s] = *r.maxAgeSeconds;
        rules.append(rule);
    }
    return QJsonObject { { u"CORSRules"_s, rules } };
}

std::optional<s3::CorsConfiguration> readCorsDocument(const QByteArray &document, QString *error)
{
    if (looksLikeXml(document)) {
        auto parsed = s3::xml::parseCorsConfiguration(document);
        if (!parsed) {
            *error = u"The CORS XML could not be read: %1"_s.arg(parsed.error().message);
            return std::nullopt;
        }
        return *parsed;
    }
    const auto json = parseJson(document, error);
    if (!json)
        return std::nullopt;
    QJsonArray array;
    if (json->isArray())
        array = json->toArray();
    else if (json->toObject().value(u"CORSRules"_s).isArray())
        array = json->toObject().value(u"CORSRules"_s).toArray();
    else {
        *error = u"The CORS JSON needs a \"CORSRules\" list, as aws-cli writes it: "
                 "{\"CORSRules\": [{\"AllowedOrigins\": [...], \"AllowedMethods\": [...]}]}."_s;
        return std::nullopt;
    }
    JsonReader reader;
    s3::CorsConfiguration configuration;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"CORSRules[%1]"_s.arg(i);
        const QJsonObject o = array.at(i).toObject();
        s3::CorsRule rule;
        rule.id = reader.string(o, u"ID"_s, where);
        rule.allowedOrigins = reader.stringList(o, u"AllowedOrigins"_s, where);
        rule.allowedMethods = reader.stringList(o, u"AllowedMethods"_s, where);
        rule.allowedHeaders = reader.stringList(o, u"AllowedHeaders"_s, where);
        rule.exposeHeaders = reader.stringList(o, u"ExposeHeaders"_s, where);
        if (const auto age = reader.integer(o, u"MaxAgeSeconds"_s, where))
            rule.maxAgeSeconds = static_cast<int>(*age);
        configuration.rules.append(rule);
    }
    if (!reader.error.isEmpty()) {
        *error = reader.error;
        return std::nullopt;
    }
    return configuration;
}

QJsonObject lifecycleToJson(const s3::LifecycleConfiguration &configuration)
{
    QJsonArray rules;
    for (const s3::LifecycleRule &r : configuration.rules) {
        QJsonObject rule;
        if (!r.id.isEmpty())
            rule[u"ID"_s] = r.id;
        rule[u"Status"_s] = r.enabled ? u"Enabled"_s : u"Disabled"_s;
        const s3::LifecycleFilter &f = r.filter;
        if (f.legacyRulePrefix) {
            rule[u"Prefix"_s] = f.prefix;
        } else {
            QJsonObject filter;
            QJsonArray tags;
            for (const s3::LifecycleTag &t : f.tags)
                tags.append(QJsonObject { { u"Key"_s, t.key }, { u"Value"_s, t.value } });
            QJsonObject conditions;
            if (!f.prefix.isEmpty() || f.conditionCount() == 0)
                conditions[u"Prefix"_s] = f.prefix;
            if (f.objectSizeGreaterThan)
                conditions[u"ObjectSizeGreaterThan"_s] = *f.objectSizeGreaterThan;
            if (f.objectSizeLessThan)
                conditions[u"ObjectSizeLessThan"_s] = *f.objectSizeLessThan;
            if (f.conditionCount() > 1) {
                if (!tags.isEmpty())
                    conditions[u"Tags"_s] = tags;
                filter[u"And"_s] = conditions;
            } else {
                filter = conditions;
                if (!tags.isEmpty())
                    filter[u"Tag"_s] = tags.first();
            }
            rule[u"Filter"_s] = filter;
        }
        if (r.expiration) {
            QJsonObject e;
            if (r.expiration->days)
                e[u"Days"_s] = *r.expiration->days;
            if (r.expiration->date.isValid())
                e[u"Date"_s] = dateText(r.expiration->date);
            if (r.expiration->expiredObjectDeleteMarker)
                e[u"ExpiredObjectDeleteMarker"_s] = *r.expiration->expiredObjectDeleteMarker;
            rule[u"Expiration"_s] = e;
        }
        if (!r.transitions.isEmpty()) {
            QJsonArray transitions;
            for (const s3::LifecycleTransition &t : r.transitions) {
                QJsonObject o { { u"StorageClass"_s, t.storageClass } };
                if (t.days)
                    o[u"Days"_s] = *t.days;
                if (t.date.isValid())
                    o[u"Date"_s] = dateText(t.date);
                transitions.append(o);
            }
            rule[u"Transitions"_s] = transitions;
        }
        if (r.noncurrentVersionExpiration) {
            QJsonObject o { { u"NoncurrentDays"_s, r.noncurrentVersionExpiration->noncurrentDays } };
            if (r.noncurrentVersionExpiration->newerNoncurrentVersions)
                o[u"NewerNoncurrentVersions"_s] = *r.noncurrentVersionExpiration->newerNoncurrentVersions;
            rule[u"NoncurrentVersionExpiration"_s] = o;
        }
        if (!r.noncurrentVersionTransitions.isEmpty()) {
            QJsonArray transitions;
            for (const s3::NoncurrentVersionTransition &t : r.noncurrentVersionTransitions) {
                QJsonObject o { { u"NoncurrentDays"_s, t.noncurrentDays },
                    { u"StorageClass"_s, t.storageClass } };
                if (t.newerNoncurrentVersions)
                    o[u"NewerNoncurrentVersions"_s] = *t.newerNoncurrentVersions;
                transitions.append(o);
            }
            rule[u"NoncurrentVersionTransitions"_s] = transitions;
        }
        if (r.abortIncompleteMultipartUploadDays)
            rule[u"AbortIncompleteMultipartUpload"_s]
                = QJsonObject { { u"DaysAfterInitiation"_s, *r.abortIncompleteMultipartUploadDays } };
        rules.append(rule);
    }
    return QJsonObject { { u"Rules"_s, rules } };
}

namespace {

void readFilterConditions(
    JsonReader &reader, const QJsonObject &o, const QString &where, s3::LifecycleFilter &f)
{
    if (o.contains(u"Prefix"_s))
        f.prefix = reader.string(o, u"Prefix"_s, where);
    f.objectSizeGreaterThan = reader.integer(o, u"ObjectSizeGreaterThan"_s, where);
    f.objectSizeLessThan = reader.integer(o, u"ObjectSizeLessThan"_s, where);
    const auto tag = [&](const QJsonObject &t) {
        f.tags.append({ reader.string(t, u"Key"_s, where), reader.string(t, u"Value"_s, where) });
    };
    if (o.value(u"Tag"_s).isObject())
        tag(o.value(u"Tag"_s).toObject());
    for (const QJsonValue &t : o.value(u"Tags"_s).toArray())
        tag(t.toObject());
}

} // namespace

std::optional<s3::LifecycleConfiguration> readLifecycleDocument(const QByteArray &document, QString *error)
{
    if (looksLikeXml(document)) {
        auto parsed = s3::xml::parseLifecycleConfiguration(document);
        if (!parsed) {
            *error = u"The lifecycle XML could not be read: %1"_s.arg(parsed.error().message);
            return std::nullopt;
        }
        return *parsed;
    }
    const auto json = parseJson(document, error);
    if (!json)
        return std::nullopt;
    if (!json->toObject().value(u"Rules"_s).isArray()) {
        *error
            = u"The lifecycle JSON needs a \"Rules\" list, as aws-cli writes it: "
              "{\"Rules\": [{\"ID\": ..., \"Status\": \"Enabled\", \"Filter\": {...}, \"Expiration\": {...}}]}."_s;
        return std::nullopt;
    }
    const QJsonArray array = json->toObject().value(u"Rules"_s).toArray();
    JsonReader reader;
    s3::LifecycleConfiguration configuration;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"Rules[%1]"_s.arg(i);
        const QJsonObject o = array.at(i).toObject();
        s3::LifecycleRule rule;
        rule.id = reader.string(o, u"ID"_s, where);
        const QString status = reader.string(o, u"Status"_s, where);
        if (status != u"Enabled" && status != u"Disabled")
            reader.problem(where + u".Status"_s, u"\"Enabled\" or \"Disabled\""_s);
        rule.enabled = status == u"Enabled";
        if (o.contains(u"Prefix"_s)) {
            rule.filter.prefix = reader.string(o, u"Prefix"_s, where);
            rule.filter.legacyRulePrefix = true;
        }
        const QJsonObject filter = o.value(u"Filter"_s).toObject();
        if (filter.value(u"And"_s).isObject())
            readFilterConditions(
                reader, filter.value(u"And"_s).toObject(), where + u".Filter.And"_s, rule.filter);
        else
            readFilterConditions(reader, filter, where + u".Filter"_s, rule.filter);
        if (o.value(u"Expiration"_s).isObject()) {
            const QJsonObject e = o.value(u"Expiration"_s).toObject();
            s3::LifecycleExpiration expiration;
            if (const auto days = reader.integer(e, u"Days"_s, where + u".Expiration"_s))
                expiration.days = static_cast<int>(*days);
            expiration.date = reader.date(e, u"Date"_s, where + u".Expiration"_s);
            if (e.value(u"ExpiredObjectDeleteMarker"_s).isBool())
                expiration.expiredObjectDeleteMarker = e.value(u"ExpiredObjectDeleteMarker"_s).toBool();
            rule.expiration = expiration;
        }
        for (const QJsonValue &t : o.value(u"Transitions"_s).toArray()) {
            const QJsonObject to = t.toObject();
            s3::LifecycleTransition transition;
            if (const auto days = reader.integer(to, u"Days"_s, where + u".Transitions"_s))
                transition.days = static_cast<int>(*days);
            transition.date = reader.date(to, u"Date"_s, where + u".Transitions"_s);
            transition.storageClass = reader.string(to, u"StorageClass"_s, where + u".Transitions"_s);
            rule.transitions.append(transition);
        }
        if (o.value(u"NoncurrentVersionExpiration"_s).isObject()) {
            const QJsonObject n = o.value(u"NoncurrentVersionExpiration"_s).toObject();
            s3::NoncurrentVersionExpiration expiration;
            expiration.noncurrentDays
                = static_cast<int>(reader.integer(n, u"NoncurrentDays"_s, where).value_or(0));
            if (const auto newer = reader.integer(n, u"NewerNoncurrentVersions"_s, where))
                expiration.newerNoncurrentVersions = static_cast<int>(*newer);
            rule.noncurrentVersionExpiration = expiration;
        }
        for (const QJsonValue &t : o.value(u"NoncurrentVersionTransitions"_s).toArray()) {
            const QJsonObject to = t.toObject();
            s3::NoncurrentVersionTransition transition;
            transition.noncurrentDays
                = static_cast<int>(reader.integer(to, u"NoncurrentDays"_s, where).value_or(0));
            transition.storageClass = reader.string(to, u"StorageClass"_s, where);
            if (const auto newer = reader.integer(to, u"NewerNoncurrentVersions"_s, where))
                transition.newerNoncurrentVersions = static_cast<int>(*newer);
            rule.noncurrentVersionTransitions.append(transition);
        }
        if (o.value(u"AbortIncompleteMultipartUpload"_s).isObject()) {
            const QJsonObject a = o.value(u"AbortIncompleteMultipartUpload"_s).toObject();
            if (const auto days
                = reader.integer(a, u"DaysAfterInitiation"_s, where + u".AbortIncompleteMultipartUpload"_s))
                rule.abortIncompleteMultipartUploadDays = static_cast<int>(*days);
        }
        configuration.rules.append(rule);
    }
    if (!reader.error.isEmpty()) {
        *error = reader.error;
        return std::nullopt;
    }
    return configuration;
}

} // namespace coffer::cli
