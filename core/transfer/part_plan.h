#pragma once
// One part size for a whole object, chosen before the first byte moves. Pure functions,
// so every edge (5 MiB floor, 10,000 parts, 5 GiB parts, 5 TiB objects) is table-tested.
//
// A plan is legal on S3 and on R2 alike: every part but the last has the same size (R2
// refuses anything else), that size is a whole number of MiB, at least 5 MiB and at most
// 5 GiB, there are at most 10,000 parts, and the last part is never larger than the others.

#include "transfer_settings.h"

#include <QString>

#include <optional>

namespace coffer::transfer {

// The limits of the store; defaults are S3's (which R2 shares).
struct PartLimits {
    qint64 minPartSize = 5 * kMiB;
    qint64 maxPartSize = 5 * kGiB;
    int maxParts = 10000;
    qint64 maxSinglePut = 5 * kGiB - 5 * kMiB; // R2's limit, also safe on S3 (5 GiB)
    qint64 maxSingleCopy = 5 * kGiB;            // CopyObject; above it UploadPartCopy
    qint64 maxObjectSize = 5 * 1024 * kGiB;     // 5 TiB
};

struct PartPlan {
    enum class Method {
        SingleRequest, // one PutObject (upload) or one CopyObject (copy)
        Multipart,     // Create, UploadPart/UploadPartCopy x partCount, Complete
    };
    Method method = Method::SingleRequest;
    qint64 objectSize = 0;
    qint64 partSize = 0; // every part but the last; equals objectSize for SingleRequest
    int partCount = 1;   // 1 for SingleRequest (also for an empty object)

    bool isMultipart() const { return method == Method::Multipart; }
    // Part numbers run from 1 to partCount, as in S3.
    qint64 offsetOf(int partNumber) const { return qint64(partNumber - 1) * partSize; }
    qint64 sizeOf(int partNumber) const;
    bool operator==(const PartPlan &) const = default;
};

struct PlanOutcome {
    std::optional<PartPlan> plan;
    QString error; // when there is no plan: what is wrong and what to do
};

// Plans an upload of objectSize bytes: SingleRequest below singleRequestThreshold (capped
// at limits.maxSinglePut), otherwise Multipart starting from preferredPartSize (rounded up
// to a MiB, raised to the minimum) and grown to fit limits.maxParts.
PlanOutcome planUpload(qint64 objectSize, qint64 singleRequestThreshold, qint64 preferredPartSize,
                       const PartLimits &limits = {});
// Plans a server-side copy: one CopyObject up to limits.maxSingleCopy, else UploadPartCopy
// ranges under the same equal-part rules (so R2 accepts them too).
PlanOutcome planCopy(qint64 objectSize, qint64 preferredPartSize, const PartLimits &limits = {});

} // namespace coffer::transfer
