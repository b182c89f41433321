#include "profiles/foreignconnection.h"

#include "profiles/providerdetect.h"

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

bool takesUserEndpoint(s3::Provider provider)
{
    return s3::providerDefaults(provider).userEndpoint;
}

std::optional<QString> applyRegional(Profile &profile, s3::Provider provider, const QString &region)
{
    s3::ProviderError error;
    const auto normalized = s3::normalizeRegion(provider, region, &error);
    if (!normalized)
        return error.message;
    const auto endpoint = s3::regionalEndpoint(provider, *normalized, &error);
    if (!endpoint)
        return error.message;
    profile.provider = provider;
    profile.region = *normalized;
    profile.endpointUrl = endpoint->toString();
    return std::nullopt;
}

} // namespace

std::optional<QString> applyForeignConnection(Profile &profile, const ForeignConnection &from,
                                              const QString &who, QStringList &notes)
{
    const QString region = from.region.trimmed();
    if (from.endpointUrl.trimmed().isEmpty()) {
        const s3::Provider provider = from.providerHint.value_or(s3::Provider::AwsS3);
        if (takesUserEndpoint(provider) || provider == s3::Provider::CloudflareR2
            || provider == s3::Provider::CofferLocal) {
            return u"%1 names no endpoint, and %2 needs one. Add the endpoint URL to the "
                   "source or enter it after importing."_s
                .arg(who, s3::providerDisplayName(provider));
        }
        if (auto error = applyRegional(profile, provider, region))
            return error;
    } else {
        s3::EndpointError endpointError;
        const auto endpoint = s3::parseEndpoint(from.endpointUrl, &endpointError);
        if (!endpoint)
            return endpointError.message;
        const DetectedProvider detected = detectProvider(*endpoint);
        s3::Provider provider = detected.provider;
        if (provider == s3::Provider::Custom && from.providerHint && takesUserEndpoint(*from.providerHint))
            provider = *from.providerHint;
        profile.provider = provider;
        profile.endpointUrl = endpoint->toString();

        if (provider == s3::Provider::CloudflareR2) {
            profile.r2AccountId = detected.r2AccountId;
            profile.r2Jurisdiction = detected.r2Jurisdiction;
            // A bucket in the host or a path is not part of the account's endpoint.
            if (const auto canonical = s3::r2Endpoint(detected.r2AccountId, detected.r2Jurisdiction))
                profile.endpointUrl = canonical->toString();
        }

        const QString wanted = region.isEmpty() ? detected.region : region;
        s3::ProviderError regionError;
        if (auto normalized = s3::normalizeRegion(provider, wanted, &regionError)) {
            profile.region = *normalized;
        } else {
            const QString fallback = s3::normalizeRegion(provider, QString())
                                         .value_or(s3::providerDefaults(provider).region);
            notes.append(u"%1: region \"%2\" does not work with %3, so %4 is used instead. %5"_s.arg(
                who, wanted, s3::providerDisplayName(provider), fallback, regionError.message));
            profile.region = fallback;
        }
    }
    profile.addressing = from.addressing.value_or(s3::providerDefaults(profile.provider).addressing);
    return std::nullopt;
}

} // namespace coffer::profiles
