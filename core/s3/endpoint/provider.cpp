#include "provider.h"

#include <QCoreApplication>

#include <array>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::Provider", text);
}

template<typename T>
std::optional<T> fail(ProviderError *error, ProviderError::Code code, QString message)
{
    if (error)
        *error = {code, std::move(message)};
    return std::nullopt;
}

using C = Capability;

// What every S3 implementation here does: presigned URLs and multipart uploads.
constexpr Capabilities kBaseline = Capabilities(C::PresignedUrls) | C::MultipartUpload;

// Facts for R2 are from Cloudflare's documentation (see docs/s3-r2-facts.md). For the
// others the table is conservative: a capability is listed only where the store
// documents it over the S3 API. A missing flag only hides a panel; a present one that
// fails still degrades gracefully (501/405/400 on a configuration call means "not here").
Capabilities capabilitiesOf(Provider provider)
{
    switch (provider) {
    case Provider::CloudflareR2:
        // No ACLs, policy, public access block, versioning, tagging, object lock or
        // website; public access goes through the Cloudflare API's domains instead.
        // No Expect: 100-continue either.
        return kBaseline | C::ListBucketsPaging | C::Lifecycle | C::Cors | C::StorageClassIA
            | C::ConditionalWrites | C::R2ManagedDomain | C::CustomDomains | C::MultipartEqualParts
            | C::CopyMetadataMerge | C::CreateBucketIfMissing | C::LocationHints
            | C::ChecksumCrc64Nvme | C::BucketEncryptionConfig | C::ServerSideEncryptionC;
    case Provider::AwsS3:
        return kBaseline | C::Acls | C::BucketPolicy | C::PublicAccessBlock | C::Versioning
            | C::ObjectTagging | C::BucketTagging | C::ObjectLock | C::Website | C::Lifecycle | C::Cors
            | C::StorageClassIA | C::ConditionalWrites | C::PresignedPost | C::Expect100Continue
            | C::ChecksumCrc64Nvme | C::BucketEncryptionConfig | C::ServerSideEncryptionC;
    case Provider::BackblazeB2:
        // Canned bucket ACLs only; lifecycle rules live in B2's own API, not over S3.
        return kBaseline | C::Acls | C::Versioning | C::ObjectLock | C::Cors | C::Expect100Continue
            | C::BucketEncryptionConfig | C::ServerSideEncryptionC;
    case Provider::Wasabi:
        return kBaseline | C::Acls | C::BucketPolicy | C::Versioning | C::ObjectTagging
            | C::BucketTagging | C::ObjectLock | C::Cors | C::Expect100Continue
            | C::ServerSideEncryptionC;
    case Provider::MinIO:
        return kBaseline | C::BucketPolicy | C::Versioning | C::ObjectTagging | C::BucketTagging
            | C::ObjectLock | C::Lifecycle | C::ConditionalWrites | C::PresignedPost
            | C::Expect100Continue | C::BucketEncryptionConfig | C::ServerSideEncryptionC;
    case Provider::CephRgw:
        return kBaseline | C::Acls | C::BucketPolicy | C::PublicAccessBlock | C::Versioning
            | C::ObjectTagging | C::BucketTagging | C::ObjectLock | C::Website | C::Lifecycle | C::Cors
            | C::PresignedPost | C::Expect100Continue | C::BucketEncryptionConfig
            | C::ServerSideEncryptionC;
    case Provider::Garage:
        return kBaseline | C::Website | C::Lifecycle | C::Cors | C::PresignedPost
            | C::Expect100Continue | C::ServerSideEncryptionC;
    case Provider::CofferLocal:
        // The embedded server follows R2's surface (it is R2's stand-in for offline work
        // and tests), plus 100-continue, which SDK clients send it.
        return kBaseline | C::Cors | C::ConditionalWrites | C::MultipartEqualParts
            | C::ChecksumCrc64Nvme | C::Expect100Continue;
    case Provider::Custom:
        // Unknown store: offer the common configuration panels and let a 501 hide them.
        return kBaseline | C::Acls | C::BucketPolicy | C::Versioning | C::ObjectTagging
            | C::BucketTagging | C::Lifecycle | C::Cors | C::Expect100Continue;
    }
    return kBaseline;
}

struct ProviderInfo {
    Provider provider;
    const char *id;
    const char *displayName;
};

