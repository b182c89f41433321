#pragma once
// Recognising a known store from an endpoint URL found in someone else's configuration
// (~/.aws/config, rclone.conf, AWS_ENDPOINT_URL), so an imported profile gets the right
// provider, and for R2 its account id and jurisdiction.

#include "s3/endpoint/endpoint.h"
#include "s3/endpoint/provider.h"

#include <QString>

namespace coffer::profiles {

struct DetectedProvider {
    s3::Provider provider = s3::Provider::Custom;
    QString r2AccountId; // CloudflareR2 only
    s3::R2Jurisdiction r2Jurisdiction = s3::R2Jurisdiction::Default;
    QString region;      // when the host names one (s3.<region>.amazonaws.com, ...)
};

// *.r2.cloudflarestorage.com (with eu./fedramp.), *.amazonaws.com, *.backblazeb2.com,
// *.wasabisys.com; anything else is Custom.
DetectedProvider detectProvider(const s3::Endpoint &endpoint);

} // namespace coffer::profiles
