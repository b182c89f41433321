#include "s3/json/lifecycle_json.h"

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

constexpr auto kRulesKey = "Rules"_L1;
constexpr auto kTransitionDefault = "TransitionDefaultMinimumObjectSize"_L1;
constexpr qint64 kMaxDays = std::numeric_limits<int>::max();
constexpr qint64 kMaxSize = std::numeric_limits<qint64>::max();

QJsonObject tagObject(const LifecycleTag &t)
{
    return QJsonObject{{u"Key"_s, t.key}, {u"Value"_s, t.value}};
}

// The same shapes the XML writer picks: no condition is {"Prefix": ""}, one condition
// stands alone, several travel inside "And".
QJsonObject filterObject(const LifecycleFilter &f)
{
    QJsonObject conditions;
    const int count = f.conditionCount();
    if (!f.prefix.isEmpty() || count == 0)
        conditions[u"Prefix"_s] = f.prefix;
    if (f.objectSizeGreaterThan)
        conditions[u"ObjectSizeGreaterThan"_s] = *f.objectSizeGreaterThan;
    if (f.objectSizeLessThan)
        conditions[u"ObjectSizeLessThan"_s] = *f.objectSizeLessThan;
    if (count > 1) {
        if (!f.tags.isEmpty()) {
            QJsonArray tags;
            for (const LifecycleTag &t : f.tags)
                tags.append(tagObject(t));
            conditions[u"Tags"_s] = tags;
        }
        return QJsonObject{{u"And"_s, conditions}};
    }
    if (!f.tags.isEmpty())
        conditions[u"Tag"_s] = tagObject(f.tags.first());
    return conditions;
}

QJsonObject ruleObject(const LifecycleRule &r)
{
    QJsonObject rule;
    if (!r.id.isEmpty())
        rule[u"ID"_s] = r.id;
    rule[u"Status"_s] = r.enabled ? u"Enabled"_s : u"Disabled"_s;
    if (r.filter.legacyRulePrefix && r.filter.conditionCount() == (r.filter.prefix.isEmpty() ? 0 : 1))
        rule[u"Prefix"_s] = r.filter.prefix;
    else
        rule[u"Filter"_s] = filterObject(r.filter);
    if (r.expiration) {
        QJsonObject e;
        if (r.expiration->days)
            e[u"Days"_s] = *r.expiration->days;
        if (r.expiration->date.isValid())
            e[u"Date"_s] = detail::dateText(r.expiration->date);
        if (r.expiration->expiredObjectDeleteMarker)
            e[u"ExpiredObjectDeleteMarker"_s] = *r.expiration->expiredObjectDeleteMarker;
        rule[u"Expiration"_s] = e;
    }
    if (!r.transitions.isEmpty()) {
        QJsonArray transitions;
        for (const LifecycleTransition &t : r.transitions) {
            QJsonObject o;
            if (t.days)
                o[u"Days"_s] = *t.days;
            if (t.date.isValid())
                o[u"Date"_s] = detail::dateText(t.date);
            if (!t.storageClass.isEmpty())
                o[u"StorageClass"_s] = t.storageClass;
            transitions.append(o);
        }
        rule[u"Transitions"_s] = transitions;
    }
    if (r.noncurrentVersionExpiration) {
        QJsonObject o{{u"NoncurrentDays"_s, r.noncurrentVersionExpiration->noncurrentDays}};
        if (r.noncurrentVersionExpiration->newerNoncurrentVersions)
            o[u"NewerNoncurrentVersions"_s] = *r.noncurrentVersionExpiration->newerNoncurrentVersions;
        rule[u"NoncurrentVersionExpiration"_s] = o;
    }
    if (!r.noncurrentVersionTransitions.isEmpty()) {
        QJsonArray transitions;
        for (const NoncurrentVersionTransition &t : r.noncurrentVersionTransitions) {
            QJsonObject o{{u"NoncurrentDays"_s, t.noncurrentDays}};
            if (!t.storageClass.isEmpty())
                o[u"StorageClass"_s] = t.storageClass;
            if (t.newerNoncurrentVersions)
                o[u"NewerNoncurrentVersions"_s] = *t.newerNoncurrentVersions;
            transitions.append(o);
        }
        rule[u"NoncurrentVersionTransitions"_s] = transitions;
    }
    if (r.abortIncompleteMultipartUploadDays) {
        rule[u"AbortIncompleteMultipartUpload"_s]
            = QJsonObject{{u"DaysAfterInitiation"_s, *r.abortIncompleteMultipartUploadDays}};
    }
    return rule;
}

