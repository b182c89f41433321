#include "local_tree.h"

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
    const auto refuse = [why](const QString &reason) -> std::optional<QString> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (relativeKey.isEmpty() || relativeKey.endsWith(u'/'))
        return refuse(u"it is a folder marker, not a file"_s);
    if (relativeKey.startsWith(u'/'))
        return refuse(u"it starts with “/”"_s);
    const QStringList segments = relativeKey.split(u'/');
    for (const QString &segment : segments) {
        if (segment.isEmpty())
            return refuse(u"it contains “//”, which a file path cannot keep"_s);
        if (segment == u"." || segment == u"..")
            return refuse(u"it contains a “%1” segment, which would leave the folder"_s.arg(segment));
        if (segment.contains(QChar(0)))
            return refuse(u"it contains a NUL character"_s);
    }
    return QDir(folder).filePath(relativeKey);
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
