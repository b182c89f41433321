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
{
    m_out.reserve(4096);
    m_out.append(R"(<?xml version="1.0" encoding="UTF-8"?>)");
    start(root);
    if (ns == Namespace::S3)
        m_out.append(" xmlns=\"").append(kS3Namespace.data(), kS3Namespace.size()).append('"');
}

void DocumentWriter::startElement(QByteArrayView name)
{
    closeStartTag();
    m_out.append('<').append(name);
    m_open.emplace_back(name.toByteArray());
    m_startTagOpen = true;
}

void DocumentWriter::start(QLatin1StringView name)
{
    startElement(QByteArrayView(name.data(), name.size()));
}

void DocumentWriter::end()
{
    if (m_open.empty())
        return;
    if (m_startTagOpen) {
        m_out.append("/>"); // nothing inside: the short form
        m_startTagOpen = false;
    } else {
        m_out.append("</").append(m_open.back()).append('>');
    }
    m_open.pop_back();
}

void DocumentWriter::closeStartTag()
{
    if (m_startTagOpen) {
        m_out.append('>');
        m_startTagOpen = false;
    }
}

// As QXmlStreamWriter::writeCharacters: & < > " escaped, tab and LF kept, and what XML 1.0
// cannot carry (other controls, U+FFFE/U+FFFF, unpaired surrogates) dropped. CR is handled
// by characters().
void DocumentWriter::escaped(QStringView text)
{
    closeStartTag();
    qsizetype plainFrom = 0;
    auto flushPlain = [&](qsizetype upTo) {
        if (upTo > plainFrom)
            m_out.append(text.sliced(plainFrom, upTo - plainFrom).toUtf8());
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const char *replacement = nullptr;
        bool drop = false;
        switch (c) {
        case u'&': replacement = "&amp;"; break;
        case u'<': replacement = "&lt;"; break;
        case u'>': replacement = "&gt;"; break;
        case u'"': replacement = "&quot;"; break;
        default:
            if (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') {
                drop = true;
            } else if (c == 0xFFFE || c == 0xFFFF) {
                drop = true;
            } else if (QChar::isHighSurrogate(c)) {
                if (i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode()))
                    ++i; // a pair: plain text
                else
                    drop = true;
            } else if (QChar::isLowSurrogate(c)) {
                drop = true;
            }
        }
        if (!replacement && !drop)
            continue;
        flushPlain(i);
        if (replacement)
            m_out.append(replacement);
        plainFrom = i + 1;
    }
    flushPlain(text.size());
}

void DocumentWriter::characters(const QString &text)
{
    // A reader turns a raw CR (and CR LF) into LF, so a key holding CR would come back
    // changed: write it as a character reference.
    qsizetype from = 0;
    for (qsizetype cr = text.indexOf(u'\r'); cr >= 0; cr = text.indexOf(u'\r', from)) {
        escaped(QStringView(text).mid(from, cr - from));
        m_out.append("&#13;");
        from = cr + 1;
    }
    escaped(QStringView(text).mid(from));
}

void DocumentWriter::element(QLatin1StringView name, const QString &value)
{
    start(name);
    characters(value);
    end();
}

void DocumentWriter::element(const QString &name, const QString &value)
{
    startElement(name.toUtf8());
    characters(value);
    end();
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
    while (!m_open.empty())
        end();
    m_out.append('\n'); // as QXmlStreamWriter ends a document
    return m_out;
}

} // namespace coffer::s3::xml::detail