std::optional<int> days(detail::FieldReader &f, const QJsonObject &o, QLatin1StringView name, const QString &path)
{
    if (auto d = f.integer(o, name, path, 0, kMaxDays))
        return static_cast<int>(*d);
    return std::nullopt;
}

void readTag(detail::FieldReader &f, const QJsonValue &v, const QString &path, LifecycleFilter &filter)
{
    if (!v.isObject()) {
        f.expected(path, tr("an object with “Key” and “Value”"));
        return;
    }
    const QJsonObject t = v.toObject();
    f.onlyKnown(t, path, {"Key"_L1, "Value"_L1});
    filter.tags.append({f.string(t, "Key"_L1, path, true), f.string(t, "Value"_L1, path)});
}

void readConditions(detail::FieldReader &f, const QJsonObject &o, const QString &path, LifecycleFilter &filter,
                    bool inAnd)
{
    if (inAnd)
        f.onlyKnown(o, path, {"Prefix"_L1, "Tags"_L1, "ObjectSizeGreaterThan"_L1, "ObjectSizeLessThan"_L1});
    else
        f.onlyKnown(o, path, {"Prefix"_L1, "Tag"_L1, "And"_L1, "ObjectSizeGreaterThan"_L1, "ObjectSizeLessThan"_L1});
    if (o.contains("Prefix"_L1))
        filter.prefix = f.string(o, "Prefix"_L1, path);
    if (auto gt = f.integer(o, "ObjectSizeGreaterThan"_L1, path, 0, kMaxSize))
        filter.objectSizeGreaterThan = gt;
    if (auto lt = f.integer(o, "ObjectSizeLessThan"_L1, path, 0, kMaxSize))
        filter.objectSizeLessThan = lt;
    if (!inAnd && o.contains("Tag"_L1))
        readTag(f, o.value("Tag"_L1), path + u".Tag"_s, filter);
    if (inAnd) {
        const QJsonArray tags = f.array(o, "Tags"_L1, path);
        for (qsizetype i = 0; i < tags.size(); ++i)
            readTag(f, tags.at(i), path + u".Tags[%1]"_s.arg(i), filter);
    }
    if (!inAnd) {
        if (auto a = f.object(o, "And"_L1, path))
            readConditions(f, *a, path + u".And"_s, filter, true);
    }
}

LifecycleRule readRule(detail::FieldReader &f, const QJsonObject &o)
{
    f.onlyKnown(o, QString(),
                {"ID"_L1, "Status"_L1, "Filter"_L1, "Prefix"_L1, "Expiration"_L1, "Transitions"_L1,
                 "NoncurrentVersionExpiration"_L1, "NoncurrentVersionTransitions"_L1,
                 "AbortIncompleteMultipartUpload"_L1});
    LifecycleRule rule;
    rule.id = f.string(o, "ID"_L1, QString());
    const QString status = f.string(o, "Status"_L1, QString(), true);
    if (status != "Enabled"_L1 && status != "Disabled"_L1)
        f.expected(u"Status"_s, tr("“Enabled” or “Disabled”"));
    rule.enabled = status == "Enabled"_L1;
    if (o.contains("Prefix"_L1)) {
        rule.filter.prefix = f.string(o, "Prefix"_L1, QString());
        rule.filter.legacyRulePrefix = true;
        if (o.contains("Filter"_L1))
            f.problem(tr("give either “Filter” or the older “Prefix” directly in the rule, not both."));
    }
    if (auto filter = f.object(o, "Filter"_L1, QString()))
        readConditions(f, *filter, u"Filter"_s, rule.filter, false);
    if (auto e = f.object(o, "Expiration"_L1, QString())) {
        f.onlyKnown(*e, u"Expiration"_s, {"Days"_L1, "Date"_L1, "ExpiredObjectDeleteMarker"_L1});
        LifecycleExpiration expiration;
        expiration.days = days(f, *e, "Days"_L1, u"Expiration"_s);
        expiration.date = f.date(*e, "Date"_L1, u"Expiration"_s);
        expiration.expiredObjectDeleteMarker = f.boolean(*e, "ExpiredObjectDeleteMarker"_L1, u"Expiration"_s);
        rule.expiration = expiration;
    }
    const QJsonArray transitions = f.array(o, "Transitions"_L1, QString());
    for (qsizetype i = 0; i < transitions.size(); ++i) {
        const QString path = u"Transitions[%1]"_s.arg(i);
        if (!transitions.at(i).isObject())
            f.expected(path, tr("an object ({…})"));
        const QJsonObject t = transitions.at(i).toObject();
        f.onlyKnown(t, path, {"Days"_L1, "Date"_L1, "StorageClass"_L1});
        LifecycleTransition transition;
        transition.days = days(f, t, "Days"_L1, path);
        transition.date = f.date(t, "Date"_L1, path);
        transition.storageClass = f.string(t, "StorageClass"_L1, path);
        rule.transitions.append(transition);
    }
    if (auto n = f.object(o, "NoncurrentVersionExpiration"_L1, QString())) {
        const QString path = u"NoncurrentVersionExpiration"_s;
        f.onlyKnown(*n, path, {"NoncurrentDays"_L1, "NewerNoncurrentVersions"_L1});
        NoncurrentVersionExpiration expiration;
        expiration.noncurrentDays = days(f, *n, "NoncurrentDays"_L1, path).value_or(0);
        expiration.newerNoncurrentVersions = days(f, *n, "NewerNoncurrentVersions"_L1, path);
        rule.noncurrentVersionExpiration = expiration;
    }
    const QJsonArray noncurrent = f.array(o, "NoncurrentVersionTransitions"_L1, QString());
    for (qsizetype i = 0; i < noncurrent.size(); ++i) {
        const QString path = u"NoncurrentVersionTransitions[%1]"_s.arg(i);
        if (!noncurrent.at(i).isObject())
            f.expected(path, tr("an object ({…})"));
        const QJsonObject t = noncurrent.at(i).toObject();
        f.onlyKnown(t, path, {"NoncurrentDays"_L1, "StorageClass"_L1, "NewerNoncurrentVersions"_L1});
        NoncurrentVersionTransition transition;
        transition.noncurrentDays = days(f, t, "NoncurrentDays"_L1, path).value_or(0);
        transition.storageClass = f.string(t, "StorageClass"_L1, path);
        transition.newerNoncurrentVersions = days(f, t, "NewerNoncurrentVersions"_L1, path);
        rule.noncurrentVersionTransitions.append(transition);
    }
    if (auto a = f.object(o, "AbortIncompleteMultipartUpload"_L1, QString())) {
        const QString path = u"AbortIncompleteMultipartUpload"_s;
        f.onlyKnown(*a, path, {"DaysAfterInitiation"_L1});
        rule.abortIncompleteMultipartUploadDays = days(f, *a, "DaysAfterInitiation"_L1, path).value_or(0);
    }
    return rule;
}

} // namespace

