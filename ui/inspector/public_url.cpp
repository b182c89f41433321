#include "ui/inspector/public_url.h"

#include <QStringList>

namespace coffer::ui {

QString publicObjectUrl(const QUrl &base, const QString &key)
{
    if (base.isEmpty() || !base.isValid() || key.isEmpty())
        return {};
    QString url = base.toString(QUrl::FullyEncoded | QUrl::RemoveQuery | QUrl::RemoveFragment);
    while (url.endsWith(u'/'))
        url.chop(1);
    // '/' separates segments and stays; everything else unreserved-or-encoded, so keys
    // with spaces, '?', '#' or '%' stay one path.
    const QStringList segments = key.split(u'/');
    for (const QString &segment : segments)
        url += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(segment));
    return url;
}

} // namespace coffer::ui
