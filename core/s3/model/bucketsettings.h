#pragma once
// Small per-bucket settings: public access block and versioning.

#include "s3/model/validation.h"

namespace coffer::s3 {

struct PublicAccessBlockConfiguration {
    bool blockPublicAcls = false;
    bool ignorePublicAcls = false;
    bool blockPublicPolicy = false;
    bool restrictPublicBuckets = false;

    // Every flag combination is legal for S3, so this reports only warnings: blocking
    // new public ACLs while still honouring existing ones (or the policy pair likewise)
    // leaves a door open the user most likely meant to close.
    ValidationProblems validate() const;
    bool operator==(const PublicAccessBlockConfiguration &) const = default;
};

enum class VersioningStatus { Unset, Enabled, Suspended };
enum class MfaDeleteStatus { Unset, Enabled, Disabled };

struct VersioningConfiguration {
    VersioningStatus status = VersioningStatus::Unset; // Unset: never enabled
    MfaDeleteStatus mfaDelete = MfaDeleteStatus::Unset;
    bool operator==(const VersioningConfiguration &) const = default;
};

} // namespace coffer::s3
