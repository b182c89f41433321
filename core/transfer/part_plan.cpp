#include "part_plan.h"

#include <QCoreApplication>
#include <QLocale>

namespace coffer::transfer {

namespace {

qint64 roundUpToMiB(qint64 bytes)
{
    return (bytes + kMiB - 1) / kMiB * kMiB;
}

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::transfer::PartPlan", text);
}

PlanOutcome multipartPlan(qint64 objectSize, qint64 preferredPartSize, const PartLimits &limits)
{
    // Equal parts of a whole number of MiB: at least the minimum, at least what keeps the
    // count within maxParts. Only the last part may be shorter, never longer.
    qint64 partSize = roundUpToMiB(qMax(preferredPartSize, limits.minPartSize));
    const qint64 needed = roundUpToMiB((objectSize + limits.maxParts - 1) / limits.maxParts);
    partSize = qMax(partSize, needed);
    if (partSize > limits.maxPartSize) {
        return {std::nullopt, tr("An object of %1 needs parts larger than %2, the most a store accepts. "
                                 "Split the file into smaller pieces.")
                                  .arg(sizeText(objectSize), sizeText(limits.maxPartSize))};
    }
    PartPlan plan;
    plan.method = PartPlan::Method::Multipart;
    plan.objectSize = objectSize;
    plan.partSize = partSize;
    plan.partCount = int((objectSize + partSize - 1) / partSize);
    return {plan, {}};
}

std::optional<QString> sizeError(qint64 objectSize, const PartLimits &limits)
{
    if (objectSize < 0)
        return tr("The size of the source is unknown, so it cannot be planned. Try again.");
    if (objectSize > limits.maxObjectSize) {
        return tr("%1 is larger than the %2 one object can hold. Split it into smaller files.")
            .arg(sizeText(objectSize), sizeText(limits.maxObjectSize));
    }
    return std::nullopt;
}

} // namespace

qint64 PartPlan::sizeOf(int partNumber) const
{
    if (partNumber < 1 || partNumber > partCount)
        return 0;
    if (partNumber < partCount)
        return partSize;
    return objectSize - qint64(partCount - 1) * partSize;
}

PlanOutcome planUpload(qint64 objectSize, qint64 singleRequestThreshold, qint64 preferredPartSize,
                       const PartLimits &limits)
{
    if (const auto error = sizeError(objectSize, limits))
        return {std::nullopt, *error};
    if (objectSize == 0 || (objectSize < singleRequestThreshold && objectSize <= limits.maxSinglePut)) {
        PartPlan plan;
        plan.objectSize = objectSize;
        plan.partSize = objectSize;
        return {plan, {}};
    }
    return multipartPlan(objectSize, preferredPartSize, limits);
}

PlanOutcome planCopy(qint64 objectSize, qint64 preferredPartSize, const PartLimits &limits)
{
    if (const auto error = sizeError(objectSize, limits))
        return {std::nullopt, *error};
    if (objectSize <= limits.maxSingleCopy) {
        PartPlan plan;
        plan.objectSize = objectSize;
        plan.partSize = objectSize;
        return {plan, {}};
    }
    return multipartPlan(objectSize, preferredPartSize, limits);
}

} // namespace coffer::transfer
