#include "s3/json/cloudflare_json.h"

#include "s3/json/json_fields.h"
#include "s3/json/json_text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace coffer::s3::json {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::json", text);
}

constexpr auto kRulesKey = "rules"_L1;
constexpr qint64 kSecondsPerDay = 24 * 60 * 60;
constexpr auto kInfrequentAccess = "InfrequentAccess"_L1;
constexpr auto kStandardIa = "STANDARD_IA"_L1;

// Reads the "rules" array of a Cloudflare document; an absent list is no rules, as
// the API answers for a bucket without configuration.
template <typename Rule, typename Read>
JsonResult<QList<Rule>> readRules(const QJsonObject &document, const QString &what, Read read)
{
    JsonResult<QList<Rule>> result;
    for (auto it = document.begin(); it != document.end(); ++it) {
        if (it.key() != kRulesKey) {
            result.error.message = tr("%1 has a member “%2” the Cloudflare API does not define; "
                                      "it takes only a “rules” list.")
                                       .arg(what, it.key());
            return result;
        }
    }
    const QJsonValue value = document.value(kRulesKey);
    if (!value.isUndefined() && !value.isArray()) {
        result.error.message = tr("%1: “rules” must be a list ([…]).").arg(what);
        return result;
    }
    QList<Rule> rules;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const int index = static_cast<int>(i);
        if (!array.at(i).isObject()) {
            result.error = detail::notAnObject(index, what);
            return result;
        }
        detail::FieldReader f(index);
        Rule rule = read(f, array.at(i).toObject());
        if (f.failed()) {
            result.error = f.error();
            return result;
        }
        rules.append(std::move(rule));
    }
    result.value = std::move(rules);
    return result;
}

CorsRule readCorsRule(detail::FieldReader &f, const QJsonObject &o)
{
    f.onlyKnown(o, QString(), {"allowed"_L1, "exposeHeaders"_L1, "maxAgeSeconds"_L1, "id"_L1});
    CorsRule rule;
    const QJsonObject allowed = f.object(o, "allowed"_L1, QString()).value_or(QJsonObject());
    if (!o.contains("allowed"_L1))
        f.expected(u"allowed"_s, tr("present, with “origins” and “methods”"));
    f.onlyKnown(allowed, u"allowed"_s, {"origins"_L1, "methods"_L1, "headers"_L1});
    rule.allowedOrigins = f.strings(allowed, "origins"_L1, u"allowed"_s, true);
    rule.allowedMethods = f.strings(allowed, "methods"_L1, u"allowed"_s, true);
    rule.allowedHeaders = f.strings(allowed, "headers"_L1, u"allowed"_s);
    rule.exposeHeaders = f.strings(o, "exposeHeaders"_L1, QString());
    if (auto age = f.integer(o, "maxAgeSeconds"_L1, QString(), 0, std::numeric_limits<int>::max()))
        rule.maxAgeSeconds = static_cast<int>(*age);
    rule.id = f.string(o, "id"_L1, QString());
    return rule;
}

// A transition's condition: an age in whole days, or a date.
struct Condition {
    std::optional<int> days;
    QDateTime date;
};

QJsonObject conditionObject(std::optional<int> days, const QDateTime &date)
{
    if (date.isValid())
        return QJsonObject{{u"type"_s, u"Date"_s}, {u"date"_s, detail::dateText(date)}};
    return QJsonObject{{u"type"_s, u"Age"_s}, {u"maxAge"_s, qint64(days.value_or(0)) * kSecondsPerDay}};
}

Condition readCondition(detail::FieldReader &f, const QJsonObject &transition, const QString &path, bool ageOnly)
{
    Condition condition;
    const auto o = f.object(transition, "condition"_L1, path);
    const QString at = path + u".condition"_s;
    if (!o) {
        f.expected(at, tr("present, such as {\"type\": \"Age\", \"maxAge\": 86400}"));
        return condition;
    }
    const QString type = f.string(*o, "type"_L1, at, true);
    if (type == "Age"_L1) {
        f.onlyKnown(*o, at, {"type"_L1, "maxAge"_L1});
        const qint64 maxSeconds = qint64(std::numeric_limits<int>::max()) * kSecondsPerDay;
        const auto seconds = f.integer(*o, "maxAge"_L1, at, 0, maxSeconds);
        if (!o->contains("maxAge"_L1))
            f.expected(at + u".maxAge"_s, tr("present (an age in seconds)"));
        if (seconds && *seconds % kSecondsPerDay != 0)
            f.problem(tr("“%1.maxAge” is %2 seconds, not a whole number of days; lifecycle ages are "
                         "edited in days (multiples of 86400 seconds).")
                          .arg(at)
                          .arg(*seconds));
        if (seconds)
            condition.days = static_cast<int>(*seconds / kSecondsPerDay);
    } else if (type == "Date"_L1 && !ageOnly) {
        f.onlyKnown(*o, at, {"type"_L1, "date"_L1});
        condition.date = f.date(*o, "date"_L1, at);
        if (!condition.date.isValid())
            f.expected(at + u".date"_s, tr("a date such as 2027-01-01T00:00:00Z"));
    } else {
        f.expected(at + u".type"_s, ageOnly ? tr("“Age”") : tr("“Age” or “Date”"));
    }
    return condition;
}

