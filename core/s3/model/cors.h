#pragma once
// A bucket's CORS rules as the CORS editor shows them (PutBucketCors/GetBucketCors).

#include "s3/model/validation.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::s3 {

struct CorsRule {
    QString id; // optional, up to 255 characters
    QStringList allowedOrigins; // "scheme://host[:port]", "*", or one "*" wildcard
    QStringList allowedMethods; // GET PUT POST DELETE HEAD
    QStringList allowedHeaders;
    QStringList exposeHeaders;
    std::optional<int> maxAgeSeconds;
    bool operator==(const CorsRule &) const = default;
};

struct CorsConfiguration {
    static constexpr int kMaxRules = 100;

    QList<CorsRule> rules;

    // Every problem found, each with a sentence for the user; empty when valid.
    ValidationProblems validate() const;
    bool operator==(const CorsConfiguration &) const = default;
};

} // namespace coffer::s3
