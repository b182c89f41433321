#include "profiles/rcloneconfig.h"

#include "profiles/foreignconnection.h"
#include "profiles/inifile.h"

#include <QFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

namespace {

// rclone's provider names, compared case-insensitively. Unknown names import as Custom.
std::optional<s3::Provider> providerFromRclone(const QString &name)
{
    const QString n = name.toLower();
    if (n == u"cloudflare")
        return s3::Provider::CloudflareR2;
    if (n == u"aws")
        return s3::Provider::AwsS3;
    if (n == u"minio")
        return s3::Provider::MinIO;
    if (n == u"ceph")
        return s3::Provider::CephRgw;
    if (n == u"wasabi")
        return s3::Provider::Wasabi;
    if (n.isEmpty())
        return s3::Provider::AwsS3; // rclone's default provider
    return s3::Provider::Custom;
}

std::optional<bool> parseBool(const QString &value)
{
    const QString v = value.toLower();
    if (v == u"true" || v == u"1" || v == u"yes")
        return true;
    if (v == u"false" || v == u"0" || v == u"no")
        return false;
    return std::nullopt;
}

int lineOf(const IniSection &section, QStringView key)
{
    for (auto it = section.entries.crbegin(); it != section.entries.crend(); ++it) {
        if (it->key == key)
            return it->line;
    }
    return section.line;
}

void importRemote(const IniSection &remote, const QString &file, ImportResult &result)
{
    const QString who = u"rclone remote \"%1\""_s.arg(remote.name);
    const QString type = remote.valueOr(u"type");
    if (type != u"s3") {
        result.notes.append(u"%1 skipped: its type is \"%2\", not s3."_s.arg(who, type));
        return;
    }
    const QString keyId = remote.valueOr(u"access_key_id");
    if (keyId.isEmpty()) {
        result.notes.append(u"%1 skipped: it has no access_key_id (it may take its keys from the "
                            "environment with env_auth). Add the keys by hand."_s.arg(who));
        return;
    }

    ForeignConnection connection;
    connection.providerHint = providerFromRclone(remote.valueOr(u"provider"));
    connection.region = remote.valueOr(u"region");
    connection.endpointUrl = remote.valueOr(u"endpoint");
    // rclone accepts an endpoint without a scheme and then uses https.
    if (!connection.endpointUrl.isEmpty() && !connection.endpointUrl.contains(u"://"))
        connection.endpointUrl.prepend(u"https://"_s);
    if (const auto style = remote.value(u"force_path_style")) {
        if (const auto path = parseBool(*style)) {
            connection.addressing = *path ? s3::AddressingStyle::PathStyle
                                          : s3::AddressingStyle::VirtualHosted;
        } else {
            result.errors.append(ImportError{
                file, lineOf(remote, u"force_path_style"),
                u"force_path_style = %1 is not true or false. The provider's default addressing "
                "is used for %2."_s.arg(*style, who)});
        }
    }

    ImportedProfile imported;
    imported.profile.id = QUuid::createUuid();
    imported.profile.name = remote.name;
    imported.profile.accessKeyId = keyId;
    imported.sourceName = remote.name;
    imported.source = file;
    if (auto error = applyForeignConnection(imported.profile, connection, who, result.notes)) {
        const int line = remote.value(u"endpoint") ? lineOf(remote, u"endpoint")
                                                   : lineOf(remote, u"region");
        result.errors.append(ImportError{file, line, who % u" was not imported: "_s % *error});
        return;
    }
    if (const QString secret = remote.valueOr(u"secret_access_key"); !secret.isEmpty()) {
        imported.secretAccessKey = secret.toUtf8();
        imported.profile.secrets |= SecretKind::SecretAccessKey;
    } else {
        result.notes.append(u"%1 has no secret_access_key; enter the secret after importing."_s.arg(who));
    }
    if (const QString token = remote.valueOr(u"session_token"); !token.isEmpty()) {
        imported.sessionToken = token.toUtf8();
        imported.profile.secrets |= SecretKind::SessionToken;
    }
    result.profiles.append(imported);
}

} // namespace

namespace {

// rclone can encrypt its whole config with a password: a marker line, then base64.
int encryptionMarkerLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        if (file.readLine().trimmed().startsWith("RCLONE_ENCRYPT_V"))
            return lineNo;
    }
    return 0;
}

} // namespace

ImportResult importRcloneConfig(const QString &path)
{
    ImportResult result;
    const QString file = displayPath(path);
    if (const int line = encryptionMarkerLine(path); line > 0) {
        result.errors.append(ImportError{
            file, line,
            u"the rclone configuration is encrypted with a password, so Coffer cannot read it. "
            "Export the remote's keys with \"rclone config show\" into a plain file and import "
            "that, or add the connection by hand."_s});
        return result;
    }
    const IniDocument doc = readIniFile(path);
    result.errors = doc.errors;
    for (const IniSection &remote : doc.sections)
        importRemote(remote, file, result);
    return result;
}

} // namespace coffer::profiles