constexpr std::array<ProviderInfo, 9> kProviders{{
    {Provider::CloudflareR2, "r2", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Cloudflare R2")},
    {Provider::AwsS3, "aws", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Amazon S3")},
    {Provider::BackblazeB2, "b2", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Backblaze B2")},
    {Provider::Wasabi, "wasabi", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Wasabi")},
    {Provider::MinIO, "minio", QT_TRANSLATE_NOOP("coffer::s3::Provider", "MinIO")},
    {Provider::CephRgw, "ceph", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Ceph Object Gateway")},
    {Provider::Garage, "garage", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Garage")},
    {Provider::CofferLocal, "coffer-local", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Coffer local server")},
    {Provider::Custom, "custom", QT_TRANSLATE_NOOP("coffer::s3::Provider", "Other S3-compatible store")},
}};

const ProviderInfo &info(Provider provider)
{
    return kProviders[static_cast<std::size_t>(provider)];
}

bool isRegionName(const QString &region)
{
    if (region.isEmpty() || region.size() > 64 || region.front() == u'-' || region.back() == u'-')
        return false;
    for (QChar c : region) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'))
            return false;
    }
    return true;
}

} // namespace

QList<Provider> allProviders()
{
    QList<Provider> all;
    for (const auto &entry : kProviders)
        all.append(entry.provider);
    return all;
}

QString providerDisplayName(Provider provider)
{
    return tr(info(provider).displayName);
}

QByteArray providerId(Provider provider)
{
    return QByteArray(info(provider).id);
}

std::optional<Provider> providerFromId(QByteArrayView id)
{
    for (const auto &entry : kProviders) {
        if (id.compare(QByteArrayView(entry.id), Qt::CaseInsensitive) == 0)
            return entry.provider;
    }
    return std::nullopt;
}

Capabilities providerCapabilities(Provider provider)
{
    return capabilitiesOf(provider);
}

ProviderDefaults providerDefaults(Provider provider)
{
    ProviderDefaults defaults;
    switch (provider) {
    case Provider::CloudflareR2:
        // Path-style keeps every bucket on the one account host (one TLS connection pool,
        // no per-bucket DNS lookups); R2 serves both styles alike.
        defaults.addressing = AddressingStyle::PathStyle;
        defaults.region = u"auto"_s;
        defaults.endpointFromAccount = true;
        break;
    case Provider::AwsS3:
        // AWS deprecates path-style for new buckets.
        defaults.addressing = AddressingStyle::VirtualHosted;
        defaults.region = u"us-east-1"_s;
        defaults.endpointFromRegion = true;
        break;
    case Provider::BackblazeB2:
        defaults.addressing = AddressingStyle::VirtualHosted;
        defaults.endpointFromRegion = true; // no default region: it is per account
        break;
    case Provider::Wasabi:
        defaults.addressing = AddressingStyle::VirtualHosted;
        defaults.region = u"us-east-1"_s;
        defaults.endpointFromRegion = true;
        break;
    case Provider::Garage:
        // Garage's own default region name (s3_region in garage.toml).
        defaults.addressing = AddressingStyle::PathStyle;
        defaults.region = u"garage"_s;
        defaults.userEndpoint = true;
        break;
    case Provider::MinIO:
    case Provider::CephRgw:
    case Provider::Custom:
        // Self-hosted stores rarely have wildcard DNS for bucket subdomains.
        defaults.addressing = AddressingStyle::PathStyle;
        defaults.region = u"us-east-1"_s;
        defaults.userEndpoint = true;
        break;
    case Provider::CofferLocal:
        defaults.addressing = AddressingStyle::PathStyle;
        defaults.region = u"us-east-1"_s;
        break;
    }
    return defaults;
}

std::optional<QString> normalizeRegion(Provider provider, const QString &region, ProviderError *error)
{
    using Code = ProviderError::Code;
    if (provider == Provider::CloudflareR2) {
        if (region.isEmpty() || region == u"auto" || region == u"us-east-1")
            return u"auto"_s;
        return fail<QString>(error, Code::BadRegion,
                             tr("Cloudflare R2 does not accept the region “%1”. Use “auto”; choose "
                                "where a bucket lives with a location hint when creating it.")
                                 .arg(region));
    }
    if (region.isEmpty()) {
        const QString fallback = providerDefaults(provider).region;
        if (fallback.isEmpty()) {
            return fail<QString>(error, Code::BadRegion,
                                 tr("%1 needs a region. Copy it from the bucket’s S3 endpoint, such "
                                    "as “us-west-004” in s3.us-west-004.backblazeb2.com.")
                                     .arg(providerDisplayName(provider)));
        }
        return fallback;
    }
    if (!isRegionName(region)) {
        return fail<QString>(error, Code::BadRegion,
                             tr("“%1” is not a region name. Region names use lowercase letters, "
                                "digits and hyphens, such as “eu-central-1”.")
                                 .arg(region));
    }
    return region;
}

std::optional<Endpoint> regionalEndpoint(Provider provider, const QString &region, ProviderError *error)
{
    const char *domain = nullptr;
    switch (provider) {
    case Provider::AwsS3:
        domain = "amazonaws.com";
        break;
    case Provider::BackblazeB2:
        domain = "backblazeb2.com";
        break;
    case Provider::Wasabi:
        domain = "wasabisys.com";
        break;
    default:
        return fail<Endpoint>(error, ProviderError::Code::NeedsUserEndpoint,
                              tr("%1 has no endpoint derived from a region. Enter the endpoint URL "
                                 "(for Cloudflare R2, the account id).")
                                  .arg(providerDisplayName(provider)));
    }
    const std::optional<QString> normalized = normalizeRegion(provider, region, error);
    if (!normalized)
        return std::nullopt;
    Endpoint endpoint;
    endpoint.scheme = u"https"_s;
    endpoint.host = u"s3."_s + *normalized + u'.' + QLatin1StringView(domain);
    return endpoint;
}

QByteArray r2JurisdictionName(R2Jurisdiction jurisdiction)
{
    switch (jurisdiction) {
    case R2Jurisdiction::Eu:
        return "eu";
    case R2Jurisdiction::FedRamp:
        return "fedramp";
    case R2Jurisdiction::Default:
        break;
    }
    return "default";
}

std::optional<R2Jurisdiction> r2JurisdictionFromName(QByteArrayView name)
{
    for (R2Jurisdiction jurisdiction : {R2Jurisdiction::Default, R2Jurisdiction::Eu, R2Jurisdiction::FedRamp}) {
        if (name.compare(r2JurisdictionName(jurisdiction), Qt::CaseInsensitive) == 0)
            return jurisdiction;
    }
    return std::nullopt;
}

std::optional<ProviderError> validateR2AccountId(const QString &accountId)
{
    const auto error = [](QString message) {
        return std::optional(ProviderError{ProviderError::Code::BadAccountId, std::move(message)});
    };
    if (accountId.isEmpty()) {
        return error(tr("No Cloudflare account id was given. Copy the 32-character id from the "
                        "R2 overview page of the Cloudflare dashboard."));
    }
    for (QChar c : accountId) {
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!hex) {
            return error(tr("The Cloudflare account id “%1” contains “%2”, which is not a hexadecimal "
                            "digit. Copy the 32-character id (0-9, a-f) from the R2 overview page.")
                             .arg(accountId, c));
        }
    }
    if (accountId.size() != 32) {
        return error(tr("The Cloudflare account id “%1” has %L2 characters; an account id has 32. "
                        "Copy it again from the R2 overview page.")
                         .arg(accountId)
                         .arg(accountId.size()));
    }
    return std::nullopt;
}

std::optional<Endpoint> r2Endpoint(const QString &accountId, R2Jurisdiction jurisdiction, ProviderError *error)
{
    if (const auto invalid = validateR2AccountId(accountId)) {
        if (error)
            *error = *invalid;
        return std::nullopt;
    }
    Endpoint endpoint;
    endpoint.scheme = u"https"_s;
    endpoint.host = accountId.toLower();
    if (jurisdiction != R2Jurisdiction::Default)
        endpoint.host += u'.' + QString::fromLatin1(r2JurisdictionName(jurisdiction));
    endpoint.host += u".r2.cloudflarestorage.com"_s;
    return endpoint;
}

QStringList r2LocationHints()
{
    return {u"wnam"_s, u"enam"_s, u"weur"_s, u"eeur"_s, u"apac"_s, u"oc"_s};
}

bool isR2LocationHint(const QString &hint)
{
    return r2LocationHints().contains(hint);
}

std::optional<Endpoint> cofferLocalEndpoint(int port, ProviderError *error)
{
    if (port < 1 || port > 65535) {
        return fail<Endpoint>(error, ProviderError::Code::BadPort,
                              tr("The local server port %1 is not a port number. Use a number from "
                                 "1 to 65535.")
                                  .arg(port));
    }
    Endpoint endpoint;
    endpoint.scheme = u"http"_s;
    endpoint.host = u"127.0.0.1"_s;
    endpoint.port = port == 80 ? -1 : port;
    return endpoint;
}

} // namespace coffer::s3
