#include "bucket_config/lifecycle_checks.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::bucket_config {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::bucket_config::LifecycleChecks", text);
}

bool isInfrequentAccess(const QString &storageClass)
{
    return storageClass == "STANDARD_IA"_L1 || storageClass == "ONEZONE_IA"_L1;
}

class RuleChecks
{
public:
    RuleChecks(RuleProblems &problems, const LifecycleLimits &limits, const s3::LifecycleRule &rule, int index)
        : m_problems(problems), m_limits(limits), m_rule(rule), m_index(index)
    {
    }

    void check()
    {
        checkProviderFeatures();
        for (qsizetype i = 0; i < m_rule.transitions.size(); ++i)
            checkTransition(m_rule.transitions.at(i), u"transitions[%1]"_s.arg(i));
    }

private:
    void add(Severity severity, const QString &field, const QString &message)
    {
        m_problems.append({severity, m_index, field, message});
    }

    void checkProviderFeatures()
    {
        const int number = m_index + 1;
        if (!m_limits.tagFilters && !m_rule.filter.tags.isEmpty())
            add(Severity::Error, u"filter.tags"_s,
                tr("Rule %1 filters by tag, which this provider does not support; filter by prefix instead.")
                    .arg(number));
        if (!m_limits.sizeFilters && (m_rule.filter.objectSizeGreaterThan || m_rule.filter.objectSizeLessThan))
            add(Severity::Error, u"filter"_s,
                tr("Rule %1 filters by object size, which this provider does not support; remove the size "
                   "limits.")
                    .arg(number));
        if (!m_limits.noncurrentVersions
            && (m_rule.noncurrentVersionExpiration || !m_rule.noncurrentVersionTransitions.isEmpty()))
            add(Severity::Error, u"noncurrentVersionExpiration"_s,
                tr("Rule %1 acts on noncurrent versions, but this provider has no versioning; remove "
                   "those actions.")
                    .arg(number));
        if (!m_limits.noncurrentVersions && m_rule.expiration && m_rule.expiration->expiredObjectDeleteMarker)
            add(Severity::Error, u"expiration.expiredObjectDeleteMarker"_s,
                tr("Rule %1 removes expired delete markers, but this provider has no versioning and no "
                   "delete markers; remove that action.")
                    .arg(number));
    }

    void checkTransition(const s3::LifecycleTransition &t, const QString &field)
    {
        const int number = m_index + 1;
        if (!m_limits.storageClasses.isEmpty() && !t.storageClass.isEmpty()
            && !m_limits.storageClasses.contains(t.storageClass)) {
            add(Severity::Error, field + u".storageClass"_s,
                tr("Rule %1 moves objects to “%2”, a storage class this provider does not have; use %3.")
                    .arg(number)
                    .arg(t.storageClass, m_limits.storageClasses.join(u", "_s)));
        }
        if (!isInfrequentAccess(t.storageClass))
            return;
        if (t.days && *t.days < kInfrequentAccessMinimumDays) {
            add(m_limits.iaMinimumIsError ? Severity::Error : Severity::Warning, field + u".days"_s,
                m_limits.iaMinimumIsError
                    ? tr("Rule %1 moves objects to %2 after %3 days; infrequent access needs at least %4 "
                         "days after creation.")
                          .arg(number)
                          .arg(t.storageClass)
                          .arg(*t.days)
                          .arg(kInfrequentAccessMinimumDays)
                    : tr("Rule %1 moves objects to %2 after %3 days; infrequent access is billed for at "
                         "least %4 days, so wait at least that long.")
                          .arg(number)
                          .arg(t.storageClass)
                          .arg(*t.days)
                          .arg(kInfrequentAccessMinimumDays));
        }
        // Objects deleted soon after moving are billed the rest of the minimum anyway.
        if (m_rule.expiration && m_rule.expiration->days && t.days && *m_rule.expiration->days > *t.days
            && *m_rule.expiration->days - *t.days < kInfrequentAccessMinimumDays) {
            add(Severity::Warning, u"expiration.days"_s,
                tr("Rule %1 deletes objects %2 days after moving them to %3, which is billed for at "
                   "least %4 days: delete them later, or do not move them.")
                    .arg(number)
                    .arg(*m_rule.expiration->days - *t.days)
                    .arg(t.storageClass)
                    .arg(kInfrequentAccessMinimumDays));
        }
    }

    RuleProblems &m_problems;
    const LifecycleLimits &m_limits;
    const s3::LifecycleRule &m_rule;
    int m_index;
};

} // namespace

LifecycleLimits lifecycleLimits(s3::Provider provider)
{
    LifecycleLimits limits;
    const s3::Capabilities caps = s3::providerCapabilities(provider);
    if (provider == s3::Provider::CloudflareR2) {
        limits.storageClasses = {u"STANDARD_IA"_s};
        limits.tagFilters = false;
        limits.sizeFilters = false;
        limits.iaMinimumIsError = false;
    }
    limits.noncurrentVersions = caps.testFlag(s3::Capability::Versioning);
    if (!caps.testFlag(s3::Capability::ObjectTagging))
        limits.tagFilters = false;
    return limits;
}

RuleProblems checkLifecycle(const s3::LifecycleConfiguration &configuration, const LifecycleLimits &limits)
{
    RuleProblems problems = fromValidation(configuration.validate());
    // validate() already refuses more than S3's own limit; a stricter provider is named here.
    if (configuration.rules.size() > limits.maxRules && limits.maxRules < s3::LifecycleConfiguration::kMaxRules) {
        problems.append({Severity::Error, -1, QString(),
                         tr("This provider accepts at most %1 lifecycle rules; this configuration has %2. "
                            "Merge or remove rules.")
                             .arg(limits.maxRules)
                             .arg(configuration.rules.size())});
    }
    for (qsizetype i = 0; i < configuration.rules.size(); ++i)
        RuleChecks(problems, limits, configuration.rules.at(i), static_cast<int>(i)).check();
    return problems;
}

} // namespace coffer::bucket_config
