#include "object_headers.h"

#include <QLocale>
#include <QTimeZone>

namespace coffer::client {

namespace {

bool isHeaderToken(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
            || u == '-' || u == '_' || u == '.' || u == '~' || u == '!' || u == '#' || u == '$'
            || u == '&' || u == '\'' || u == '*' || u == '+' || u == '^' || u == '`' || u == '|';
        if (!ok)
            return false;
    }
    return true;
}

bool isPrintableAscii(const QString &value)
{
    for (QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

void addIfSet(WireRequest &wire, const QByteArray &name, const QString &value)
{
    if (!value.isEmpty())
        wire.addHeader(name, value.toUtf8());
}

QDateTime parseDate(const QByteArray &value)
{
    QString text = QString::fromLatin1(value).trimmed();
    if (text.endsWith(u" GMT"))
        text.chop(4);
    QDateTime parsed = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (parsed.isValid())
        parsed.setTimeZone(QTimeZone::UTC);
    return parsed;
}

} // namespace

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")).toLatin1() + " GMT";
}

std::optional<s3::S3Error> addAttributeHeaders(WireRequest &wire, const ObjectAttributes &attributes)
{
    for (const auto &[name, value] : attributes.metadata) {
        if (!isHeaderToken(name)) {
            return s3::S3Error::invalidInput(
                QStringLiteral("The metadata name \"%1\" cannot be sent: use letters, digits and hyphens.").arg(name));
        }
        if (!isPrintableAscii(value)) {
            return s3::S3Error::invalidInput(
                QStringLiteral("The value of metadata \"%1\" has characters a header cannot carry: use printable ASCII.")
                    .arg(name));
        }
    }
    for (const QString *text : {&attributes.contentType, &attributes.cacheControl, &attributes.contentDisposition,
                                &attributes.contentEncoding, &attributes.contentLanguage, &attributes.storageClass}) {
        if (!isPrintableAscii(*text)) {
            return s3::S3Error::invalidInput(
                QStringLiteral("\"%1\" has characters a header cannot carry: use printable ASCII.").arg(*text));
        }
    }
    addIfSet(wire, "content-type", attributes.contentType);
    addIfSet(wire, "cache-control", attributes.cacheControl);
    addIfSet(wire, "content-disposition", attributes.contentDisposition);
    addIfSet(wire, "content-encoding", attributes.contentEncoding);
    addIfSet(wire, "content-language", attributes.contentLanguage);
    addIfSet(wire, "x-amz-storage-class", attributes.storageClass);
    for (const auto &[name, value] : attributes.metadata)
        wire.addHeader("x-amz-meta-" + name.toLower().toLatin1(), value.toLatin1());
    return std::nullopt;
}

void addConditionHeaders(WireRequest &wire, const Conditions &conditions, const QByteArray &prefix)
{
    addIfSet(wire, prefix + "if-match", conditions.ifMatch);
    addIfSet(wire, prefix + "if-none-match", conditions.ifNoneMatch);
    if (conditions.ifModifiedSince.isValid())
        wire.addHeader(prefix + "if-modified-since", httpDate(conditions.ifModifiedSince));
    if (conditions.ifUnmodifiedSince.isValid())
        wire.addHeader(prefix + "if-unmodified-since", httpDate(conditions.ifUnmodifiedSince));
}

s3::Checksums checksumsFrom(const HttpResponse &response)
{
    s3::Checksums sums;
    sums.crc32 = QString::fromLatin1(response.header("x-amz-checksum-crc32"));
    sums.crc32c = QString::fromLatin1(response.header("x-amz-checksum-crc32c"));
    sums.crc64nvme = QString::fromLatin1(response.header("x-amz-checksum-crc64nvme"));
    sums.sha1 = QString::fromLatin1(response.header("x-amz-checksum-sha1"));
    sums.sha256 = QString::fromLatin1(response.header("x-amz-checksum-sha256"));
    return sums;
}

ObjectHead objectHeadFrom(const HttpResponse &response)
{
    ObjectHead head;
    head.contentLength = response.header("content-length").toLongLong();
    head.etag = QString::fromLatin1(response.header("etag"));
    head.lastModified = parseDate(response.header("last-modified"));
    head.contentType = QString::fromLatin1(response.header("content-type"));
    head.contentEncoding = QString::fromLatin1(response.header("content-encoding"));
    head.contentDisposition = QString::fromLatin1(response.header("content-disposition"));
    head.contentLanguage = QString::fromLatin1(response.header("content-language"));
    head.cacheControl = QString::fromLatin1(response.header("cache-control"));
    head.contentRange = QString::fromLatin1(response.header("content-range"));
    head.storageClass = QString::fromLatin1(response.header("x-amz-storage-class"));
    head.versionId = QString::fromLatin1(response.header("x-amz-version-id"));
    head.checksums = checksumsFrom(response);
    head.checksumType = QString::fromLatin1(response.header("x-amz-checksum-type"));
    static constexpr QByteArrayView metaPrefix = "x-amz-meta-";
    for (const auto &[name, value] : response.headers) {
        if (name.startsWith(metaPrefix))
            head.metadata.append({QString::fromLatin1(name.mid(metaPrefix.size())), QString::fromUtf8(value)});
    }
    return head;
}

qint64 ObjectHead::objectSize() const
{
    // "bytes 0-9/100": the total follows the slash.
    const qsizetype slash = contentRange.lastIndexOf(u'/');
    if (slash >= 0) {
        bool ok = false;
        const qint64 total = contentRange.mid(slash + 1).toLongLong(&ok);
        if (ok)
            return total;
    }
    return contentLength;
}

QByteArray ByteRange::toHeader() const
{
    if (suffixLength)
        return "bytes=-" + QByteArray::number(*suffixLength);
    QByteArray value = "bytes=" + QByteArray::number(first) + '-';
    if (last)
        value += QByteArray::number(*last);
    return value;
}

QByteArray CopySource::toHeader() const
{
    // "/bucket/key" with the key encoded once ('/' kept), plus ?versionId=.
    QByteArray value = '/' + s3::sigv4::uriEncode(bucket.toUtf8(), true) + '/' + s3::sigv4::uriEncode(key.toUtf8(), false);
    if (!versionId.isEmpty())
        value += "?versionId=" + s3::sigv4::uriEncode(versionId.toUtf8(), true);
    return value;
}

} // namespace coffer::client
