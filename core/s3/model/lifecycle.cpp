#include "s3/model/lifecycle.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::LifecycleConfiguration", text);
}

bool isMidnightUtc(const QDateTime &date)
{
    return date.toUTC().time() == QTime(0, 0);
}

class RuleChecker
{
public:
    RuleChecker(ValidationProblems &problems, const LifecycleRule &rule, qsizetype index)
        : m_problems(problems), m_rule(rule), m_number(index + 1), m_at(u"rules[%1]"_s.arg(index))
    {
    }

    void check()
    {
        checkFilter();
        if (!m_rule.hasAction()) {
            add(QString(), tr("Rule %1 does nothing: add an expiration, a transition or an abort of "
                              "incomplete multipart uploads."));
        }
        checkExpiration();
        checkTransitions();
        checkNoncurrent();
        if (m_rule.abortIncompleteMultipartUploadDays) {
            if (*m_rule.abortIncompleteMultipartUploadDays < 1)
                add(u".abortIncompleteMultipartUploadDays"_s, tr("Rule %1: abort incomplete multipart uploads after at least 1 day."));
            if (!m_rule.filter.tags.isEmpty())
                add(u".abortIncompleteMultipartUploadDays"_s,
                    tr("Rule %1: incomplete multipart uploads have no tags, so this action cannot be combined with a "
                       "tag filter. Move it to a rule filtered by prefix only."));
        }
    }

private:
    void add(const QString &field, const QString &message)
    {
        m_problems.append({m_at + field, message.arg(m_number)});
    }

    void checkFilter()
    {
        const LifecycleFilter &f = m_rule.filter;
        QSet<QString> keys;
        for (qsizetype i = 0; i < f.tags.size(); ++i) {
            const QString field = u".filter.tags[%1]"_s.arg(i);
            if (f.tags.at(i).key.isEmpty())
                add(field, tr("Rule %1: a tag in the filter has no key; enter a key or remove the tag."));
            else if (keys.contains(f.tags.at(i).key))
                m_problems.append({m_at + field, tr("Rule %1: the filter names the tag key “%2” twice; each key may appear once.")
                                                     .arg(m_number)
                                                     .arg(f.tags.at(i).key)});
            keys.insert(f.tags.at(i).key);
        }
        if (f.objectSizeGreaterThan && f.objectSizeLessThan && *f.objectSizeGreaterThan >= *f.objectSizeLessThan) {
            add(u".filter"_s, tr("Rule %1: the minimum object size must be smaller than the maximum, or no object matches."));
        }
    }

    void checkExpiration()
    {
        if (!m_rule.expiration)
            return;
        const LifecycleExpiration &e = *m_rule.expiration;
        const int forms = (e.days ? 1 : 0) + (e.date.isValid() ? 1 : 0) + (e.expiredObjectDeleteMarker ? 1 : 0);
        if (forms != 1)
            add(u".expiration"_s, tr("Rule %1: an expiration takes exactly one of a number of days, a date, or "
                                     "“remove expired delete markers”."));
        if (e.days && *e.days < 1)
            add(u".expiration.days"_s, tr("Rule %1: objects can expire after 1 day at the earliest."));
        if (e.date.isValid() && !isMidnightUtc(e.date))
            add(u".expiration.date"_s, tr("Rule %1: the expiration date must be at midnight UTC (00:00:00Z)."));
    }

