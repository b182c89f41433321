#include "s3/xml/fieldreader.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QTimeZone>

#include <cstdio>
#include <limits>

using namespace Qt::StringLiterals;

namespace coffer::s3::xml::detail {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::xml", text);
}

} // namespace

namespace {

// digits [at, at + count) of text as a number, or -1.
int digitsAt(QStringView text, qsizetype at, qsizetype count)
{
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// The form S3 and this writer use, "2026-02-23T08:24:20.000Z" (or without the fraction),
// read directly: a listing page holds a thousand of them and QDateTime::fromString costs
// several microseconds each. Anything else goes the general way.
std::optional<QDateTime> parseCanonicalTimestamp(QStringView t)
{
    const bool withMs = t.size() == 24;
    if ((!withMs && t.size() != 20) || t[4] != u'-' || t[7] != u'-' || t[10] != u'T' || t[13] != u':'
        || t[16] != u':' || t.back() != u'Z' || (withMs && t[19] != u'.'))
        return std::nullopt;
    const int year = digitsAt(t, 0, 4), month = digitsAt(t, 5, 2), day = digitsAt(t, 8, 2);
    const int hour = digitsAt(t, 11, 2), minute = digitsAt(t, 14, 2), second = digitsAt(t, 17, 2);
    const int ms = withMs ? digitsAt(t, 20, 3) : 0;
    if (year < 1 || !QDate::isValid(year, month, day) || !QTime::isValid(hour, minute, second, ms))
        return std::nullopt;
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, ms), QTimeZone::UTC);
}

} // namespace

std::optional<QDateTime> parseTimestamp(QStringView text)
{
    if (auto fast = parseCanonicalTimestamp(text))
        return fast;
    const QString trimmed = text.trimmed().toString();
    // Qt accepts fractions of a second with either format; a value without a zone
    // designator is taken as UTC, which is what S3 means.
    QDateTime parsed = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!parsed.isValid() || trimmed.size() < 10)
        return std::nullopt;
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed = QDateTime(parsed.date(), parsed.time(), QTimeZone::UTC);
    parsed = parsed.toUTC();
    // The written form has a four-digit year; anything else would not read back.
    const int year = parsed.date().year();
    if (year < 1 || year > 9999)
        return std::nullopt;
    return parsed;
}

QString formatTimestamp(const QDateTime &utc)
{
    // The same text as toString(Qt::ISODateWithMs) in UTC, without its general formatter.
    const QDateTime u = utc.toUTC();
    const QDate date = u.date();
    const QTime time = u.time();
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return u.toString(Qt::ISODateWithMs);
    char text[25];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year(), date.month(), date.day(),
                  time.hour(), time.minute(), time.second(), time.msec());
    return QString::fromLatin1(text, 24);
}

void FieldReader::fail(XmlError error)
{
    if (!m_error)
        m_error = std::move(error);
}

void FieldReader::invalidValue(const Element &element, const QString &what)
{
    XmlError e;
    e.kind = XmlError::Kind::InvalidValue;
    e.line = element.line;
    e.column = element.column;
    e.message = tr("At %1, <%2> holds “%3”; expected %4.")
                    .arg(positionText(element.line, element.column), element.name,
                         element.text.left(80), what);
    fail(std::move(e));
}

const Element *FieldReader::require(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    if (!c) {
        XmlError e;
        e.kind = XmlError::Kind::MissingElement;
        e.line = parent.line;
        e.column = parent.column;
        e.message = tr("The <%1> element at %2 has no <%3>, which it must have.")
                        .arg(parent.name, positionText(parent.line, parent.column), name);
        fail(std::move(e));
    }
    return c;
}

QString FieldReader::text(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    return c ? c->text : QString();
}

QStringList FieldReader::texts(const Element &parent, QLatin1StringView name)
{
    QStringList values;
    for (const Element *c : parent.childrenNamed(name))
        values.append(c->text);
    return values;
}

