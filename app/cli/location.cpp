#include "location.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

QString Location::display() const
{
    switch (kind) {
    case Kind::Stream:
        return u"-"_s;
    case Kind::Local:
        return localPath;
    case Kind::Remote:
        break;
    }
    const QString path = key.isEmpty() ? bucket : QString(bucket % u'/' % key);
    if (connection.isEmpty())
        return u"s3://"_s % path;
    return connection % u':' % path;
}

Location Location::withKey(const QString &newKey) const
{
    Location copy = *this;
    copy.key = newKey;
    return copy;
}

namespace {

std::optional<Location> remote(
    const QString &connection, QStringView rest, const QString &original, QString *error)
{
    const qsizetype slash = rest.indexOf(u'/');
    Location location;
    location.kind = Location::Kind::Remote;
    location.connection = connection;
    location.bucket = (slash < 0 ? rest : rest.left(slash)).toString();
    location.key = slash < 0 ? QString() : rest.mid(slash + 1).toString();
    if (location.bucket.isEmpty()) {
        if (error)
            *error = u"“%1” names no bucket; write s3://BUCKET/KEY."_s.arg(original);
        return std::nullopt;
    }
    return location;
}

} // namespace

std::optional<Location> parseLocation(const QString &text, bool profilePaths, QString *error)
{
    if (text.isEmpty()) {
        if (error)
            *error = u"An empty path was given; write s3://BUCKET/KEY or a local path."_s;
        return std::nullopt;
    }
    if (text == u"-") {
        Location location;
        location.kind = Location::Kind::Stream;
        return location;
    }
    if (text.startsWith(u"s3://"_s, Qt::CaseInsensitive))
        return remote({}, QStringView(text).mid(5), text, error);
    if (profilePaths) {
        const qsizetype colon = text.indexOf(u':');
        const qsizetype slash = text.indexOf(u'/');
        // "C:\..." and "C:/..." are drive letters, "./a:b" a path with a colon in it.
        if (colon >= 2 && (slash < 0 || colon < slash) && !text.startsWith(u'.'))
            return remote(text.left(colon), QStringView(text).mid(colon + 1), text, error);
    }
    Location location;
    location.kind = Location::Kind::Local;
    location.localPath = text;
    return location;
}

} // namespace coffer::cli
