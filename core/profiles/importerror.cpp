#include "profiles/importerror.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace coffer::profiles {

QString ImportError::sentence() const
{
    if (line > 0)
        return file % u", line "_s % QString::number(line) % u": "_s % message;
    return file % u": "_s % message;
}

QString displayPath(const QString &path)
{
    const QString home = QDir::homePath();
    const QString clean = QDir::cleanPath(path);
    if (!home.isEmpty() && home != u"/"_s && clean.startsWith(home + u'/'))
        return u"~"_s % clean.mid(home.size());
    return clean;
}

} // namespace coffer::profiles