LifecycleRule readLifecycleRule(detail::FieldReader &f, const QJsonObject &o)
{
    f.onlyKnown(o, QString(),
                {"id"_L1, "enabled"_L1, "conditions"_L1, "deleteObjectsTransition"_L1,
                 "abortMultipartUploadsTransition"_L1, "storageClassTransitions"_L1});
    LifecycleRule rule;
    rule.id = f.string(o, "id"_L1, QString());
    rule.enabled = f.boolean(o, "enabled"_L1, QString(), true).value_or(false);
    if (auto c = f.object(o, "conditions"_L1, QString())) {
        f.onlyKnown(*c, u"conditions"_s, {"prefix"_L1});
        rule.filter.prefix = f.string(*c, "prefix"_L1, u"conditions"_s);
    }
    if (auto d = f.object(o, "deleteObjectsTransition"_L1, QString())) {
        f.onlyKnown(*d, u"deleteObjectsTransition"_s, {"condition"_L1});
        const Condition c = readCondition(f, *d, u"deleteObjectsTransition"_s, false);
        rule.expiration = LifecycleExpiration{c.days, c.date, std::nullopt};
    }
    if (auto a = f.object(o, "abortMultipartUploadsTransition"_L1, QString())) {
        f.onlyKnown(*a, u"abortMultipartUploadsTransition"_s, {"condition"_L1});
        rule.abortIncompleteMultipartUploadDays
            = readCondition(f, *a, u"abortMultipartUploadsTransition"_s, true).days.value_or(0);
    }
    const QJsonArray transitions = f.array(o, "storageClassTransitions"_L1, QString());
    for (qsizetype i = 0; i < transitions.size(); ++i) {
        const QString path = u"storageClassTransitions[%1]"_s.arg(i);
        if (!transitions.at(i).isObject())
            f.expected(path, tr("an object ({…})"));
        const QJsonObject t = transitions.at(i).toObject();
        f.onlyKnown(t, path, {"condition"_L1, "storageClass"_L1});
        const Condition c = readCondition(f, t, path, false);
        const QString storageClass = f.string(t, "storageClass"_L1, path, true);
        if (storageClass != kInfrequentAccess)
            f.expected(path + u".storageClass"_s, tr("“InfrequentAccess”"));
        rule.transitions.append(LifecycleTransition{c.days, c.date, QString(kStandardIa)});
    }
    return rule;
}

QJsonObject lifecycleRuleObject(const LifecycleRule &r)
{
    QJsonObject rule{{u"id"_s, r.id}, {u"enabled"_s, r.enabled},
                     {u"conditions"_s, QJsonObject{{u"prefix"_s, r.filter.prefix}}}};
    if (r.expiration) {
        rule[u"deleteObjectsTransition"_s]
            = QJsonObject{{u"condition"_s, conditionObject(r.expiration->days, r.expiration->date)}};
    }
    if (r.abortIncompleteMultipartUploadDays) {
        rule[u"abortMultipartUploadsTransition"_s]
            = QJsonObject{{u"condition"_s, conditionObject(r.abortIncompleteMultipartUploadDays, {})}};
    }
    if (!r.transitions.isEmpty()) {
        QJsonArray transitions;
        for (const LifecycleTransition &t : r.transitions) {
            transitions.append(QJsonObject{{u"condition"_s, conditionObject(t.days, t.date)},
                                           {u"storageClass"_s, QString(kInfrequentAccess)}});
        }
        rule[u"storageClassTransitions"_s] = transitions;
    }
    return rule;
}

// The sentence for what rule (0-based) uses that the Cloudflare form has no place for.
QString lostField(const LifecycleRule &r)
{
    const LifecycleFilter &f = r.filter;
    if (!f.tags.isEmpty())
        return tr("filters by tag");
    if (f.objectSizeGreaterThan || f.objectSizeLessThan)
        return tr("filters by object size");
    if (r.noncurrentVersionExpiration || !r.noncurrentVersionTransitions.isEmpty())
        return tr("acts on noncurrent versions");
    if (r.expiration) {
        if (r.expiration->expiredObjectDeleteMarker)
            return tr("removes expired delete markers");
        if (r.expiration->days.has_value() == r.expiration->date.isValid())
            return tr("has an expiration without exactly one of a number of days or a date");
    }
    for (const LifecycleTransition &t : r.transitions) {
        if (t.storageClass != kStandardIa)
            return tr("moves objects to the storage class “%1” (R2 has only STANDARD_IA)").arg(t.storageClass);
        if (t.days.has_value() == t.date.isValid())
            return tr("has a transition without exactly one of a number of days or a date");
    }
    return {};
}

} // namespace

