#pragma once
// The INI dialect shared by ~/.aws/credentials, ~/.aws/config and rclone.conf:
// [section] headers, "key = value" lines, whole-line comments starting with '#' or ';',
// and AWS's nested sub-keys (indented "key = value" lines under a key with no value,
// as in "s3 =\n  addressing_style = path"), stored as "s3.addressing_style".
// Every line is numbered so that a problem can be reported where it is.

#include "profiles/importerror.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace coffer::profiles {

struct IniEntry {
    QString key; // lowercased; "parent.child" for a nested sub-key
    QString value;
    int line = 0;
};

struct IniSection {
    QString name; // as written between the brackets, trimmed
    int line = 0;
    QList<IniEntry> entries;

    // The last value given for key (later lines win, as in the AWS tools).
    std::optional<QString> value(QStringView key) const;
    QString valueOr(QStringView key, const QString &fallback = {}) const;
};

struct IniDocument {
    QList<IniSection> sections;
    QList<ImportError> errors; // malformed lines, skipped; everything else is kept
};

// Parses text; shownFile names the file in error sentences.
IniDocument parseIni(QStringView text, const QString &shownFile);

// Reads and parses the file at path. A missing or unreadable file gives one error.
IniDocument readIniFile(const QString &path);

} // namespace coffer::profiles
