#include "ui/browser/location.h"

#include "s3/endpoint/names.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::ui {

QString Location::path() const
{
    if (bucket.isEmpty())
        return {};
    return bucket + u'/' + prefix;
}

Location Location::parent() const
{
    Location up = *this;
    if (prefix.isEmpty()) {
        up.bucket.clear();
        return up;
    }
    // Drop the last segment: "a/b/" → "a/". Keys may hold empty segments ("a//"), which
    // stay as they are.
    const qsizetype cut = prefix.lastIndexOf(u'/', prefix.size() - 2);
    up.prefix = cut < 0 ? QString() : prefix.left(cut + 1);
    return up;
}

std::optional<Location> parsePath(
    const QString &text, const QString &connectionId, s3::Provider provider, QString *error)
{
    QString path = text.trimmed();
    if (path.startsWith(u"s3://"_s, Qt::CaseInsensitive))
        path = path.mid(5);
    while (path.startsWith(u'/'))
        path.remove(0, 1);

    Location location;
    location.connectionId = connectionId;
    if (path.isEmpty())
        return location; // the bucket list

    const qsizetype slash = path.indexOf(u'/');
    location.bucket = slash < 0 ? path : path.left(slash);
    location.prefix = slash < 0 ? QString() : path.mid(slash + 1);
    if (const auto bad = s3::validateBucketName(location.bucket, provider)) {
        *error = QCoreApplication::translate("coffer::ui::Location", "“%1” is not a bucket name: %2")
                     .arg(location.bucket, bad->message);
        return std::nullopt;
    }
    if (!location.prefix.isEmpty()) {
        if (!location.prefix.endsWith(u'/'))
            location.prefix += u'/';
        if (const auto bad = s3::validateObjectKey(location.prefix)) {
            *error = QCoreApplication::translate("coffer::ui::Location", "“%1” is not a valid prefix: %2")
                         .arg(location.prefix, bad->message);
            return std::nullopt;
        }
    }
    return location;
}

} // namespace coffer::ui
