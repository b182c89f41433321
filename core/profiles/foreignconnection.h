#pragma once
// Turning the connection settings another tool keeps (an endpoint URL or none, a region,
// maybe an addressing style and a provider name) into a profile's connection fields.
// Shared by the ~/.aws and rclone importers so both recognise stores the same way.

#include "profiles/profile.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::profiles {

struct ForeignConnection {
    QString endpointUrl; // empty: the provider's regional endpoint (AWS when no hint)
    QString region;
    std::optional<s3::AddressingStyle> addressing;
    std::optional<s3::Provider> providerHint; // what the source says it is, if it says
};

// Fills provider, endpointUrl, region, addressing, r2AccountId and r2Jurisdiction.
// Returns an error sentence when the connection cannot be used (bad endpoint or region);
// adjustments that still give a usable profile go to notes, prefixed with who.
std::optional<QString> applyForeignConnection(Profile &profile, const ForeignConnection &from,
                                              const QString &who, QStringList &notes);

} // namespace coffer::profiles
