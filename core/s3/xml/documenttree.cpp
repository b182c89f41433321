#include "s3/xml/documenttree.h"

#include "s3/xml/documents.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace coffer::s3::xml::detail {

const Element *Element::child(QLatin1StringView childName) const
{
    for (const Element &c : children) {
        if (c.name == childName)
            return &c;
    }
    return nullptr;
}

QList<const Element *> Element::childrenNamed(QLatin1StringView childName) const
{
    QList<const Element *> found;
    for (const Element &c : children) {
        if (c.name == childName)
            found.append(&c);
    }
    return found;
}

QString positionText(qint64 line, qint64 column)
{
    return QCoreApplication::translate("coffer::s3::xml", "line %1, column %2").arg(line).arg(column);
}

namespace {

XmlError makeError(XmlError::Kind kind, const QString &message, qint64 line = 0, qint64 column = 0)
{
    XmlError e;
    e.kind = kind;
    e.message = message;
    e.line = line;
    e.column = column;
    return e;
}

XmlError readerError(const QXmlStreamReader &reader, QLatin1StringView expectedRoot)
{
    const qint64 line = reader.lineNumber();
    const qint64 column = reader.columnNumber();
    if (reader.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
        return makeError(XmlError::Kind::Truncated,
                         QCoreApplication::translate("coffer::s3::xml",
                                                     "The XML document ends early (%1); expected a complete <%2> document. "
                                                     "The response was probably cut off: try again.")
                             .arg(positionText(line, column), expectedRoot),
                         line, column);
    }
    return makeError(XmlError::Kind::Malformed,
                     QCoreApplication::translate("coffer::s3::xml",
                                                 "The XML document is not well formed at %1: %2. Expected a <%3> document.")
                         .arg(positionText(line, column), reader.errorString(), expectedRoot),
                     line, column);
}

} // namespace

ParseResult<Element> readDocument(QByteArrayView body, QLatin1StringView expectedRoot)
{
    if (body.size() > kMaxDocumentSize) {
        return makeError(XmlError::Kind::TooLarge,
                         QCoreApplication::translate("coffer::s3::xml",
                                                     "The XML document is %1 bytes, above the limit of %2 bytes for a <%3> document.")
                             .arg(body.size())
                             .arg(kMaxDocumentSize)
                             .arg(expectedRoot));
    }

    QXmlStreamReader reader(body.toByteArray());
    std::vector<Element> open; // the path from the root to the current element
    Element root;
    bool haveRoot = false;
    qint64 elementCount = 0;

    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        switch (token) {
        case QXmlStreamReader::DTD:
            // Refusing every DTD is what keeps entity expansion (billion laughs, external
            // entities) impossible; S3 never sends one.
            return makeError(XmlError::Kind::Doctype,
                             QCoreApplication::translate("coffer::s3::xml",
                                                         "The XML document declares a DOCTYPE at %1; S3 documents never do, so it is refused.")
                                 .arg(positionText(reader.lineNumber(), reader.columnNumber())),
                             reader.lineNumber(), reader.columnNumber());
        case QXmlStreamReader::StartElement: {
            if (haveRoot) {
                // QXmlStreamReader reports this too; answer it ourselves to stop early.
                break;
            }
            if (open.size() >= static_cast<size_t>(kMaxDepth)) {
                return makeError(XmlError::Kind::TooDeep,
                                 QCoreApplication::translate("coffer::s3::xml",
                                                             "The XML document nests elements more than %1 deep at %2; no S3 document does.")
                                     .arg(kMaxDepth)
                                     .arg(positionText(reader.lineNumber(), reader.columnNumber())),
                                 reader.lineNumber(), reader.columnNumber());
            }
            // The tree costs far more memory than the text; a cap on elements keeps a
            // 16 MiB body of empty elements from costing gigabytes.
            if (++elementCount > kMaxElements) {
                return makeError(XmlError::Kind::TooLarge,
                                 QCoreApplication::translate("coffer::s3::xml",
                                                             "The XML document holds more than %1 elements (at %2); "
                                                             "no S3 document is that large.")
                                     .arg(kMaxElements)
                                     .arg(positionText(reader.lineNumber(), reader.columnNumber())),
                                 reader.lineNumber(), reader.columnNumber());
            }
            Element e;
            e.name = reader.name().toString();
            e.line = reader.lineNumber();
            e.column = reader.columnNumber();
            if (open.empty()) {
                if (e.name != expectedRoot) {
                    XmlError err = makeError(
                        XmlError::Kind::WrongRoot,
                        QCoreApplication::translate("coffer::s3::xml",
                                                    "Expected a <%1> document but found <%2> at %3.")
                            .arg(expectedRoot, e.name, positionText(e.line, e.column)),
                        e.line, e.column);
                    err.rootElement = e.name;
                    return err;
                }
                // Some of Amazon's own samples drop the trailing slash; accept that too.
                const auto ns = reader.namespaceUri();
                if (!ns.isEmpty() && ns != kS3Namespace && ns != kS3Namespace.chopped(1)) {
                    return makeError(XmlError::Kind::WrongNamespace,
                                     QCoreApplication::translate("coffer::s3::xml",
                                                                 "The <%1> element at %2 is in the namespace “%3”; expected “%4” or none.")
                                         .arg(e.name, positionText(e.line, e.column), ns.toString(), kS3Namespace),
                                     e.line, e.column);
                }
            }
            open.push_back(std::move(e));
            break;
        }
        case QXmlStreamReader::Characters:
            if (!open.empty())
                open.back().text += reader.text();
            break;
        case QXmlStreamReader::EndElement: {
            if (open.empty())
                break;
            Element done = std::move(open.back());
            open.pop_back();
            if (open.empty()) {
                root = std::move(done);
                haveRoot = true;
            } else {
                open.back().children.push_back(std::move(done));
            }
            break;
        }
        default:
            break; // comments, processing instructions, the XML declaration
        }
    }

    if (reader.hasError())
        return readerError(reader, expectedRoot);
    if (!haveRoot) {
        return makeError(XmlError::Kind::Truncated,
                         QCoreApplication::translate("coffer::s3::xml",
                                                     "The body holds no XML element; expected a <%1> document.")
                             .arg(expectedRoot));
    }
    return root;
}

} // namespace coffer::s3::xml::detail
