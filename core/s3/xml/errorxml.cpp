// The <Error> document.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;

ParseResult<ErrorDocument> parseError(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "Error"_L1);
    if (!doc)
        return doc.error();
    ErrorDocument error;
    struct Known {
        QLatin1StringView name;
        QString *field;
        bool seen = false;
    };
    Known known[] = {{"Code"_L1, &error.code},
                     {"Message"_L1, &error.message},
                     {"Resource"_L1, &error.resource},
                     {"RequestId"_L1, &error.requestId},
                     {"HostId"_L1, &error.hostId}};
    for (const Element &c : doc->children) {
        if (!c.isLeaf())
            continue;
        // The first of each known element fills its field; anything else (BucketName,
        // Key, StringToSign, a repeated element) is kept as a detail, in order.
        bool taken = false;
        for (Known &k : known) {
            if (!k.seen && c.name == k.name) {
                *k.field = c.text;
                k.seen = true;
                taken = true;
                break;
            }
        }
        if (!taken)
            error.details.append({c.name, c.text});
    }
    error.code = error.code.trimmed();
    return error;
}

QByteArray writeError(const ErrorDocument &error)
{
    // S3 writes <Error> without a namespace. Every known element is written, even when
    // empty, so that a detail of the same name can never be read back in its place.
    DocumentWriter w("Error"_L1, DocumentWriter::Namespace::None);
    w.element("Code"_L1, error.code);
    w.element("Message"_L1, error.message);
    w.element("Resource"_L1, error.resource);
    w.element("RequestId"_L1, error.requestId);
    w.element("HostId"_L1, error.hostId);
    for (const auto &[name, value] : error.details)
        w.element(name, value);
    return w.finish();
}

} // namespace coffer::s3::xml
