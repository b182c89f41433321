#include "profiles/providerdetect.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

DetectedProvider detectProvider(const s3::Endpoint &endpoint)
{
    const QString host = endpoint.host.toLower();
    DetectedProvider found;

    static const QRegularExpression r2(
        u"^([0-9a-f]{32})(?:\\.(eu|fedramp))?\\.r2\\.cloudflarestorage\\.com$"_s);
    if (const auto m = r2.match(host); m.hasMatch()) {
        found.provider = s3::Provider::CloudflareR2;
        found.r2AccountId = m.captured(1);
        found.r2Jurisdiction = s3::r2JurisdictionFromName(m.captured(2).toLatin1())
                                   .value_or(s3::R2Jurisdiction::Default);
        found.region = u"auto"_s;
        return found;
    }

    // s3.<region>.amazonaws.com, s3-<region>.amazonaws.com, s3.dualstack.<region>...;
    // plain s3.amazonaws.com is us-east-1.
    static const QRegularExpression aws(
        u"(?:^|\\.)s3[.-](?:dualstack\\.)?([a-z0-9-]+)\\.amazonaws\\.com$"_s);
    if (host == u"s3.amazonaws.com" || host.endsWith(u".s3.amazonaws.com")) {
        found.provider = s3::Provider::AwsS3;
        found.region = u"us-east-1"_s;
        return found;
    }
    if (const auto m = aws.match(host); m.hasMatch()) {
        found.provider = s3::Provider::AwsS3;
        found.region = m.captured(1);
        return found;
    }

    static const QRegularExpression b2(u"(?:^|\\.)s3\\.([a-z0-9-]+)\\.backblazeb2\\.com$"_s);
    if (const auto m = b2.match(host); m.hasMatch()) {
        found.provider = s3::Provider::BackblazeB2;
        found.region = m.captured(1);
        return found;
    }

    static const QRegularExpression wasabi(u"(?:^|\\.)s3\\.(?:([a-z0-9-]+)\\.)?wasabisys\\.com$"_s);
    if (const auto m = wasabi.match(host); m.hasMatch()) {
        found.provider = s3::Provider::Wasabi;
        found.region = m.captured(1).isEmpty() ? u"us-east-1"_s : m.captured(1);
        return found;
    }
    return found;
}

} // namespace coffer::profiles
