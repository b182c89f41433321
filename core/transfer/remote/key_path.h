#pragma once
// Where an object key lands on the local disk. Keys are opaque strings in S3: `a//b`,
// `..`, `x/` and `/etc/passwd` are all legal keys, but written naively they escape the
// destination, collide or cannot exist as file names. The mapping below is the one
// documented rule every download uses; a key it cannot map is refused with a sentence.
//
// The key (already relative to the listed prefix) is split at '/', then per segment:
//   - empty segments (a leading '/', or '//' inside the key) are dropped, so an
//     absolute-looking key lands under the destination and `a//b` becomes `a/b`;
//   - `.` and `..` become `%2E` and `%2E%2E` (never "this" or "parent" directory);
//   - trailing spaces and dots become `%20` and `%2E` (they vanish on some file systems);
//   - control characters (0x00-0x1F, 0x7F) and '\' become `%XX`;
//   - a segment longer than 255 bytes in UTF-8 is refused.
// A key ending in '/' is a folder marker: it maps to a directory, never to a file.
// Two keys that map to the same path are detected by the caller (see PathClaims) and the
// second is refused, so nothing is silently overwritten.

#include <QHash>
#include <QString>

namespace coffer::transfer {

struct KeyMapping {
    QString relativePath;       // '/'-separated, never absolute, never with `.`/`..`
    bool directoryOnly = false; // the key ends in '/': create the folder, write no file
    QString refusal;            // non-empty: why the key cannot be written (a sentence)
    bool ok() const { return refusal.isEmpty(); }
};

KeyMapping mapKeyToPath(const QString &relativeKey);

// The absolute path of relativePath under root, or an empty string when it would leave
// root (checked lexically and against symlinks among the ancestors that already exist).
QString pathInside(const QString &root, const QString &relativePath);

// Remembers which key claimed which local path within one download, so two keys that
// map to the same file (`a//b` and `a/b`) are caught instead of overwriting each other.
class PathClaims
{
public:
    // Empty when the claim succeeded; otherwise the key that holds the path already.
    QString claim(const QString &path, const QString &key);

private:
    QHash<QString, QString> m_owners;
};

} // namespace coffer::transfer
