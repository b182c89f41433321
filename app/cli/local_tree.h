#pragma once
// The files under a local folder, keyed by their path relative to it with "/" between
// folders (as keys use), and the reverse: a safe local path for a key.

#include <QDateTime>
#include <QMap>
#include <QString>

#include <optional>

namespace coffer::cli {

struct LocalFile {
    QString path; // absolute
    qint64 size = 0;
    QDateTime modified; // UTC
};

// Every regular file below folder (following no symlinked folders), by relative path.
// Unreadable entries are reported through *problems (one sentence each).
QMap<QString, LocalFile> listLocalTree(const QString &folder, QStringList *problems);

// Where the object with this relative key goes under folder. Keys that are not safe or
// not possible as paths — an empty segment ("a//b"), "." or "..", a leading "/", a
// trailing "/" (a folder marker) — give std::nullopt and *why says which: they are
// skipped with a warning rather than written somewhere unexpected.
std::optional<QString> localPathForKey(const QString &folder, const QString &relativeKey, QString *why);

// "prefix/" + relative, with exactly one "/" between (none when prefix is empty).
QString joinKey(const QString &prefix, const QString &relative);
// The prefix a recursive operation lists: with a trailing "/" unless empty.
QString folderPrefix(const QString &key);

} // namespace coffer::cli
