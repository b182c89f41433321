#include "profiles/preset.h"

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

PresetError fromProvider(const s3::ProviderError &error)
{
    using Code = s3::ProviderError::Code;
    switch (error.code) {
    case Code::BadAccountId:
        return {PresetError::Field::AccountId, error.message};
    case Code::BadPort:
        return {PresetError::Field::Port, error.message};
    case Code::BadRegion:
        return {PresetError::Field::Region, error.message};
    case Code::NeedsUserEndpoint:
        break;
    }
    return {PresetError::Field::Endpoint, error.message};
}

} // namespace

std::optional<PresetError> applyPreset(Profile &profile, const PresetChoice &choice)
{
    Profile next = profile;
    next.provider = choice.provider;
    next.r2AccountId.clear();
    next.r2Jurisdiction = s3::R2Jurisdiction::Default;
    s3::ProviderError error;

    switch (choice.provider) {
    case s3::Provider::CloudflareR2: {
        const QString account = choice.r2AccountId.trimmed().toLower();
        const auto endpoint = s3::r2Endpoint(account, choice.r2Jurisdiction, &error);
        if (!endpoint)
            return fromProvider(error);
        next.endpointUrl = endpoint->toString();
        next.region = u"auto"_s;
        next.r2AccountId = account;
        next.r2Jurisdiction = choice.r2Jurisdiction;
        next.addressing = s3::providerDefaults(choice.provider).addressing;
        break;
    }
    case s3::Provider::AwsS3:
    case s3::Provider::BackblazeB2:
    case s3::Provider::Wasabi: {
        const auto region = s3::normalizeRegion(choice.provider, choice.region.trimmed(), &error);
        if (!region)
            return fromProvider(error);
        const auto endpoint = s3::regionalEndpoint(choice.provider, *region, &error);
        if (!endpoint)
            return fromProvider(error);
        next.endpointUrl = endpoint->toString();
        next.region = *region;
        next.addressing = s3::providerDefaults(choice.provider).addressing;
        break;
    }
    case s3::Provider::MinIO:
    case s3::Provider::CephRgw:
    case s3::Provider::Garage:
    case s3::Provider::Custom: {
        s3::EndpointError endpointError;
        const auto endpoint = s3::parseEndpoint(choice.endpointUrl, &endpointError);
        if (!endpoint)
            return PresetError{PresetError::Field::Endpoint, endpointError.message};
        const auto region = s3::normalizeRegion(choice.provider, choice.region.trimmed(), &error);
        if (!region)
            return fromProvider(error);
        next.endpointUrl = endpoint->toString();
        next.region = *region;
        next.addressing = choice.pathStyle ? s3::AddressingStyle::PathStyle
                                           : s3::AddressingStyle::VirtualHosted;
        break;
    }
    case s3::Provider::CofferLocal: {
        const auto endpoint = s3::cofferLocalEndpoint(choice.port, &error);
        if (!endpoint)
            return fromProvider(error);
        const auto region = s3::normalizeRegion(choice.provider, QString());
        next.endpointUrl = endpoint->toString();
        next.region = region.value_or(u"us-east-1"_s);
        next.addressing = s3::AddressingStyle::PathStyle;
        break;
    }
    }
    profile = next;
    return std::nullopt;
}

} // namespace coffer::profiles
