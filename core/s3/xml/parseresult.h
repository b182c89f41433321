#pragma once
// What a parser of an S3 XML document returns: the value, or a typed XmlError that
// says where and what went wrong. Never a partial value.

#include <QByteArray>
#include <QString>

#include <utility>
#include <variant>

namespace coffer::s3::xml {

struct XmlError {
    enum class Kind {
        Malformed,       // not well-formed XML (or garbage)
        Truncated,       // the document ended early
        Doctype,         // carries a DTD: refused, entities never expand
        TooLarge,        // above kMaxDocumentSize
        TooDeep,         // nesting above kMaxDepth
        WrongRoot,       // a different document (e.g. <Error> where a result was expected)
        WrongNamespace,  // root element in a namespace other than S3's
        InvalidValue,    // an element's text is not what the element holds
        MissingElement,  // a required element is absent
        InvalidKeyEncoding, // an encoding-type=url value decodes to bytes that are not UTF-8
    };

    Kind kind = Kind::Malformed;
    QString message; // a sentence for a person, with line and column when known
    qint64 line = 0;
    qint64 column = 0;
    QString rootElement; // WrongRoot: the root element found
    QByteArray rawBytes; // InvalidKeyEncoding: the decoded bytes that are not UTF-8

    bool operator==(const XmlError &) const = default;
};

template <typename T>
class ParseResult
{
public:
    ParseResult(T value) : m_value(std::in_place_index<0>, std::move(value)) {}
    ParseResult(XmlError error) : m_value(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    const T &value() const & { return std::get<0>(m_value); }
    T &value() & { return std::get<0>(m_value); }
    T &&value() && { return std::get<0>(std::move(m_value)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    // Only when !ok().
    const XmlError &error() const { return std::get<1>(m_value); }

private:
    std::variant<T, XmlError> m_value;
};

} // namespace coffer::s3::xml
