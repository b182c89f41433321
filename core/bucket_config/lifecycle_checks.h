#pragma once
// What the lifecycle editor marks: the document's own rules (from
// LifecycleConfiguration::validate(): days at least 1, dates at midnight UTC, a
// transition before the expiration, …) plus what the provider accepts: how many rules,
// which storage classes, tag/size filters and noncurrent-version actions, and the
// 30-day minimum of infrequent-access storage.

#include "bucket_config/rule_problem.h"
#include "s3/endpoint/provider.h"
#include "s3/model/lifecycle.h"

#include <QStringList>

namespace coffer::bucket_config {

struct LifecycleLimits {
    int maxRules = s3::LifecycleConfiguration::kMaxRules;
    QStringList storageClasses; // the classes a transition may name; empty: any
    bool tagFilters = true;
    bool sizeFilters = true;
    bool noncurrentVersions = true;
    // S3 refuses a transition to STANDARD_IA sooner than 30 days after creation; R2
    // accepts it but bills Infrequent Access for at least 30 days, so there it is a warning.
    bool iaMinimumIsError = true;
};

inline constexpr int kInfrequentAccessMinimumDays = 30;

LifecycleLimits lifecycleLimits(s3::Provider provider);

RuleProblems checkLifecycle(const s3::LifecycleConfiguration &configuration, const LifecycleLimits &limits);

} // namespace coffer::bucket_config
