#include "byte_size.h"

#include <QRegularExpression>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace coffer::cli {

std::optional<qint64> parseByteSize(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\s*(\\d+(?:\\.\\d+)?)\\s*(b|bytes?|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double number = match.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    double factor = 1;
    if (unit.startsWith(u'k'))
        factor = 1024.0;
    else if (unit.startsWith(u'm'))
        factor = 1024.0 * 1024;
    else if (unit.startsWith(u'g'))
        factor = 1024.0 * 1024 * 1024;
    else if (unit.startsWith(u't'))
        factor = 1024.0 * 1024 * 1024 * 1024;
    const double bytes = std::round(number * factor);
    if (bytes > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(bytes);
}

std::optional<qint64> parseByteRate(const QString &text)
{
    QString size = text.trimmed();
    if (size.endsWith(u"/s"_s, Qt::CaseInsensitive))
        size.chop(2);
    const auto bytes = parseByteSize(size);
    if (!bytes || *bytes <= 0)
        return std::nullopt;
    return bytes;
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1024)
        return u"%1 Bytes"_s.arg(bytes);
    static const std::array<QStringView, 5> units { u"KiB", u"MiB", u"GiB", u"TiB", u"PiB" };
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    value /= 1024.0;
    while (value >= 1024.0 && unit + 1 < units.size()) {
        value /= 1024.0;
        ++unit;
    }
    return u"%1 %2"_s.arg(value, 0, 'f', 1).arg(units[unit]);
}

} // namespace coffer::cli
