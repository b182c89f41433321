#include "connection.h"

#include "profiles/awsenvironment.h"
#include "profiles/foreignconnection.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

// Applies --endpoint-url and --region the way the importers apply the AWS variables,
// so the provider (and R2's account) is recognised from the new endpoint.
std::optional<QString> applyFlags(
    profiles::Profile &profile, const ConnectionOptions &flags, QStringList &notes)
{
    if (!flags.endpointUrl.isEmpty() || !flags.region.isEmpty()) {
        profiles::ForeignConnection c;
        c.endpointUrl = flags.endpointUrl.isEmpty() ? profile.endpointUrl : flags.endpointUrl;
        c.region = flags.region.isEmpty() ? profile.region : flags.region;
        if (flags.endpointUrl.isEmpty())
            c.addressing = profile.addressing;
        if (c.endpointUrl.isEmpty())
            c.providerHint = profile.provider;
        if (auto error = profiles::applyForeignConnection(profile, c, u"The command line"_s, notes))
            return error;
    }
    if (flags.addressing)
        profile.addressing = *flags.addressing;
    return std::nullopt;
}

ConnectionResult finish(profiles::Profile profile, const QByteArray &secret, const QByteArray &token,
    const ConnectionOptions &flags, const QString &source, QStringList notes)
{
    ConnectionResult result;
    if (auto error = applyFlags(profile, flags, notes)) {
        result.error = *error;
        return result;
    }
    std::optional<s3::Endpoint> endpoint;
    s3::ProviderError providerError;
    if (!profile.endpointUrl.isEmpty()) {
        s3::EndpointError endpointError;
        endpoint = s3::parseEndpoint(profile.endpointUrl, &endpointError);
        if (!endpoint) {
            result.error = endpointError.message;
            return result;
        }
    } else if (profile.provider == s3::Provider::CloudflareR2) {
        endpoint = s3::r2Endpoint(profile.r2AccountId, profile.r2Jurisdiction, &providerError);
    } else {
        endpoint = s3::regionalEndpoint(profile.provider, profile.region, &providerError);
    }
    if (!endpoint) {
        result.error = providerError.message + u" Give the endpoint with --endpoint-url."_s;
        return result;
    }
    const auto region = s3::normalizeRegion(profile.provider, profile.region, &providerError);
    if (!region) {
        result.error = providerError.message;
        return result;
    }
    if (profile.accessKeyId.isEmpty() || secret.isEmpty()) {
        result.error = u"%1 has no %2. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the keys "
                       "to ~/.aws/credentials."_s.arg(source,
                           profile.accessKeyId.isEmpty() ? u"access key ID"_s : u"secret access key"_s);
        return result;
    }
    ResolvedConnection c;
    c.config.endpoint = *endpoint;
    c.config.addressing = profile.addressing;
    c.config.region = region->toUtf8();
    c.config.provider = profile.provider;
    c.config.credentials = { profile.accessKeyId.toUtf8(), secret, token };
    c.source = source;
    c.notes = notes;
    result.connection = c;
    return result;
}

} // namespace

ConnectionResult resolveAwsConnection(
    const ConnectionOptions &flags, const QString &awsProfile, const QProcessEnvironment &environment)
{
    QProcessEnvironment env = environment;
    if (!awsProfile.isEmpty()) {
        env.insert(u"AWS_PROFILE"_s, awsProfile);
        for (const QString &name :
            { u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_SESSION_TOKEN"_s })
            env.remove(name);
    }
    const profiles::ImportResult imported = profiles::importAwsEnvironment(env);
    QStringList notes;
    for (const profiles::ImportError &error : imported.errors)
        notes.append(error.sentence());
    ConnectionResult result;
    if (imported.defaultIndex < 0) {
        if (!awsProfile.isEmpty())
            result.error
                = u"No profile named “%1” was found, neither among Coffer's profiles nor in "
                  "~/.aws/credentials or ~/.aws/config. Check the name, or create the profile."_s.arg(
                      awsProfile);
        else
            result.error = u"No credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                           "write them to ~/.aws/credentials, or use --profile NAME."_s;
        if (!imported.errors.isEmpty())
            result.error += u" ("_s + notes.join(u' ') + u')';
        return result;
    }
    const profiles::ImportedProfile &chosen = imported.profiles.at(imported.defaultIndex);
    const QString source = chosen.source == u"environment"
        ? u"The AWS_* environment"_s
        : u"The ~/.aws profile “%1”"_s.arg(chosen.sourceName);
    return finish(chosen.profile, chosen.secretAccessKey, chosen.sessionToken, flags, source, notes);
}

ConnectionResult connectionFromProfile(const profiles::Profile &profile, const QByteArray &secretAccessKey,
    const QByteArray &sessionToken, const ConnectionOptions &flags)
{
    return finish(
        profile, secretAccessKey, sessionToken, flags, u"The Coffer profile “%1”"_s.arg(profile.name), {});
}

} // namespace coffer::cli
