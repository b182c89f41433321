#include "conditions.h"

#include <QLocale>
#include <QTimeZone>

namespace coffer::server::api {

namespace {

QByteArrayView unquoted(QByteArrayView tag)
{
    tag = tag.trimmed();
    if (tag.startsWith("W/"))
        tag = tag.mid(2);
    if (tag.size() >= 2 && tag.startsWith('"') && tag.endsWith('"'))
        tag = tag.mid(1, tag.size() - 2);
    return tag;
}

// HTTP dates have second precision; compare at that precision.
qint64 seconds(const QDateTime &time)
{
    return time.toSecsSinceEpoch();
}

bool parseCount(QByteArrayView text, qint64 &value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    bool ok = false;
    value = text.toLongLong(&ok);
    return ok;
}

} // namespace

bool etagMatches(QByteArrayView headerValue, const QString &etag)
{
    const QByteArray mine = unquoted(etag.toLatin1()).toByteArray();
    for (const QByteArray &candidate : headerValue.toByteArray().split(',')) {
        const QByteArray tag = candidate.trimmed();
        if (tag == "*" || unquoted(tag) == mine)
            return true;
    }
    return false;
}

QDateTime parseHttpDate(QByteArrayView text)
{
    const QString value = QString::fromLatin1(text.trimmed());
    // RFC 1123 first (what everyone sends), then RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT")
    // and asctime ("Sun Nov  6 08:49:37 1994"), which HTTP still asks servers to accept.
    const QLocale c = QLocale::c();
    QDateTime time = c.toDateTime(value, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (time.isValid())
        time.setTimeZone(QTimeZone::UTC);
    else
        time = QDateTime::fromString(value, Qt::RFC2822Date);
    if (!time.isValid()) {
        time = c.toDateTime(value, QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'"));
        if (time.isValid() && time.date().year() < 1970)
            time = time.addYears(100);
        if (!time.isValid())
            time = c.toDateTime(QString(value).replace(QStringLiteral("  "), QStringLiteral(" ")), QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
        if (time.isValid())
            time.setTimeZone(QTimeZone::UTC);
    }
    return time.isValid() ? time.toUTC() : QDateTime();
}

QByteArray formatHttpDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

PreconditionResult evaluateRead(const Preconditions &conditions, const QString &etag,
                                const QDateTime &lastModified)
{
    if (!conditions.ifMatch.isNull()) {
        if (!etagMatches(conditions.ifMatch, etag))
            return PreconditionResult::Failed;
    } else if (!conditions.ifUnmodifiedSince.isNull()) {
        const QDateTime since = parseHttpDate(conditions.ifUnmodifiedSince);
        if (since.isValid() && seconds(lastModified) > seconds(since))
            return PreconditionResult::Failed;
    }
    if (!conditions.ifNoneMatch.isNull()) {
        if (etagMatches(conditions.ifNoneMatch, etag))
            return PreconditionResult::NotModified;
    } else if (!conditions.ifModifiedSince.isNull()) {
        const QDateTime since = parseHttpDate(conditions.ifModifiedSince);
        if (since.isValid() && seconds(lastModified) <= seconds(since))
            return PreconditionResult::NotModified;
    }
    return PreconditionResult::Proceed;
}

PreconditionResult evaluateCopySource(const Preconditions &conditions, const QString &etag,
                                      const QDateTime &lastModified)
{
    // S3: if-match true + if-unmodified-since false still copies; if-none-match false +
    // if-modified-since true is refused. Every refusal is 412.
    const PreconditionResult read = evaluateRead(conditions, etag, lastModified);
    return read == PreconditionResult::Proceed ? read : PreconditionResult::Failed;
}

RangeRequest resolveRange(QByteArrayView header, qint64 objectSize)
{
    RangeRequest out;
    QByteArrayView spec = header.trimmed();
    if (!spec.startsWith("bytes="))
        return out;
    spec = spec.mid(6).trimmed();
    if (spec.contains(','))
        return out;
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return out;
    const QByteArrayView firstText = spec.first(dash).trimmed();
    const QByteArrayView lastText = spec.mid(dash + 1).trimmed();
    qint64 first = 0;
    qint64 last = 0;
    if (firstText.isEmpty()) {
        qint64 suffix = 0;
        if (!parseCount(lastText, suffix))
            return out;
        out.present = true;
        if (suffix == 0 || objectSize == 0) {
            out.satisfiable = false;
            return out;
        }
        out.range = {qMax<qint64>(0, objectSize - suffix), qMin(suffix, objectSize)};
        return out;
    }
    if (!parseCount(firstText, first))
        return out;
    if (!lastText.isEmpty() && (!parseCount(lastText, last) || last < first))
        return out; // an invalid range is ignored, as RFC 9110 says
    out.present = true;
    if (first >= objectSize) {
        out.satisfiable = false;
        return out;
    }
    const qint64 end = lastText.isEmpty() ? objectSize - 1 : qMin(last, objectSize - 1);
    out.range = {first, end - first + 1};
    return out;
}

} // namespace coffer::server::api
