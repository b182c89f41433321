#pragma once
// Filling a profile from what a person picks in "New connection": a provider plus the
// one or two facts that provider needs (R2: account id and jurisdiction; AWS, B2,
// Wasabi: a region; MinIO, Ceph, Garage, custom: an endpoint URL and path-style choice;
// the local Coffer server: a port).

#include "profiles/profile.h"

#include <optional>

namespace coffer::profiles {

struct PresetChoice {
    s3::Provider provider = s3::Provider::Custom;
    QString region;                 // AWS, B2, Wasabi; optional for user endpoints
    QString r2AccountId;            // CloudflareR2
    s3::R2Jurisdiction r2Jurisdiction = s3::R2Jurisdiction::Default;
    QString endpointUrl;            // MinIO, CephRgw, Garage, Custom
    bool pathStyle = true;          // MinIO, CephRgw, Garage, Custom
    int port = 0;                   // CofferLocal
};

struct PresetError {
    enum class Field { AccountId, Region, Endpoint, Port };
    Field field = Field::Endpoint; // which input to point the person at
    QString message;               // what is wrong and what to do
};

// Sets provider, endpoint, region, addressing and the R2 fields of profile from choice;
// leaves its id, name, keys, secrets and bucket fields alone. On error profile is
// unchanged.
std::optional<PresetError> applyPreset(Profile &profile, const PresetChoice &choice);

} // namespace coffer::profiles