QString FieldReader::key(const Element &element)
{
    if (m_encoding != KeyEncoding::Url)
        return element.text;
    // S3 encodes a space as '+' in these listings (and a literal '+' as %2B).
    QByteArray raw = element.text.toUtf8();
    raw.replace('+', ' ');
    const QByteArray decoded = QByteArray::fromPercentEncoding(raw);
    QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString value = toUtf16(decoded);
    if (toUtf16.hasError()) {
        XmlError e;
        e.kind = XmlError::Kind::InvalidKeyEncoding;
        e.line = element.line;
        e.column = element.column;
        e.rawBytes = decoded;
        e.message = tr("At %1, <%2> “%3” decodes to the bytes %4, which are not valid UTF-8; "
                       "such a key cannot be shown or used here.")
                        .arg(positionText(element.line, element.column), element.name,
                             element.text.left(200), QString::fromLatin1(decoded.toHex(' ').left(600)));
        fail(std::move(e));
        return {};
    }
    return value;
}

QString FieldReader::key(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    return c ? key(*c) : QString();
}

KeyEncoding FieldReader::encodingType(const Element &parent)
{
    const Element *c = parent.child("EncodingType"_L1);
    if (!c || c->text.trimmed().isEmpty()) {
        m_encoding = KeyEncoding::None;
    } else if (c->text.trimmed().compare("url"_L1, Qt::CaseInsensitive) == 0) {
        m_encoding = KeyEncoding::Url;
    } else {
        invalidValue(*c, tr("“url”, the only encoding type S3 defines"));
        m_encoding = KeyEncoding::None;
    }
    return m_encoding;
}

std::optional<qint64> FieldReader::integer(const Element &parent, QLatin1StringView name, qint64 min, qint64 max)
{
    const Element *c = parent.child(name);
    if (!c)
        return std::nullopt;
    bool ok = false;
    const qint64 v = c->text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max) {
        invalidValue(*c, tr("a whole number from %1 to %2").arg(min).arg(max));
        return std::nullopt;
    }
    return v;
}

std::optional<int> FieldReader::int32(const Element &parent, QLatin1StringView name, int min)
{
    const auto v = integer(parent, name, min, std::numeric_limits<int>::max());
    if (!v)
        return std::nullopt;
    return static_cast<int>(*v);
}

qint64 FieldReader::size(const Element &parent, QLatin1StringView name)
{
    return integer(parent, name, 0, std::numeric_limits<qint64>::max()).value_or(0);
}

std::optional<bool> FieldReader::optionalBoolean(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    if (!c)
        return std::nullopt;
    const QString t = c->text.trimmed();
    if (t.compare("true"_L1, Qt::CaseInsensitive) == 0)
        return true;
    if (t.compare("false"_L1, Qt::CaseInsensitive) == 0)
        return false;
    invalidValue(*c, tr("“true” or “false”"));
    return std::nullopt;
}

QDateTime FieldReader::timestamp(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    if (!c)
        return {};
    const auto parsed = parseTimestamp(c->text);
    if (!parsed) {
        invalidValue(*c, tr("an ISO-8601 time such as 2026-02-23T08:24:20.000Z"));
        return {};
    }
    return *parsed;
}

std::optional<Owner> FieldReader::owner(const Element &parent, QLatin1StringView name)
{
    const Element *c = parent.child(name);
    if (!c)
        return std::nullopt;
    return Owner{text(*c, "ID"_L1), text(*c, "DisplayName"_L1)};
}

Checksums FieldReader::checksums(const Element &parent)
{
    Checksums sums;
    sums.crc32 = text(parent, "ChecksumCRC32"_L1);
    sums.crc32c = text(parent, "ChecksumCRC32C"_L1);
    sums.crc64nvme = text(parent, "ChecksumCRC64NVME"_L1);
    sums.sha1 = text(parent, "ChecksumSHA1"_L1);
    sums.sha256 = text(parent, "ChecksumSHA256"_L1);
    return sums;
}

QStringList FieldReader::commonPrefixes(const Element &parent)
{
    QStringList prefixes;
    for (const Element *cp : parent.childrenNamed("CommonPrefixes"_L1)) {
        // S3 sends one <Prefix> per <CommonPrefixes>; tolerate several.
        for (const Element *p : cp->childrenNamed("Prefix"_L1))
            prefixes.append(key(*p));
    }
    return prefixes;
}

} // namespace coffer::s3::xml::detail
