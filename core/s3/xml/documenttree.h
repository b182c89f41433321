#pragma once
// Internal: a hostile-input-safe reader that turns an S3 XML body into a small tree of
// elements, so each document parser walks plain data and can never return half a value.

#include "s3/xml/parseresult.h"

#include <QByteArrayView>
#include <QLatin1StringView>
#include <QList>
#include <QString>

#include <vector>

namespace coffer::s3::xml::detail {

struct Element {
    QString name; // local name; children inherit the root's namespace check
    QString text; // character data directly inside (meaningful for leaves only)
    qint64 line = 0;
    qint64 column = 0;
    std::vector<Element> children;

    const Element *child(QLatin1StringView childName) const;
    QList<const Element *> childrenNamed(QLatin1StringView childName) const;
    bool isLeaf() const { return children.empty(); }
};

// Reads the whole body: refuses DOCTYPE, oversize, over-deep, truncated and malformed
// input, a root other than expectedRoot and a root namespace other than S3's (or none).
ParseResult<Element> readDocument(QByteArrayView body, QLatin1StringView expectedRoot);

QString positionText(qint64 line, qint64 column);

} // namespace coffer::s3::xml::detail
