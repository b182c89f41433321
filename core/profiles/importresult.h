#pragma once
// What an importer hands back: the profiles it could build, the secrets that came with
// them (for the caller to put into the SecretStore, never into settings), and every
// problem and note along the way. Importers never write anything.

#include "profiles/importerror.h"
#include "profiles/profile.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::profiles {

struct ImportedProfile {
    Profile profile;            // a fresh id; secrets says which of the fields below are set
    QString sourceName;         // the name in the source: AWS profile name, rclone remote
    QString source;             // where it came from, for a person: "~/.aws/credentials"
    QByteArray secretAccessKey; // secret: hand to SecretStore, never log or store elsewhere
    QByteArray sessionToken;    // secret, as above; empty when none
};

struct ImportResult {
    QList<ImportedProfile> profiles;
    QList<ImportError> errors; // malformed lines and unreadable files
    QStringList notes;         // things skipped on purpose, and why
    int defaultIndex = -1;     // the profile the source would use by default, or -1

    // Index of the profile imported under sourceName, or -1.
    int indexOf(const QString &sourceName) const;
};

} // namespace coffer::profiles
