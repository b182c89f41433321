#include "s3/xml/documentwriter.h"

#include "s3/xml/documents.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml::detail {

QString encodeKey(const QString &key)
{
    return QString::fromLatin1(key.toUtf8().toPercentEncoding("/"));
}

} // namespace coffer::s3::xml::detail

namespace coffer::s3::xml {

bool canTravelAsXmlText(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r')
            return false;
        if (c == 0xFFFE || c == 0xFFFF)
            return false;
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= text.size() || !QChar::isLowSurrogate(text[i + 1].unicode()))
                return false;
            ++i;
        } else if (QChar::isLowSurrogate(c)) {
            return false;
        }
    }
    return true;
}

} // namespace coffer::s3::xml

namespace coffer::s3::xml::detail {

DocumentWriter::DocumentWriter(QLatin1StringView root, Namespace ns)
    : m_xml(&m_out)
{
    m_xml.setAutoFormatting(false);
    m_xml.writeStartDocument();
    m_xml.writeStartElement(root);
    if (ns == Namespace::S3)
        m_xml.writeDefaultNamespace(kS3Namespace);
}

void DocumentWriter::characters(const QString &text)
{
    // A reader turns a raw CR (and CR LF) into LF, so a key holding CR would come back
    // changed: write it as a character reference. QXmlStreamWriter leaves it raw.
    qsizetype from = 0;
    for (qsizetype cr = text.indexOf(u'\r'); cr >= 0; cr = text.indexOf(u'\r', from)) {
        m_xml.writeCharacters(QStringView(text).mid(from, cr - from));
        m_xml.writeEntityReference(u"#13");
        from = cr + 1;
    }
    m_xml.writeCharacters(QStringView(text).mid(from));
}

void DocumentWriter::element(QLatin1StringView name, const QString &value)
{
    m_xml.writeStartElement(name);
    characters(value);
    m_xml.writeEndElement();
}

void DocumentWriter::element(const QString &name, const QString &value)
{
    m_xml.writeStartElement(name);
    characters(value);
    m_xml.writeEndElement();
}

void DocumentWriter::optionalElement(QLatin1StringView name, const QString &value)
{
    if (!value.isEmpty())
        element(name, value);
}

void DocumentWriter::elements(QLatin1StringView name, const QStringList &values)
{
    for (const QString &v : values)
        element(name, v);
}

void DocumentWriter::key(QLatin1StringView name, const QString &value)
{
    element(name, m_encoding == KeyEncoding::Url ? encodeKey(value) : value);
}

void DocumentWriter::optionalKey(QLatin1StringView name, const QString &value)
{
    if (!value.isEmpty())
        key(name, value);
}

void DocumentWriter::integer(QLatin1StringView name, qint64 value)
{
    element(name, QString::number(value));
}

void DocumentWriter::optionalInteger(QLatin1StringView name, std::optional<qint64> value)
{
    if (value)
        integer(name, *value);
}

void DocumentWriter::optionalInteger(QLatin1StringView name, std::optional<int> value)
{
    if (value)
        integer(name, *value);
}

void DocumentWriter::boolean(QLatin1StringView name, bool value)
{
    element(name, value ? u"true"_s : u"false"_s);
}

void DocumentWriter::optionalBoolean(QLatin1StringView name, std::optional<bool> value)
{
    if (value)
        boolean(name, *value);
}

void DocumentWriter::timestamp(QLatin1StringView name, const QDateTime &value)
{
    if (value.isValid())
        element(name, formatTimestamp(value));
}

void DocumentWriter::owner(QLatin1StringView name, const std::optional<Owner> &value)
{
    if (!value)
        return;
    start(name);
    optionalElement("ID"_L1, value->id);
    optionalElement("DisplayName"_L1, value->displayName);
    end();
}

void DocumentWriter::checksums(const Checksums &sums)
{
    optionalElement("ChecksumCRC32"_L1, sums.crc32);
    optionalElement("ChecksumCRC32C"_L1, sums.crc32c);
    optionalElement("ChecksumCRC64NVME"_L1, sums.crc64nvme);
    optionalElement("ChecksumSHA1"_L1, sums.sha1);
    optionalElement("ChecksumSHA256"_L1, sums.sha256);
}

void DocumentWriter::commonPrefixes(const QStringList &prefixes)
{
    for (const QString &p : prefixes) {
        start("CommonPrefixes"_L1);
        key("Prefix"_L1, p);
        end();
    }
}

void DocumentWriter::encodingType()
{
    if (m_encoding == KeyEncoding::Url)
        element("EncodingType"_L1, u"url"_s);
}

QByteArray DocumentWriter::finish()
{
    m_xml.writeEndDocument(); // closes every open element
    return m_out;
}

} // namespace coffer::s3::xml::detail
