#pragma once
// Internal: writes one S3 XML document (declaration, root in S3's namespace, elements
// in the order S3 uses) with the same text forms the readers accept. It writes UTF-8
// straight into a byte array, with the output QXmlStreamWriter gave (the same escapes,
// <a/> for an empty element, the same dropped characters) at a fraction of its cost: a
// 1,000-key listing page is written on every ListObjects call.

#include "s3/model/common.h"

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QStringList>

#include <optional>
#include <vector>

namespace coffer::s3::xml::detail {

class DocumentWriter
{
public:
    enum class Namespace { S3, None };

    explicit DocumentWriter(QLatin1StringView root, Namespace ns = Namespace::S3);

    // With Url, key() percent-encodes its value.
    void setKeyEncoding(KeyEncoding encoding) { m_encoding = encoding; }

    void start(QLatin1StringView name);
    void end();

    void characters(const QString &text);
    void element(QLatin1StringView name, const QString &value); // always written
    void element(const QString &name, const QString &value);
    void optionalElement(QLatin1StringView name, const QString &value); // skipped when empty
    void elements(QLatin1StringView name, const QStringList &values);
    void key(QLatin1StringView name, const QString &value); // always written
    void optionalKey(QLatin1StringView name, const QString &value);
    void integer(QLatin1StringView name, qint64 value);
    void optionalInteger(QLatin1StringView name, std::optional<qint64> value);
    void optionalInteger(QLatin1StringView name, std::optional<int> value);
    void boolean(QLatin1StringView name, bool value);
    void optionalBoolean(QLatin1StringView name, std::optional<bool> value);
    void timestamp(QLatin1StringView name, const QDateTime &value); // skipped when invalid
    void owner(QLatin1StringView name, const std::optional<Owner> &value);
    void checksums(const Checksums &sums);
    void commonPrefixes(const QStringList &prefixes);
    void encodingType(); // <EncodingType>url</EncodingType> when the key encoding is Url

    QByteArray finish();

private:
    void startElement(QByteArrayView name);
    void closeStartTag();
    void escaped(QStringView text);

    QByteArray m_out;
    std::vector<QByteArray> m_open; // names of the elements not yet ended
    bool m_startTagOpen = false;    // "<name" written, its '>' not yet
    KeyEncoding m_encoding = KeyEncoding::None;
};

// Percent-encoding for encoding-type=url: unreserved characters and '/' stay.
QString encodeKey(const QString &key);

} // namespace coffer::s3::xml::detail
