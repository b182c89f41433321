#pragma once
// A bucket's lifecycle rules as the lifecycle editor shows them.

#include "s3/model/validation.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace coffer::s3 {

struct LifecycleTag {
    QString key;
    QString value;
    bool operator==(const LifecycleTag &) const = default;
};

// Which objects a rule applies to. Several conditions together travel as <And>; an
// empty filter applies to every object in the bucket.
struct LifecycleFilter {
    QString prefix;
    QList<LifecycleTag> tags;
    std::optional<qint64> objectSizeGreaterThan; // bytes
    std::optional<qint64> objectSizeLessThan;    // bytes
    // The rule used the deprecated <Prefix> directly under <Rule> instead of <Filter>;
    // kept so that such a document is written back the way it came.
    bool legacyRulePrefix = false;

    int conditionCount() const;
    bool operator==(const LifecycleFilter &) const = default;
};

struct LifecycleExpiration {
    std::optional<int> days;
    QDateTime date; // midnight UTC; invalid when not set
    std::optional<bool> expiredObjectDeleteMarker;
    bool operator==(const LifecycleExpiration &) const = default;
};

struct LifecycleTransition {
    std::optional<int> days;
    QDateTime date; // midnight UTC; invalid when not set
    QString storageClass; // e.g. STANDARD_IA (R2), GLACIER (S3)
    bool operator==(const LifecycleTransition &) const = default;
};

struct NoncurrentVersionExpiration {
    int noncurrentDays = 0;
    std::optional<int> newerNoncurrentVersions;
    bool operator==(const NoncurrentVersionExpiration &) const = default;
};

struct NoncurrentVersionTransition {
    int noncurrentDays = 0;
    QString storageClass;
    std::optional<int> newerNoncurrentVersions;
    bool operator==(const NoncurrentVersionTransition &) const = default;
};

struct LifecycleRule {
    static constexpr int kMaxIdLength = 255;

    QString id;
    bool enabled = true; // Status Enabled / Disabled
    LifecycleFilter filter;
    std::optional<LifecycleExpiration> expiration;
    QList<LifecycleTransition> transitions;
    std::optional<NoncurrentVersionExpiration> noncurrentVersionExpiration;
    QList<NoncurrentVersionTransition> noncurrentVersionTransitions;
    std::optional<int> abortIncompleteMultipartUploadDays; // DaysAfterInitiation

    bool hasAction() const;
    bool operator==(const LifecycleRule &) const = default;
};

struct LifecycleConfiguration {
    static constexpr int kMaxRules = 1000;

    QList<LifecycleRule> rules;

    // Every problem found, each with a sentence for the user; empty when valid.
    ValidationProblems validate() const;
    bool operator==(const LifecycleConfiguration &) const = default;
};

} // namespace coffer::s3
