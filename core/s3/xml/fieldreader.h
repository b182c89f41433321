#pragma once
// Internal: reads typed values out of the element tree and remembers the first problem,
// so a document parser reads straight through and checks once at the end.

#include "s3/model/common.h"
#include "s3/xml/documenttree.h"
#include "s3/xml/parseresult.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace coffer::s3::xml::detail {

class FieldReader
{
public:
    // Listings switch this on once they have read <EncodingType>.
    void setKeyEncoding(KeyEncoding encoding) { m_encoding = encoding; }
    KeyEncoding keyEncoding() const { return m_encoding; }

    // Leaf text exactly as sent (no trimming: keys may start or end with spaces).
    QString text(const Element &parent, QLatin1StringView name);
    QStringList texts(const Element &parent, QLatin1StringView name);
    // Like text(), percent-decoded when the key encoding is Url.
    QString key(const Element &parent, QLatin1StringView name);
    QString key(const Element &element);
    // Reads <EncodingType> and switches the key encoding accordingly.
    KeyEncoding encodingType(const Element &parent);

    std::optional<qint64> integer(const Element &parent, QLatin1StringView name, qint64 min, qint64 max);
    std::optional<int> int32(const Element &parent, QLatin1StringView name, int min = 0);
    qint64 size(const Element &parent, QLatin1StringView name); // absent: 0
    std::optional<bool> optionalBoolean(const Element &parent, QLatin1StringView name);
    bool boolean(const Element &parent, QLatin1StringView name) { return optionalBoolean(parent, name).value_or(false); }
    QDateTime timestamp(const Element &parent, QLatin1StringView name); // absent: invalid

    std::optional<Owner> owner(const Element &parent, QLatin1StringView name);
    Checksums checksums(const Element &parent);
    QStringList commonPrefixes(const Element &parent);

    // A required child: reports MissingElement when absent.
    const Element *require(const Element &parent, QLatin1StringView name);

    void invalidValue(const Element &element, const QString &what);
    bool failed() const { return m_error.has_value(); }
    const XmlError &error() const { return *m_error; }

    template <typename T>
    ParseResult<T> finish(T value) const
    {
        if (m_error)
            return *m_error;
        return value;
    }

private:
    void fail(XmlError error);

    KeyEncoding m_encoding = KeyEncoding::None;
    std::optional<XmlError> m_error;
};

// Text forms shared with the writers.
std::optional<QDateTime> parseTimestamp(QStringView text);
QString formatTimestamp(const QDateTime &utc); // 2026-02-23T08:24:20.000Z

} // namespace coffer::s3::xml::detail
