#include "profiles/awsenvironment.h"

#include "profiles/awsfiles.h"
#include "profiles/foreignconnection.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

// The file a variable names, or the default under $HOME when it exists.
QString sharedFile(const QProcessEnvironment &env, const QString &variable, const QString &fallback)
{
    const QString named = env.value(variable);
    if (!named.isEmpty()) {
        if (named.startsWith(u"~/"))
            return env.value(u"HOME"_s, QDir::homePath()) % named.mid(1);
        return named;
    }
    const QString home = env.value(u"HOME"_s);
    if (home.isEmpty())
        return {};
    const QString path = home % u"/.aws/"_s % fallback;
    return QFileInfo::exists(path) ? path : QString();
}

QString firstSet(const QProcessEnvironment &env, std::initializer_list<QString> names)
{
    for (const QString &name : names) {
        const QString value = env.value(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

// The connection of the profile the AWS tools would use, with the variables on top.
ForeignConnection overriddenConnection(const Profile *base, const QString &endpoint,
                                       const QString &region)
{
    ForeignConnection c;
    if (base) {
        c.endpointUrl = base->endpointUrl;
        c.region = base->region;
        c.addressing = base->addressing;
        // An endpoint derived from the region follows a new region instead of pinning
        // the old one.
        const auto derived = s3::regionalEndpoint(base->provider, base->region);
        if (derived && derived->toString() == base->endpointUrl) {
            c.endpointUrl.clear();
            c.providerHint = base->provider;
        }
    }
    if (!endpoint.isEmpty()) {
        // Another store: its own addressing default applies, not the old store's.
        c.endpointUrl = endpoint;
        c.providerHint.reset();
        c.addressing.reset();
    }
    if (!region.isEmpty())
        c.region = region;
    return c;
}

} // namespace

ImportResult importAwsEnvironment(const QProcessEnvironment &env)
{
    ImportResult result = importAwsFiles(
        sharedFile(env, u"AWS_SHARED_CREDENTIALS_FILE"_s, u"credentials"_s),
        sharedFile(env, u"AWS_CONFIG_FILE"_s, u"config"_s));

    const QString profileName = firstSet(env, {u"AWS_PROFILE"_s});
    result.defaultIndex = result.indexOf(profileName.isEmpty() ? u"default"_s : profileName);
    if (!profileName.isEmpty() && result.defaultIndex < 0) {
        result.notes.append(u"AWS_PROFILE is \"%1\", but no profile of that name was imported from "
                            "the AWS files; no profile was made the default."_s.arg(profileName));
    }

    const QString endpoint = firstSet(env, {u"AWS_ENDPOINT_URL_S3"_s, u"AWS_ENDPOINT_URL"_s});
    const QString region = firstSet(env, {u"AWS_REGION"_s, u"AWS_DEFAULT_REGION"_s});
    const QString keyId = firstSet(env, {u"AWS_ACCESS_KEY_ID"_s});
    const QString secret = firstSet(env, {u"AWS_SECRET_ACCESS_KEY"_s});
    const Profile *base = result.defaultIndex >= 0 ? &result.profiles.at(result.defaultIndex).profile
                                                   : nullptr;
    const QString who = u"The AWS_* environment"_s;

    if (!keyId.isEmpty()) {
        // Keys in the environment win over every profile, as in the AWS tools.
        ImportedProfile imported;
        imported.profile.id = QUuid::createUuid();
        imported.profile.name = kEnvironmentProfileName.toString();
        imported.profile.accessKeyId = keyId;
        imported.sourceName = imported.profile.name;
        imported.source = u"environment"_s;
        if (auto error = applyForeignConnection(imported.profile, overriddenConnection(base, endpoint, region),
                                                who, result.notes)) {
            result.errors.append(ImportError{u"environment"_s, 0,
                                             who % u" was not imported: "_s % *error});
            return result;
        }
        if (!secret.isEmpty()) {
            imported.secretAccessKey = secret.toUtf8();
            imported.profile.secrets |= SecretKind::SecretAccessKey;
        } else {
            result.notes.append(u"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; enter "
                                "the secret after importing."_s);
        }
        if (const QString token = firstSet(env, {u"AWS_SESSION_TOKEN"_s}); !token.isEmpty()) {
            imported.sessionToken = token.toUtf8();
            imported.profile.secrets |= SecretKind::SessionToken;
        }
        result.profiles.append(imported);
        result.defaultIndex = static_cast<int>(result.profiles.size() - 1);
        return result;
    }

    if (base && (!endpoint.isEmpty() || !region.isEmpty())) {
        // The variables change where the chosen profile connects, as they would for the CLI.
        Profile changed = *base;
        changed.r2AccountId.clear();
        changed.r2Jurisdiction = s3::R2Jurisdiction::Default;
        if (auto error = applyForeignConnection(changed, overriddenConnection(base, endpoint, region),
                                                who, result.notes)) {
            result.errors.append(ImportError{u"environment"_s, 0,
                                             who % u" could not be applied: "_s % *error});
        } else {
            result.profiles[result.defaultIndex].profile = changed;
        }
    }
    return result;
}

} // namespace coffer::profiles
