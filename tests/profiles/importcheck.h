#pragma once
// Shared by the importer tests: writing fixture files and describing an imported profile
// in one comparable line.

#include "profiles/importresult.h"

#include <QFile>
#include <QString>

namespace coffer::profiles::test {

inline bool writeFile(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(text.toUtf8()) == text.toUtf8().size();
}

// "provider|endpoint|region|addressing|accessKeyId|secret|token|r2 account|jurisdiction"
inline QString describe(const ImportedProfile &imported)
{
    const Profile &p = imported.profile;
    const bool r2 = p.provider == s3::Provider::CloudflareR2;
    return QStringList{QString::fromLatin1(s3::providerId(p.provider)),
                       p.endpointUrl,
                       p.region,
                       p.addressing == s3::AddressingStyle::PathStyle ? QStringLiteral("path")
                                                                      : QStringLiteral("virtual"),
                       p.accessKeyId,
                       QString::fromUtf8(imported.secretAccessKey),
                       QString::fromUtf8(imported.sessionToken),
                       r2 ? p.r2AccountId : QString(),
                       r2 ? QString::fromLatin1(s3::r2JurisdictionName(p.r2Jurisdiction)) : QString()}
        .join(u'|');
}

inline QStringList sourceNames(const ImportResult &result)
{
    QStringList names;
    for (const ImportedProfile &imported : result.profiles)
        names << imported.sourceName;
    return names;
}

// "file:line" for each error, the file by its last path component.
inline QStringList errorPlaces(const ImportResult &result)
{
    QStringList places;
    for (const ImportError &error : result.errors)
        places << error.file.section(u'/', -1) + u':' + QString::number(error.line);
    return places;
}

} // namespace coffer::profiles::test