QJsonObject lifecycleToAws(const LifecycleConfiguration &configuration)
{
    QJsonArray rules;
    for (const LifecycleRule &r : configuration.rules)
        rules.append(ruleObject(r));
    return QJsonObject{{QString(kRulesKey), rules}};
}

JsonResult<LifecycleConfiguration> lifecycleFromAws(const QJsonObject &document)
{
    JsonResult<LifecycleConfiguration> result;
    const QJsonValue rules = document.value(kRulesKey);
    // aws-cli prints this next to the rules since 2024; it travels as a request header of
    // PutBucketLifecycleConfiguration, not in the rule document, so it is not a rule field.
    const qsizetype extra = document.contains(kTransitionDefault) ? 1 : 0;
    if (!rules.isArray() || document.size() != 1 + extra) {
        result.error.message = tr("The lifecycle JSON needs exactly one member, a “Rules” list, as aws-cli writes it: "
                                  "{\"Rules\": [{\"ID\": …, \"Status\": \"Enabled\", \"Filter\": {…}, "
                                  "\"Expiration\": {…}}]}.");
        return result;
    }
    const QJsonArray array = rules.toArray();
    LifecycleConfiguration configuration;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const int index = static_cast<int>(i);
        if (!array.at(i).isObject()) {
            result.error = detail::notAnObject(index, tr("the lifecycle JSON"));
            return result;
        }
        detail::FieldReader f(index);
        LifecycleRule rule = readRule(f, array.at(i).toObject());
        if (f.failed()) {
            result.error = f.error();
            return result;
        }
        configuration.rules.append(std::move(rule));
    }
    result.value = std::move(configuration);
    return result;
}

JsonResult<LifecycleConfiguration> parseLifecycleJson(const QByteArray &text)
{
    auto parsed = detail::parseText(text, tr("The lifecycle JSON"));
    if (!parsed.ok())
        return {std::nullopt, parsed.error};
    JsonResult<LifecycleConfiguration> result;
    if (!parsed.value->isObject()) {
        result.error.message = tr("The lifecycle JSON must be an object with a “Rules” list, not a bare list.");
        result.error.line = 1;
        return result;
    }
    result = lifecycleFromAws(parsed.value->object());
    if (!result.ok())
        result.error = detail::pointAtRule(result.error, text, kRulesKey);
    return result;
}

} // namespace coffer::s3::json
