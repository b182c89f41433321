#include "profiles/awsfiles.h"

#include "profiles/foreignconnection.h"
#include "profiles/inifile.h"

#include <QHash>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

// One value found for a profile, and where, so a problem with it can name the line.
struct Located {
    QString value;
    QString file;
    int line = 0;
    bool found() const { return line > 0; }
};

struct Sources {
    const IniSection *credentials = nullptr;
    const IniSection *config = nullptr;
    const IniSection *services = nullptr; // the [services x] block the profile names
    QString credentialsFile;
    QString configFile;
};

Located find(const IniSection *section, const QString &file, QStringView key)
{
    if (!section)
        return {};
    for (auto it = section->entries.crbegin(); it != section->entries.crend(); ++it) {
        if (it->key == key)
            return {it->value, file, it->line};
    }
    return {};
}

// The first source, in order of precedence, that has the key.
Located first(std::initializer_list<Located> candidates)
{
    for (const Located &c : candidates) {
        if (c.found())
            return c;
    }
    return {};
}

std::optional<QString> profileNameInConfig(const QString &section)
{
    if (section == u"default")
        return section;
    if (section.startsWith(u"profile ") || section.startsWith(u"profile\t"))
        return section.mid(8).trimmed();
    return std::nullopt;
}

void importOne(const QString &name, const Sources &s, ImportResult &result)
{
    const QString who = u"AWS profile \"%1\""_s.arg(name);
    const Located keyId = first({find(s.credentials, s.credentialsFile, u"aws_access_key_id"),
                                 find(s.config, s.configFile, u"aws_access_key_id")});
    if (!keyId.found() || keyId.value.isEmpty()) {
        const bool indirect = find(s.config, s.configFile, u"sso_session").found()
            || find(s.config, s.configFile, u"sso_start_url").found()
            || find(s.config, s.configFile, u"role_arn").found()
            || find(s.config, s.configFile, u"credential_process").found();
        result.notes.append(indirect
            ? u"%1 skipped: it gets its keys through SSO, a role or a credential process, and "
              "Coffer needs a static access key pair. Create an access key and add it by hand."_s.arg(who)
            : u"%1 skipped: it has no aws_access_key_id."_s.arg(who));
        return;
    }
    const Located secret = first({find(s.credentials, s.credentialsFile, u"aws_secret_access_key"),
                                  find(s.config, s.configFile, u"aws_secret_access_key")});
    const Located token = first({find(s.credentials, s.credentialsFile, u"aws_session_token"),
                                 find(s.config, s.configFile, u"aws_session_token")});
    const Located region = first({find(s.config, s.configFile, u"region"),
                                  find(s.credentials, s.credentialsFile, u"region")});
    const Located endpoint = first({find(s.services, s.configFile, u"s3.endpoint_url"),
                                    find(s.config, s.configFile, u"s3.endpoint_url"),
                                    find(s.config, s.configFile, u"endpoint_url"),
                                    find(s.credentials, s.credentialsFile, u"endpoint_url")});
    const Located style = first({find(s.services, s.configFile, u"s3.addressing_style"),
                                 find(s.config, s.configFile, u"s3.addressing_style")});

    ForeignConnection connection{endpoint.value, region.value, std::nullopt, std::nullopt};
    if (style.value == u"path") {
        connection.addressing = s3::AddressingStyle::PathStyle;
    } else if (style.value == u"virtual") {
        connection.addressing = s3::AddressingStyle::VirtualHosted;
    } else if (style.found() && style.value != u"auto") {
        result.errors.append(ImportError{
            style.file, style.line,
            u"addressing_style \"%1\" is not path, virtual or auto. The provider's default "
            "addressing is used for %2."_s.arg(style.value, who)});
    }

    ImportedProfile imported;
    imported.profile.id = QUuid::createUuid();
    imported.profile.name = name;
    imported.profile.accessKeyId = keyId.value;
    imported.sourceName = name;
    imported.source = keyId.file;
    if (auto error = applyForeignConnection(imported.profile, connection, who, result.notes)) {
        const Located &where = endpoint.found() ? endpoint : region.found() ? region : keyId;
        result.errors.append(ImportError{where.file, where.line,
                                         who % u" was not imported: "_s % *error});
        return;
    }
    if (!secret.value.isEmpty()) {
        imported.secretAccessKey = secret.value.toUtf8();
        imported.profile.secrets |= SecretKind::SecretAccessKey;
    } else {
        result.notes.append(u"%1 has no aws_secret_access_key; enter the secret after importing."_s.arg(who));
    }
    if (!token.value.isEmpty()) {
        imported.sessionToken = token.value.toUtf8();
        imported.profile.secrets |= SecretKind::SessionToken;
    }
    result.profiles.append(imported);
}

} // namespace

ImportResult importAwsFiles(const QString &credentialsPath, const QString &configPath)
{
    ImportResult result;
    const IniDocument credentials = credentialsPath.isEmpty() ? IniDocument{} : readIniFile(credentialsPath);
    const IniDocument config = configPath.isEmpty() ? IniDocument{} : readIniFile(configPath);
    result.errors << credentials.errors << config.errors;

    const QString credentialsFile = displayPath(credentialsPath);
    const QString configFile = displayPath(configPath);

    // Names in the order a person sees them: credentials first, then config-only ones.
    QStringList names;
    QHash<QString, const IniSection *> inCredentials;
    QHash<QString, const IniSection *> inConfig;
    QHash<QString, const IniSection *> services;
    for (const IniSection &section : credentials.sections) {
        if (!inCredentials.contains(section.name))
            names.append(section.name);
        inCredentials.insert(section.name, &section);
    }
    for (const IniSection &section : config.sections) {
        if (section.name.startsWith(u"services ")) {
            services.insert(section.name.mid(9).trimmed(), &section);
        } else if (section.name.startsWith(u"sso-session ")) {
            continue; // read through the profiles that name it
        } else if (const auto name = profileNameInConfig(section.name)) {
            if (!inCredentials.contains(*name) && !inConfig.contains(*name))
                names.append(*name);
            inConfig.insert(*name, &section);
        } else {
            result.notes.append(u"%1, line %2: section [%3] skipped: profiles in the config file "
                                "are written [profile %3]."_s
                                    .arg(configFile, QString::number(section.line), section.name));
        }
    }

    for (const QString &name : std::as_const(names)) {
        Sources sources{inCredentials.value(name), inConfig.value(name), nullptr,
                        credentialsFile, configFile};
        const Located servicesName = find(sources.config, configFile, u"services");
        if (servicesName.found()) {
            sources.services = services.value(servicesName.value);
            if (!sources.services) {
                result.errors.append(ImportError{
                    configFile, servicesName.line,
                    u"services = %1 names a [services %1] section that does not exist. "
                    "Add it or remove the line; the profile's own endpoint is used."_s
                        .arg(servicesName.value)});
            }
        }
        importOne(name, sources, result);
    }
    result.defaultIndex = result.indexOf(u"default"_s);
    return result;
}

} // namespace coffer::profiles
