// ListAllMyBucketsResult, LocationConstraint and CreateBucketConfiguration.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

QString rootElementName(QByteArrayView body)
{
    if (body.size() > kMaxDocumentSize)
        return {};
    QXmlStreamReader reader(body.toByteArray());
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            return reader.name().toString();
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::Invalid:
            return {};
        default:
            break;
        }
    }
    return {};
}

ParseResult<ListBucketsPage> parseListAllMyBucketsResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "ListAllMyBucketsResult"_L1);
    if (!doc)
        return doc.error();
    const Element &root = *doc;
    FieldReader f;
    ListBucketsPage page;
    if (const Element *buckets = root.child("Buckets"_L1)) {
        for (const Element *b : buckets->childrenNamed("Bucket"_L1)) {
            BucketInfo info;
            info.name = f.text(*b, "Name"_L1);
            info.creationDate = f.timestamp(*b, "CreationDate"_L1);
            info.region = f.text(*b, "BucketRegion"_L1);
            page.buckets.append(info);
        }
    }
    page.owner = f.owner(root, "Owner"_L1);
    page.continuationToken = f.text(root, "ContinuationToken"_L1);
    page.prefix = f.text(root, "Prefix"_L1);
    return f.finish(std::move(page));
}

QByteArray writeListAllMyBucketsResult(const ListBucketsPage &page)
{
    DocumentWriter w("ListAllMyBucketsResult"_L1);
    w.owner("Owner"_L1, page.owner);
    w.start("Buckets"_L1);
    for (const BucketInfo &b : page.buckets) {
        w.start("Bucket"_L1);
        w.element("Name"_L1, b.name);
        w.timestamp("CreationDate"_L1, b.creationDate);
        w.optionalElement("BucketRegion"_L1, b.region);
        w.end();
    }
    w.end();
    w.optionalElement("ContinuationToken"_L1, page.continuationToken);
    w.optionalElement("Prefix"_L1, page.prefix);
    return w.finish();
}

ParseResult<BucketLocation> parseLocationConstraint(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "LocationConstraint"_L1);
    if (!doc)
        return doc.error();
    return BucketLocation{doc->text.trimmed()};
}

QByteArray writeLocationConstraint(const BucketLocation &location)
{
    DocumentWriter w("LocationConstraint"_L1);
    w.characters(location.locationConstraint);
    return w.finish();
}

ParseResult<CreateBucketConfiguration> parseCreateBucketConfiguration(QByteArrayView body)
{
    if (body.trimmed().isEmpty())
        return CreateBucketConfiguration{};
    auto doc = detail::readDocument(body, "CreateBucketConfiguration"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CreateBucketConfiguration configuration;
    configuration.locationConstraint = f.text(*doc, "LocationConstraint"_L1).trimmed();
    return f.finish(std::move(configuration));
}

QByteArray writeCreateBucketConfiguration(const CreateBucketConfiguration &configuration)
{
    DocumentWriter w("CreateBucketConfiguration"_L1);
    w.optionalElement("LocationConstraint"_L1, configuration.locationConstraint);
    return w.finish();
}

} // namespace coffer::s3::xml
