#pragma once
// A connection profile: everything needed to reach a store except the secrets, which
// live only in the OS keychain (SecretStore) and are referred to here by kind.

#include "s3/endpoint/endpoint.h"
#include "s3/endpoint/provider.h"

#include <QFlags>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace coffer::profiles {

// The secrets a profile can have in the keychain.
enum class SecretKind : quint8 {
    SecretAccessKey = 1u << 0,
    SessionToken = 1u << 1,
    CloudflareApiToken = 1u << 2, // for the Cloudflare REST API (domains, CORS via REST)
};
Q_DECLARE_FLAGS(SecretKinds, SecretKind)

QString secretKindId(SecretKind kind); // "secret-access-key", "session-token", "cloudflare-api-token"
std::optional<SecretKind> secretKindFromId(QStringView id);

struct Profile {
    QUuid id;
    QString name;
    s3::Provider provider = s3::Provider::Custom;
    QString endpointUrl; // as s3::parseEndpoint() reads it
    QString region;
    s3::AddressingStyle addressing = s3::AddressingStyle::VirtualHosted;

    // Cloudflare R2: the endpoint is derived from these (see applyPreset()).
    QString r2AccountId;
    s3::R2Jurisdiction r2Jurisdiction = s3::R2Jurisdiction::Default;

    // Single-bucket mode, for tokens scoped to one bucket (R2 object-scoped tokens):
    // the client must then never list, create or probe buckets, only use defaultBucket.
    bool singleBucket = false;
    QString defaultBucket; // the bucket opened first; in single-bucket mode the only one

    QString accessKeyId;
    SecretKinds secrets; // which secrets the keychain holds for this profile

    // Problems that keep the profile from connecting, one sentence each (what is wrong
    // and what to do). Empty when the profile is usable.
    QStringList validate() const;
    bool canListBuckets() const { return !singleBucket; }

    friend bool operator==(const Profile &, const Profile &) = default;
};

} // namespace coffer::profiles

Q_DECLARE_OPERATORS_FOR_FLAGS(coffer::profiles::SecretKinds)
