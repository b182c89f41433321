#pragma once
// The stores Coffer knows by name: their display names, default region and endpoint
// rules, addressing defaults, and a capability table of what each one implements, so the
// UI hides panels a store does not support instead of failing on them.

#include "endpoint.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::s3 {

enum class Provider { CloudflareR2, AwsS3, BackblazeB2, Wasabi, MinIO, CephRgw, Garage, CofferLocal, Custom };

QList<Provider> allProviders();
QString providerDisplayName(Provider provider); // "Cloudflare R2", "Amazon S3", ...
// A stable lowercase id for settings files: "r2", "aws", "b2", "wasabi", "minio", "ceph",
// "garage", "coffer-local", "custom".
QByteArray providerId(Provider provider);
std::optional<Provider> providerFromId(QByteArrayView id);

enum class Capability : quint32 {
    ListBucketsPaging = 1u << 0,     // ListBuckets paged with R2's cf-max-keys/cf-continuation-token headers
    Acls = 1u << 1,                  // bucket/object ACLs, x-amz-acl and grant headers
    BucketPolicy = 1u << 2,
    PublicAccessBlock = 1u << 3,
    Versioning = 1u << 4,            // versioning config and ListObjectVersions
    ObjectTagging = 1u << 5,
    BucketTagging = 1u << 6,
    ObjectLock = 1u << 7,
    Website = 1u << 8,
    Lifecycle = 1u << 9,
    Cors = 1u << 10,
    StorageClassIA = 1u << 11,       // an infrequent-access storage class (STANDARD_IA)
    ConditionalWrites = 1u << 12,    // If-None-Match: * / If-Match on PutObject
    R2ManagedDomain = 1u << 13,      // r2.dev public URL (Cloudflare REST API)
    CustomDomains = 1u << 14,        // custom domains (Cloudflare REST API)
    PresignedPost = 1u << 15,        // browser POST uploads with a signed policy
    PresignedUrls = 1u << 16,
    MultipartUpload = 1u << 17,
    MultipartEqualParts = 1u << 18,  // all non-trailing parts must have the same size (R2)
    CopyMetadataMerge = 1u << 19,    // CopyObject x-amz-metadata-directive: MERGE (R2)
    CreateBucketIfMissing = 1u << 20, // cf-create-bucket-if-missing on PutObject (R2)
    LocationHints = 1u << 21,        // CreateBucket takes R2 location hints
    Expect100Continue = 1u << 22,    // tolerates Expect: 100-continue
    ChecksumCrc64Nvme = 1u << 23,    // x-amz-checksum-crc64nvme
    BucketEncryptionConfig = 1u << 24, // GetBucketEncryption answers
    ServerSideEncryptionC = 1u << 25, // SSE-C
};
Q_DECLARE_FLAGS(Capabilities, Capability)

Capabilities providerCapabilities(Provider provider);
inline bool providerSupports(Provider provider, Capability capability)
{
    return providerCapabilities(provider).testFlag(capability);
}

// How a connection to the provider is set up by default.
struct ProviderDefaults {
    AddressingStyle addressing = AddressingStyle::VirtualHosted;
    QString region;            // the region to use when the user gives none
    bool endpointFromRegion = false; // endpoint derived from region (AWS, B2, Wasabi)
    bool endpointFromAccount = false; // endpoint derived from account id (R2)
    bool userEndpoint = false;        // the user types the URL (MinIO, Ceph, Garage, Custom)
};
ProviderDefaults providerDefaults(Provider provider);

struct ProviderError {
    enum class Code {
        BadAccountId,    // R2 account id is not 32 hex characters
        BadRegion,       // region not accepted by the provider / not a region name
        BadPort,         // CofferLocal port 0
        NeedsUserEndpoint, // the provider has no derived endpoint
    };
    Code code = Code::BadRegion;
    QString message; // a sentence: what is wrong and what to do
};

// The region to sign with. R2: "auto", with "" and "us-east-1" accepted as aliases (all
// give "auto"), anything else is an error. Others: region names are lowercase letters,
// digits and hyphens; empty gives the provider's default region (ProviderDefaults), and
// is an error where there is none (Backblaze B2: the region is part of each account's
// endpoint, e.g. "us-west-004").
std::optional<QString> normalizeRegion(Provider provider, const QString &region,
                                       ProviderError *error = nullptr);

// The endpoint derived from a region: AWS "https://s3.<region>.amazonaws.com",
// B2 "https://s3.<region>.backblazeb2.com", Wasabi "https://s3.<region>.wasabisys.com".
// std::nullopt (Code::NeedsUserEndpoint / BadRegion) for other providers or a bad region.
std::optional<Endpoint> regionalEndpoint(Provider provider, const QString &region,
                                         ProviderError *error = nullptr);

// --- Cloudflare R2 ---
enum class R2Jurisdiction { Default, Eu, FedRamp };
QByteArray r2JurisdictionName(R2Jurisdiction jurisdiction); // "default", "eu", "fedramp"
std::optional<R2Jurisdiction> r2JurisdictionFromName(QByteArrayView name); // case-insensitive

// An account id is 32 hexadecimal characters (as in the dashboard URL). Surrounding
// spaces are not trimmed here; the caller decides.
std::optional<ProviderError> validateR2AccountId(const QString &accountId);
// https://<id>.r2.cloudflarestorage.com, https://<id>.eu.r2.cloudflarestorage.com,
// https://<id>.fedramp.r2.cloudflarestorage.com (account id lowercased).
std::optional<Endpoint> r2Endpoint(const QString &accountId, R2Jurisdiction jurisdiction,
                                   ProviderError *error = nullptr);
// CreateBucket LocationConstraint hints: wnam, enam, weur, eeur, apac, oc.
QStringList r2LocationHints();
bool isR2LocationHint(const QString &hint);

// --- Coffer's own embedded server ---
// http://127.0.0.1:<port>, addressed path-style. port must be 1-65535.
std::optional<Endpoint> cofferLocalEndpoint(int port, ProviderError *error = nullptr);

} // namespace coffer::s3

Q_DECLARE_OPERATORS_FOR_FLAGS(coffer::s3::Capabilities)