QJsonObject corsToCloudflare(const CorsConfiguration &configuration)
{
    QJsonArray rules;
    for (const CorsRule &r : configuration.rules) {
        QJsonObject allowed{{u"origins"_s, QJsonArray::fromStringList(r.allowedOrigins)},
                            {u"methods"_s, QJsonArray::fromStringList(r.allowedMethods)}};
        if (!r.allowedHeaders.isEmpty())
            allowed[u"headers"_s] = QJsonArray::fromStringList(r.allowedHeaders);
        QJsonObject rule{{u"allowed"_s, allowed}};
        if (!r.exposeHeaders.isEmpty())
            rule[u"exposeHeaders"_s] = QJsonArray::fromStringList(r.exposeHeaders);
        if (r.maxAgeSeconds)
            rule[u"maxAgeSeconds"_s] = *r.maxAgeSeconds;
        if (!r.id.isEmpty())
            rule[u"id"_s] = r.id;
        rules.append(rule);
    }
    return QJsonObject{{QString(kRulesKey), rules}};
}

JsonResult<CorsConfiguration> corsFromCloudflare(const QJsonObject &document)
{
    auto rules = readRules<CorsRule>(document, tr("The Cloudflare CORS JSON"), readCorsRule);
    if (!rules.ok())
        return {std::nullopt, rules.error};
    return {CorsConfiguration{std::move(*rules.value)}, {}};
}

QJsonObject lifecycleToCloudflare(const LifecycleConfiguration &configuration)
{
    QJsonArray rules;
    for (const LifecycleRule &r : configuration.rules)
        rules.append(lifecycleRuleObject(r));
    return QJsonObject{{QString(kRulesKey), rules}};
}

JsonResult<LifecycleConfiguration> lifecycleFromCloudflare(const QJsonObject &document)
{
    auto rules = readRules<LifecycleRule>(document, tr("The Cloudflare lifecycle JSON"), readLifecycleRule);
    if (!rules.ok())
        return {std::nullopt, rules.error};
    return {LifecycleConfiguration{std::move(*rules.value)}, {}};
}

JsonError cloudflareCannotCarry(const LifecycleConfiguration &configuration)
{
    JsonError error;
    for (qsizetype i = 0; i < configuration.rules.size(); ++i) {
        const QString lost = lostField(configuration.rules.at(i));
        if (lost.isEmpty())
            continue;
        error.rule = static_cast<int>(i);
        error.message = tr("Rule %1 %2, which the Cloudflare REST form of lifecycle rules cannot express. "
                           "Edit it as S3 XML or AWS JSON instead, or change the rule.")
                            .arg(i + 1)
                            .arg(lost);
        break;
    }
    return error;
}

JsonResult<QJsonObject> lifecycleToCloudflareChecked(const LifecycleConfiguration &configuration)
{
    JsonError error = cloudflareCannotCarry(configuration);
    if (!error.message.isEmpty())
        return {std::nullopt, std::move(error)};
    return {lifecycleToCloudflare(configuration), {}};
}

namespace {

template <typename T>
JsonResult<T> parseText(const QByteArray &text, const QString &what, JsonResult<T> (*fromObject)(const QJsonObject &))
{
    auto parsed = detail::parseText(text, what);
    if (!parsed.ok())
        return {std::nullopt, parsed.error};
    if (!parsed.value->isObject()) {
        JsonError error;
        error.line = 1;
        error.message = tr("%1 must be an object with a “rules” list.").arg(what);
        return {std::nullopt, error};
    }
    JsonResult<T> result = fromObject(parsed.value->object());
    if (!result.ok())
        result.error = detail::pointAtRule(result.error, text, kRulesKey);
    return result;
}

} // namespace

JsonResult<CorsConfiguration> parseCloudflareCorsJson(const QByteArray &text)
{
    return parseText(text, tr("The Cloudflare CORS JSON"), &corsFromCloudflare);
}

JsonResult<LifecycleConfiguration> parseCloudflareLifecycleJson(const QByteArray &text)
{
    return parseText(text, tr("The Cloudflare lifecycle JSON"), &lifecycleFromCloudflare);
}

} // namespace coffer::s3::json
