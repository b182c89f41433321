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

// Where the object with this relative key goes under folder, by the transfer engine's
// documented mapping (transfer/remote/key_path.h: "a//b" -> a/b, ".." -> %2E%2E, ...).
// std::nullopt for a folder marker ("x/": nothing to write, *why empty) and for a key
// that cannot be written inside folder (*why says why, as a sentence).
std::optional<QString> localPathForKey(const QString &folder, const QString &relativeKey, QString *why);

// The relative path a key maps to (localPathForKey's rule), or the key itself when it
// cannot be mapped: what sync compares a remote key with on the local side.
QString localRelativePath(const QString &relativeKey);

// "prefix/" + relative, with exactly one "/" between (none when prefix is empty).
QString joinKey(const QString &prefix, const QString &relative);
// The prefix a recursive operation lists: with a trailing "/" unless empty.
QString folderPrefix(const QString &key);

} // namespace coffer::cli
