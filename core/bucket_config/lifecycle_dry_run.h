#pragma once
// The lifecycle dry run: which objects and incomplete uploads each rule would act on
// today, from listings alone (one pass, every rule evaluated for each object). Fed page
// by page, so a bucket of millions of keys never sits in memory.

#include "s3/model/lifecycle.h"
#include "s3/model/listing.h"
#include "s3/model/multipart.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace coffer::bucket_config {

struct RuleImpact {
    static constexpr int kMaxKeys = 1000; // keys kept per rule for display

    int rule = 0;
    bool enabled = true;
    // False when the rule filters by tag: listings carry no tags, so it is not counted.
    bool evaluated = true;
    qint64 expiredObjects = 0;
    qint64 expiredBytes = 0;
    qint64 transitionedObjects = 0; // due to move, and not expired by any rule
    qint64 transitionedBytes = 0;
    qint64 abortedUploads = 0;
    QStringList keys; // the first kMaxKeys keys acted on, in listing order
    bool operator==(const RuleImpact &) const = default;
};

class LifecycleDryRun
{
public:
    // now: "today", injectable so the result is reproducible.
    LifecycleDryRun(s3::LifecycleConfiguration configuration, QDateTime now);

    void addObjects(const QList<s3::ObjectEntry> &objects);
    void addUploads(const QList<s3::MultipartUploadEntry> &uploads);

    // One entry per rule, in the configuration's order.
    const QList<RuleImpact> &impacts() const { return m_impacts; }
    qint64 objectsSeen() const { return m_objectsSeen; }

    // The listing prefix that covers every enabled rule (their longest common prefix).
    QString listingPrefix() const;
    // Whether any enabled rule aborts incomplete multipart uploads.
    bool needsUploads() const;

    // When an age of days after time falls due: S3 adds the days and rounds up to the
    // next midnight UTC.
    static QDateTime dueAfterDays(const QDateTime &time, int days);

private:
    bool matches(const s3::LifecycleRule &rule, const QString &key, std::optional<qint64> size) const;
    bool due(std::optional<int> days, const QDateTime &date, const QDateTime &since) const;
    void record(RuleImpact &impact, const QString &key);

    s3::LifecycleConfiguration m_configuration;
    QDateTime m_now;
    QList<RuleImpact> m_impacts;
    qint64 m_objectsSeen = 0;
};

} // namespace coffer::bucket_config
