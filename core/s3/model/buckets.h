#pragma once
// Buckets as ListBuckets, GetBucketLocation and CreateBucket describe them.

#include "s3/model/common.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace coffer::s3 {

struct BucketInfo {
    QString name;
    QDateTime creationDate; // UTC; invalid when the provider did not send one
    QString region;         // BucketRegion, empty when not known
    bool operator==(const BucketInfo &) const = default;
};

// One page of ListAllMyBucketsResult.
struct ListBucketsPage {
    QList<BucketInfo> buckets;
    std::optional<Owner> owner;
    QString continuationToken; // empty: this was the last page
    QString prefix;
    bool operator==(const ListBucketsPage &) const = default;
};

// GetBucketLocation. An empty constraint means us-east-1 (S3's historical quirk).
struct BucketLocation {
    QString locationConstraint;
    bool operator==(const BucketLocation &) const = default;
};

// CreateBucket's optional body. On R2 the constraint is a location hint (wnam, enam,
// weur, eeur, apac, oc); on S3 a region.
struct CreateBucketConfiguration {
    QString locationConstraint;
    bool operator==(const CreateBucketConfiguration &) const = default;
};

} // namespace coffer::s3
