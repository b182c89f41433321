#include "local_tree.h"

#include "transfer/remote/key_path.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::cli {

QMap<QString, LocalFile> listLocalTree(const QString &folder, QStringList *problems)
{
    QMap<QString, LocalFile> files;
    const QDir root(folder);
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::Readable,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        files.insert(root.relativeFilePath(info.filePath()),
            { info.absoluteFilePath(), info.size(), info.lastModified(QTimeZone::UTC) });
    }
    // QDir::Readable skipped what cannot be read; say so instead of losing it silently.
    QDirIterator all(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (all.hasNext()) {
        const QFileInfo info = all.nextFileInfo();
        if (!info.isReadable() && problems)
            problems->append(
                u"%1 cannot be read (check its permissions); it was skipped."_s.arg(info.filePath()));
    }
    return files;
}

std::optional<QString> localPathForKey(const QString &folder, const QString &relativeKey, QString *why)
{
    // The engine's documented mapping, so a key lands in the same place whichever way
    // it comes down (a prefix job, or one object at a time for sync and mv).
    const transfer::KeyMapping mapping = transfer::mapKeyToPath(relativeKey);
    if (why)
        why->clear();
    if (!mapping.ok()) {
        if (why)
            *why = mapping.refusal;
        return std::nullopt;
    }
    if (mapping.directoryOnly)
        return std::nullopt; // a folder marker: there is no file to write
    const QString path = transfer::pathInside(folder, mapping.relativePath);
    if (path.isEmpty()) {
        if (why)
            *why = u"The key “%1” would be written outside %2."_s.arg(relativeKey, folder);
        return std::nullopt;
    }
    return path;
}

QString localRelativePath(const QString &relativeKey)
{
    const transfer::KeyMapping mapping = transfer::mapKeyToPath(relativeKey);
    return mapping.ok() ? mapping.relativePath : relativeKey;
}

QString joinKey(const QString &prefix, const QString &relative)
{
    if (prefix.isEmpty())
        return relative;
    if (prefix.endsWith(u'/'))
        return prefix + relative;
    return prefix + u'/' + relative;
}

QString folderPrefix(const QString &key)
{
    if (key.isEmpty() || key.endsWith(u'/'))
        return key;
    return key + u'/';
}

} // namespace coffer::cli
