#include "key_path.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

constexpr qsizetype kMaxSegmentBytes = 255;

QString escaped(QChar c)
{
    return u"%%1"_s.arg(int(c.unicode()), 2, 16, QChar(u'0')).toUpper();
}

QString mapSegment(const QString &segment)
{
    if (segment == u"."_s)
        return u"%2E"_s;
    if (segment == u".."_s)
        return u"%2E%2E"_s;
    // Trailing spaces and dots: Windows and some network file systems drop them.
    qsizetype keep = segment.size();
    while (keep > 0 && (segment.at(keep - 1) == u' ' || segment.at(keep - 1) == u'.'))
        --keep;
    QString out;
    out.reserve(segment.size());
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const QChar c = segment.at(i);
        const bool control = c.unicode() < 0x20 || c.unicode() == 0x7F;
        if (control || c == u'\\' || i >= keep)
            out += escaped(c);
        else
            out += c;
    }
    return out;
}

} // namespace

KeyMapping mapKeyToPath(const QString &relativeKey)
{
    KeyMapping mapping;
    mapping.directoryOnly = relativeKey.endsWith(u'/');
    QStringList parts;
    for (const QString &segment : relativeKey.split(u'/')) {
        if (segment.isEmpty())
            continue;
        const QString mapped = mapSegment(segment);
        if (mapped.toUtf8().size() > kMaxSegmentBytes) {
            mapping.refusal = u"The key \"%1\" has a name part longer than %2 bytes, which no common file "
                              "system can store; download it under a shorter name."_s
                                  .arg(relativeKey)
                                  .arg(kMaxSegmentBytes);
            return mapping;
        }
        parts.append(mapped);
    }
    if (parts.isEmpty() && !mapping.directoryOnly) {
        mapping.refusal = u"The key \"%1\" has no name part a file could take; download it under a "
                          "name of your choosing."_s.arg(relativeKey);
        return mapping;
    }
    mapping.relativePath = parts.join(u'/');
    return mapping;
}

QString pathInside(const QString &root, const QString &relativePath)
{
    const QString cleanRoot = QDir::cleanPath(QDir(root).absolutePath());
    if (QDir::isAbsolutePath(relativePath))
        return {};
    const QString candidate = QDir::cleanPath(cleanRoot + u'/' + relativePath);
    const QString rootSlash = cleanRoot.endsWith(u'/') ? cleanRoot : cleanRoot + u'/';
    if (candidate != cleanRoot && !candidate.startsWith(rootSlash))
        return {};
    // A symlink placed among the ancestors could still lead elsewhere: resolve the
    // deepest ancestor that exists and check it is still under the root.
    const QString canonicalRoot = QFileInfo(cleanRoot).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        return candidate; // the root does not exist yet: nothing inside it can be a link
    QString ancestor = candidate;
    while (ancestor.size() > cleanRoot.size() && !QFileInfo::exists(ancestor))
        ancestor = QFileInfo(ancestor).path();
    const QString canonicalAncestor = QFileInfo(ancestor).canonicalFilePath();
    const QString canonicalRootSlash = canonicalRoot.endsWith(u'/') ? canonicalRoot : canonicalRoot + u'/';
    if (canonicalAncestor != canonicalRoot && !canonicalAncestor.startsWith(canonicalRootSlash))
        return {};
    return candidate;
}

QString PathClaims::claim(const QString &path, const QString &key)
{
    const auto it = m_owners.constFind(path);
    if (it != m_owners.cend() && *it != key)
        return *it;
    m_owners.insert(path, key);
    return {};
}

} // namespace coffer::transfer