    void checkTransitions()
    {
        for (qsizetype i = 0; i < m_rule.transitions.size(); ++i) {
            const LifecycleTransition &t = m_rule.transitions.at(i);
            const QString field = u".transitions[%1]"_s.arg(i);
            if (t.days.has_value() == t.date.isValid())
                add(field, tr("Rule %1: a transition takes either a number of days or a date, not both and not neither."));
            if (t.days && *t.days < 0)
                add(field + u".days"_s, tr("Rule %1: a transition cannot happen a negative number of days after creation."));
            if (t.date.isValid() && !isMidnightUtc(t.date))
                add(field + u".date"_s, tr("Rule %1: the transition date must be at midnight UTC (00:00:00Z)."));
            if (t.storageClass.isEmpty())
                add(field + u".storageClass"_s, tr("Rule %1: choose the storage class objects move to."));
            if (m_rule.expiration && m_rule.expiration->days && t.days && *t.days >= *m_rule.expiration->days)
                add(field + u".days"_s, tr("Rule %1: objects expire before they would move to another storage class; "
                                           "make the transition happen fewer days after creation than the expiration."));
            if (m_rule.expiration && m_rule.expiration->date.isValid() && t.date.isValid()
                && t.date >= m_rule.expiration->date)
                add(field + u".date"_s, tr("Rule %1: the transition date must come before the expiration date."));
        }
    }

    void checkNoncurrent()
    {
        if (m_rule.noncurrentVersionExpiration && m_rule.noncurrentVersionExpiration->noncurrentDays < 1)
            add(u".noncurrentVersionExpiration.noncurrentDays"_s,
                tr("Rule %1: noncurrent versions can expire 1 day after becoming noncurrent at the earliest."));
        for (qsizetype i = 0; i < m_rule.noncurrentVersionTransitions.size(); ++i) {
            const NoncurrentVersionTransition &t = m_rule.noncurrentVersionTransitions.at(i);
            const QString field = u".noncurrentVersionTransitions[%1]"_s.arg(i);
            if (t.noncurrentDays < 0)
                add(field + u".noncurrentDays"_s, tr("Rule %1: a noncurrent version transition cannot have negative days."));
            if (t.storageClass.isEmpty())
                add(field + u".storageClass"_s, tr("Rule %1: choose the storage class noncurrent versions move to."));
            if (m_rule.noncurrentVersionExpiration && t.noncurrentDays >= m_rule.noncurrentVersionExpiration->noncurrentDays)
                add(field + u".noncurrentDays"_s, tr("Rule %1: noncurrent versions expire before they would move; make "
                                                     "the transition happen sooner than the expiration."));
        }
    }

    ValidationProblems &m_problems;
    const LifecycleRule &m_rule;
    qsizetype m_number;
    QString m_at;
};

} // namespace

int LifecycleFilter::conditionCount() const
{
    return (prefix.isEmpty() ? 0 : 1) + static_cast<int>(tags.size()) + (objectSizeGreaterThan ? 1 : 0)
        + (objectSizeLessThan ? 1 : 0);
}

bool LifecycleRule::hasAction() const
{
    return expiration.has_value() || !transitions.isEmpty() || noncurrentVersionExpiration.has_value()
        || !noncurrentVersionTransitions.isEmpty() || abortIncompleteMultipartUploadDays.has_value();
}

ValidationProblems LifecycleConfiguration::validate() const
{
    ValidationProblems problems;
    if (rules.size() > kMaxRules) {
        problems.append({u"rules"_s, tr("A bucket can have at most %1 lifecycle rules; this configuration has %2. "
                                        "Merge or remove rules.")
                                         .arg(kMaxRules)
                                         .arg(rules.size())});
    }
    QSet<QString> ids;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const LifecycleRule &rule = rules.at(i);
        const QString at = u"rules[%1].id"_s.arg(i);
        if (rule.id.size() > LifecycleRule::kMaxIdLength) {
            problems.append({at, tr("Rule %1: the ID is %2 characters long; use at most %3.")
                                     .arg(i + 1)
                                     .arg(rule.id.size())
                                     .arg(LifecycleRule::kMaxIdLength)});
        }
        if (!rule.id.isEmpty()) {
            if (ids.contains(rule.id))
                problems.append({at, tr("Rule %1: another rule already has the ID “%2”; each rule needs its own ID.")
                                         .arg(i + 1)
                                         .arg(rule.id)});
            ids.insert(rule.id);
        }
        RuleChecker(problems, rule, i).check();
    }
    return problems;
}

} // namespace coffer::s3
