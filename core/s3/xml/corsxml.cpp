// CORSConfiguration (PutBucketCors request, GetBucketCors result).

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

ParseResult<CorsConfiguration> parseCorsConfiguration(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "CORSConfiguration"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CorsConfiguration configuration;
    for (const Element *r : doc->childrenNamed("CORSRule"_L1)) {
        CorsRule rule;
        rule.id = f.text(*r, "ID"_L1);
        rule.allowedOrigins = f.texts(*r, "AllowedOrigin"_L1);
        rule.allowedMethods = f.texts(*r, "AllowedMethod"_L1);
        rule.allowedHeaders = f.texts(*r, "AllowedHeader"_L1);
        rule.exposeHeaders = f.texts(*r, "ExposeHeader"_L1);
        rule.maxAgeSeconds = f.int32(*r, "MaxAgeSeconds"_L1);
        configuration.rules.append(rule);
    }
    return f.finish(std::move(configuration));
}

QByteArray writeCorsConfiguration(const CorsConfiguration &configuration)
{
    DocumentWriter w("CORSConfiguration"_L1);
    for (const CorsRule &r : configuration.rules) {
        w.start("CORSRule"_L1);
        w.optionalElement("ID"_L1, r.id);
        w.elements("AllowedOrigin"_L1, r.allowedOrigins);
        w.elements("AllowedMethod"_L1, r.allowedMethods);
        w.elements("AllowedHeader"_L1, r.allowedHeaders);
        w.elements("ExposeHeader"_L1, r.exposeHeaders);
        w.optionalInteger("MaxAgeSeconds"_L1, r.maxAgeSeconds);
        w.end();
    }
    return w.finish();
}

} // namespace coffer::s3::xml
