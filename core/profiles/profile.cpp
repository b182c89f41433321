#include "profiles/profile.h"

#include "s3/endpoint/names.h"

using namespace Qt::StringLiterals;

namespace coffer::profiles {

QString secretKindId(SecretKind kind)
{
    switch (kind) {
    case SecretKind::SecretAccessKey:
        return u"secret-access-key"_s;
    case SecretKind::SessionToken:
        return u"session-token"_s;
    case SecretKind::CloudflareApiToken:
        return u"cloudflare-api-token"_s;
    }
    return {};
}

std::optional<SecretKind> secretKindFromId(QStringView id)
{
    for (SecretKind kind : {SecretKind::SecretAccessKey, SecretKind::SessionToken,
                            SecretKind::CloudflareApiToken}) {
        if (secretKindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

namespace {

void validateR2(const Profile &p, const std::optional<s3::Endpoint> &endpoint, QStringList &problems)
{
    if (auto error = s3::validateR2AccountId(p.r2AccountId)) {
        problems.append(error->message);
        return;
    }
    const auto expected = s3::r2Endpoint(p.r2AccountId, p.r2Jurisdiction);
    // A jurisdictional bucket is reachable only through its jurisdiction's endpoint, so a
    // mismatch would fail in confusing ways later.
    if (expected && endpoint && expected->host != endpoint->host) {
        problems.append(u"The endpoint %1 does not belong to account %2 in the \"%3\" jurisdiction "
                        "(expected %4). Choose the preset again to derive the endpoint."_s
                            .arg(endpoint->toString(), p.r2AccountId,
                                 QString::fromLatin1(s3::r2JurisdictionName(p.r2Jurisdiction)),
                                 expected->toString()));
    }
}

} // namespace

QStringList Profile::validate() const
{
    QStringList problems;
    if (id.isNull())
        problems.append(u"The profile has no id. Create it through the profile store, which assigns one."_s);
    if (name.trimmed().isEmpty())
        problems.append(u"The profile has no name. Give it a name to tell it apart from the others."_s);

    s3::EndpointError endpointError;
    const auto endpoint = s3::parseEndpoint(endpointUrl, &endpointError);
    if (!endpoint)
        problems.append(endpointError.message);

    s3::ProviderError regionError;
    if (!s3::normalizeRegion(provider, region, &regionError))
        problems.append(regionError.message);

    if (provider == s3::Provider::CloudflareR2)
        validateR2(*this, endpoint, problems);

    if (accessKeyId.trimmed().isEmpty()) {
        problems.append(provider == s3::Provider::CloudflareR2
                            ? u"The access key ID is empty. For R2, enter the API token's id "
                              "(Access Key ID in the dashboard)."_s
                            : u"The access key ID is empty. Enter the access key ID your "
                              "provider gave you."_s);
    }

    if (singleBucket && defaultBucket.isEmpty()) {
        problems.append(u"Single-bucket mode needs the bucket's name, because the token may not "
                        "list buckets. Enter the bucket the token was made for."_s);
    } else if (!defaultBucket.isEmpty()) {
        if (auto error = s3::validateBucketName(defaultBucket, provider))
            problems.append(error->message);
    }
    return problems;
}

} // namespace coffer::profiles
