#include "bucket_config/lifecycle_dry_run.h"

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

LifecycleDryRun::LifecycleDryRun(s3::LifecycleConfiguration configuration, QDateTime now)
    : m_configuration(std::move(configuration)), m_now(std::move(now))
{
    for (qsizetype i = 0; i < m_configuration.rules.size(); ++i) {
        const s3::LifecycleRule &rule = m_configuration.rules.at(i);
        RuleImpact impact;
        impact.rule = static_cast<int>(i);
        impact.enabled = rule.enabled;
        impact.evaluated = rule.filter.tags.isEmpty();
        m_impacts.append(impact);
    }
}

QDateTime LifecycleDryRun::dueAfterDays(const QDateTime &time, int days)
{
    const QDateTime end = time.toUTC().addDays(days);
    if (end.time() == QTime(0, 0))
        return end;
    return QDateTime(end.date().addDays(1), QTime(0, 0), QTimeZone::UTC);
}

bool LifecycleDryRun::due(std::optional<int> days, const QDateTime &date, const QDateTime &since) const
{
    if (date.isValid())
        return m_now >= date;
    if (days)
        return since.isValid() && m_now >= dueAfterDays(since, *days);
    return false;
}

bool LifecycleDryRun::matches(const s3::LifecycleRule &rule, const QString &key, std::optional<qint64> size) const
{
    const s3::LifecycleFilter &f = rule.filter;
    if (!key.startsWith(f.prefix))
        return false;
    if (size && f.objectSizeGreaterThan && !(*size > *f.objectSizeGreaterThan))
        return false;
    if (size && f.objectSizeLessThan && !(*size < *f.objectSizeLessThan))
        return false;
    return true;
}

void LifecycleDryRun::record(RuleImpact &impact, const QString &key)
{
    if (impact.keys.size() < RuleImpact::kMaxKeys)
        impact.keys.append(key);
}

void LifecycleDryRun::addObjects(const QList<s3::ObjectEntry> &objects)
{
    const auto &rules = m_configuration.rules;
    QList<int> expiring;
    QList<int> moving;
    for (const s3::ObjectEntry &object : objects) {
        ++m_objectsSeen;
        expiring.clear();
        moving.clear();
        for (qsizetype i = 0; i < rules.size(); ++i) {
            const s3::LifecycleRule &rule = rules.at(i);
            if (!rule.enabled || !m_impacts.at(i).evaluated || !matches(rule, object.key, object.size))
                continue;
            if (rule.expiration && due(rule.expiration->days, rule.expiration->date, object.lastModified)) {
                expiring.append(static_cast<int>(i));
                continue;
            }
            for (const s3::LifecycleTransition &t : rule.transitions) {
                // An object already in the target class has nothing left to do.
                const QString current = object.storageClass.isEmpty() ? u"STANDARD"_s : object.storageClass;
                if (current != t.storageClass && due(t.days, t.date, object.lastModified)) {
                    moving.append(static_cast<int>(i));
                    break;
                }
            }
        }
        // Expiry wins over a transition due the same day, as on S3 and R2.
        for (int i : expiring) {
            RuleImpact &impact = m_impacts[i];
            ++impact.expiredObjects;
            impact.expiredBytes += object.size;
            record(impact, object.key);
        }
        if (!expiring.isEmpty())
            continue;
        for (int i : moving) {
            RuleImpact &impact = m_impacts[i];
            ++impact.transitionedObjects;
            impact.transitionedBytes += object.size;
            record(impact, object.key);
        }
    }
}

void LifecycleDryRun::addUploads(const QList<s3::MultipartUploadEntry> &uploads)
{
    const auto &rules = m_configuration.rules;
    for (const s3::MultipartUploadEntry &upload : uploads) {
        for (qsizetype i = 0; i < rules.size(); ++i) {
            const s3::LifecycleRule &rule = rules.at(i);
            if (!rule.enabled || !rule.abortIncompleteMultipartUploadDays || !m_impacts.at(i).evaluated)
                continue;
            // Size filters do not apply: an unfinished upload has no size yet.
            if (!matches(rule, upload.key, std::nullopt))
                continue;
            if (due(rule.abortIncompleteMultipartUploadDays, {}, upload.initiated)) {
                ++m_impacts[i].abortedUploads;
                record(m_impacts[i], upload.key);
            }
        }
    }
}

QString LifecycleDryRun::listingPrefix() const
{
    std::optional<QString> common;
    for (const s3::LifecycleRule &rule : m_configuration.rules) {
        if (!rule.enabled)
            continue;
        if (!common) {
            common = rule.filter.prefix;
            continue;
        }
        qsizetype n = 0;
        while (n < common->size() && n < rule.filter.prefix.size() && common->at(n) == rule.filter.prefix.at(n))
            ++n;
        // Never split a UTF-16 surrogate pair: the prefix must stay valid text.
        if (n > 0 && n < common->size() && common->at(n - 1).isHighSurrogate())
            --n;
        common->truncate(n);
    }
    return common.value_or(QString());
}

bool LifecycleDryRun::needsUploads() const
{
    for (const s3::LifecycleRule &rule : m_configuration.rules) {
        if (rule.enabled && rule.abortIncompleteMultipartUploadDays)
            return true;
    }
    return false;
}

} // namespace coffer::bucket_config
