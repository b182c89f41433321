// LifecycleConfiguration (PutBucketLifecycleConfiguration request and Get result).

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

#include <QCoreApplication>

#include <limits>

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

namespace {

void readConditions(FieldReader &f, const Element &e, LifecycleFilter &filter)
{
    if (e.child("Prefix"_L1))
        filter.prefix = f.text(e, "Prefix"_L1);
    for (const Element *t : e.childrenNamed("Tag"_L1))
        filter.tags.append(LifecycleTag{f.text(*t, "Key"_L1), f.text(*t, "Value"_L1)});
    constexpr qint64 maxSize = std::numeric_limits<qint64>::max();
    if (auto gt = f.integer(e, "ObjectSizeGreaterThan"_L1, 0, maxSize))
        filter.objectSizeGreaterThan = gt;
    if (auto lt = f.integer(e, "ObjectSizeLessThan"_L1, 0, maxSize))
        filter.objectSizeLessThan = lt;
}

LifecycleFilter readFilter(FieldReader &f, const Element &rule)
{
    LifecycleFilter filter;
    if (const Element *e = rule.child("Filter"_L1)) {
        readConditions(f, *e, filter);
        if (const Element *a = e->child("And"_L1))
            readConditions(f, *a, filter);
    } else if (rule.child("Prefix"_L1)) {
        filter.prefix = f.text(rule, "Prefix"_L1);
        filter.legacyRulePrefix = true;
    }
    return filter;
}

void writeConditions(DocumentWriter &w, const LifecycleFilter &filter)
{
    w.optionalElement("Prefix"_L1, filter.prefix);
    for (const LifecycleTag &t : filter.tags) {
        w.start("Tag"_L1);
        w.element("Key"_L1, t.key);
        w.element("Value"_L1, t.value);
        w.end();
    }
    w.optionalInteger("ObjectSizeGreaterThan"_L1, filter.objectSizeGreaterThan);
    w.optionalInteger("ObjectSizeLessThan"_L1, filter.objectSizeLessThan);
}

void writeFilter(DocumentWriter &w, const LifecycleFilter &filter)
{
    const int conditions = filter.conditionCount();
    if (filter.legacyRulePrefix && conditions == (filter.prefix.isEmpty() ? 0 : 1)) {
        w.element("Prefix"_L1, filter.prefix);
        return;
    }
    w.start("Filter"_L1);
    if (conditions == 0) {
        // The form Amazon's examples use for "every object".
        w.element("Prefix"_L1, QString());
    } else if (conditions == 1) {
        writeConditions(w, filter);
    } else {
        w.start("And"_L1);
        writeConditions(w, filter);
        w.end();
    }
    w.end();
}

std::optional<int> days(FieldReader &f, const Element &e, QLatin1StringView name)
{
    return f.int32(e, name, 0);
}

LifecycleRule readRule(FieldReader &f, const Element &r)
{
    LifecycleRule rule;
    rule.id = f.text(r, "ID"_L1);
    if (const Element *status = f.require(r, "Status"_L1)) {
        const QString s = status->text.trimmed();
        if (s == "Enabled"_L1)
            rule.enabled = true;
        else if (s == "Disabled"_L1)
            rule.enabled = false;
        else
            f.invalidValue(*status, QCoreApplication::translate("coffer::s3::xml", "“Enabled” or “Disabled”"));
    }
    rule.filter = readFilter(f, r);
    if (const Element *e = r.child("Expiration"_L1)) {
        LifecycleExpiration expiration;
        expiration.days = days(f, *e, "Days"_L1);
        expiration.date = f.timestamp(*e, "Date"_L1);
        expiration.expiredObjectDeleteMarker = f.optionalBoolean(*e, "ExpiredObjectDeleteMarker"_L1);
        rule.expiration = expiration;
    }
    for (const Element *t : r.childrenNamed("Transition"_L1)) {
        LifecycleTransition transition;
        transition.days = days(f, *t, "Days"_L1);
        transition.date = f.timestamp(*t, "Date"_L1);
        transition.storageClass = f.text(*t, "StorageClass"_L1);
        rule.transitions.append(transition);
    }
    if (const Element *e = r.child("NoncurrentVersionExpiration"_L1)) {
        NoncurrentVersionExpiration expiration;
        expiration.noncurrentDays = days(f, *e, "NoncurrentDays"_L1).value_or(0);
        expiration.newerNoncurrentVersions = f.int32(*e, "NewerNoncurrentVersions"_L1);
        rule.noncurrentVersionExpiration = expiration;
    }
    for (const Element *t : r.childrenNamed("NoncurrentVersionTransition"_L1)) {
        NoncurrentVersionTransition transition;
        transition.noncurrentDays = days(f, *t, "NoncurrentDays"_L1).value_or(0);
        transition.storageClass = f.text(*t, "StorageClass"_L1);
        transition.newerNoncurrentVersions = f.int32(*t, "NewerNoncurrentVersions"_L1);
        rule.noncurrentVersionTransitions.append(transition);
    }
    if (const Element *a = r.child("AbortIncompleteMultipartUpload"_L1))
        rule.abortIncompleteMultipartUploadDays = days(f, *a, "DaysAfterInitiation"_L1).value_or(0);
    return rule;
}

void writeRule(DocumentWriter &w, const LifecycleRule &rule)
{
    w.start("Rule"_L1);
    w.optionalElement("ID"_L1, rule.id);
    writeFilter(w, rule.filter);
    w.element("Status"_L1, rule.enabled ? u"Enabled"_s : u"Disabled"_s);
    for (const LifecycleTransition &t : rule.transitions) {
        w.start("Transition"_L1);
        w.optionalInteger("Days"_L1, t.days);
        w.timestamp("Date"_L1, t.date);
        w.optionalElement("StorageClass"_L1, t.storageClass);
        w.end();
    }
    for (const NoncurrentVersionTransition &t : rule.noncurrentVersionTransitions) {
        w.start("NoncurrentVersionTransition"_L1);
        w.integer("NoncurrentDays"_L1, t.noncurrentDays);
        w.optionalElement("StorageClass"_L1, t.storageClass);
        w.optionalInteger("NewerNoncurrentVersions"_L1, t.newerNoncurrentVersions);
        w.end();
    }
    if (rule.expiration) {
        w.start("Expiration"_L1);
        w.optionalInteger("Days"_L1, rule.expiration->days);
        w.timestamp("Date"_L1, rule.expiration->date);
        w.optionalBoolean("ExpiredObjectDeleteMarker"_L1, rule.expiration->expiredObjectDeleteMarker);
        w.end();
    }
    if (rule.noncurrentVersionExpiration) {
        w.start("NoncurrentVersionExpiration"_L1);
        w.integer("NoncurrentDays"_L1, rule.noncurrentVersionExpiration->noncurrentDays);
        w.optionalInteger("NewerNoncurrentVersions"_L1, rule.noncurrentVersionExpiration->newerNoncurrentVersions);
        w.end();
    }
    if (rule.abortIncompleteMultipartUploadDays) {
        w.start("AbortIncompleteMultipartUpload"_L1);
        w.integer("DaysAfterInitiation"_L1, *rule.abortIncompleteMultipartUploadDays);
        w.end();
    }
    w.end();
}

} // namespace

ParseResult<LifecycleConfiguration> parseLifecycleConfiguration(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "LifecycleConfiguration"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    LifecycleConfiguration configuration;
    for (const Element *r : doc->childrenNamed("Rule"_L1))
        configuration.rules.append(readRule(f, *r));
    return f.finish(std::move(configuration));
}

QByteArray writeLifecycleConfiguration(const LifecycleConfiguration &configuration)
{
    DocumentWriter w("LifecycleConfiguration"_L1);
    for (const LifecycleRule &rule : configuration.rules)
        writeRule(w, rule);
    return w.finish();
}

} // namespace coffer::s3::xml
