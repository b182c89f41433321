// DeleteObjects (Delete request, DeleteResult) and CopyObject / UploadPartCopy results.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

ParseResult<DeleteObjectsRequest> parseDelete(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "Delete"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    DeleteObjectsRequest request;
    for (const Element *o : doc->childrenNamed("Object"_L1)) {
        ObjectIdentifier id;
        if (const Element *k = f.require(*o, "Key"_L1))
            id.key = k->text;
        id.versionId = f.text(*o, "VersionId"_L1);
        request.objects.append(id);
    }
    request.quiet = f.boolean(*doc, "Quiet"_L1);
    return f.finish(std::move(request));
}

QByteArray writeDelete(const DeleteObjectsRequest &request)
{
    DocumentWriter w("Delete"_L1);
    for (const ObjectIdentifier &o : request.objects) {
        w.start("Object"_L1);
        w.element("Key"_L1, o.key);
        w.optionalElement("VersionId"_L1, o.versionId);
        w.end();
    }
    if (request.quiet)
        w.boolean("Quiet"_L1, true);
    return w.finish();
}

ParseResult<DeleteObjectsResult> parseDeleteResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "DeleteResult"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    DeleteObjectsResult result;
    for (const Element &c : doc->children) {
        if (c.name == "Deleted"_L1) {
            DeletedObject d;
            d.key = f.text(c, "Key"_L1);
            d.versionId = f.text(c, "VersionId"_L1);
            d.deleteMarker = f.optionalBoolean(c, "DeleteMarker"_L1);
            d.deleteMarkerVersionId = f.text(c, "DeleteMarkerVersionId"_L1);
            result.deleted.append(d);
        } else if (c.name == "Error"_L1) {
            DeleteObjectError e;
            e.key = f.text(c, "Key"_L1);
            e.versionId = f.text(c, "VersionId"_L1);
            e.code = f.text(c, "Code"_L1);
            e.message = f.text(c, "Message"_L1);
            result.errors.append(e);
        }
    }
    return f.finish(std::move(result));
}

QByteArray writeDeleteResult(const DeleteObjectsResult &result)
{
    DocumentWriter w("DeleteResult"_L1);
    for (const DeletedObject &d : result.deleted) {
        w.start("Deleted"_L1);
        w.element("Key"_L1, d.key);
        w.optionalElement("VersionId"_L1, d.versionId);
        w.optionalBoolean("DeleteMarker"_L1, d.deleteMarker);
        w.optionalElement("DeleteMarkerVersionId"_L1, d.deleteMarkerVersionId);
        w.end();
    }
    for (const DeleteObjectError &e : result.errors) {
        w.start("Error"_L1);
        w.element("Key"_L1, e.key);
        w.optionalElement("VersionId"_L1, e.versionId);
        w.element("Code"_L1, e.code);
        w.element("Message"_L1, e.message);
        w.end();
    }
    return w.finish();
}

ParseResult<CopyObjectResult> parseCopyObjectResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "CopyObjectResult"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CopyObjectResult result;
    result.etag = f.text(*doc, "ETag"_L1);
    result.lastModified = f.timestamp(*doc, "LastModified"_L1);
    result.checksums = f.checksums(*doc);
    result.checksumType = f.text(*doc, "ChecksumType"_L1);
    return f.finish(std::move(result));
}

QByteArray writeCopyObjectResult(const CopyObjectResult &result)
{
    DocumentWriter w("CopyObjectResult"_L1);
    w.timestamp("LastModified"_L1, result.lastModified);
    w.element("ETag"_L1, result.etag);
    w.optionalElement("ChecksumType"_L1, result.checksumType);
    w.checksums(result.checksums);
    return w.finish();
}

ParseResult<CopyPartResult> parseCopyPartResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "CopyPartResult"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CopyPartResult result;
    result.etag = f.text(*doc, "ETag"_L1);
    result.lastModified = f.timestamp(*doc, "LastModified"_L1);
    result.checksums = f.checksums(*doc);
    return f.finish(std::move(result));
}

QByteArray writeCopyPartResult(const CopyPartResult &result)
{
    DocumentWriter w("CopyPartResult"_L1);
    w.timestamp("LastModified"_L1, result.lastModified);
    w.element("ETag"_L1, result.etag);
    w.checksums(result.checksums);
    return w.finish();
}

} // namespace coffer::s3::xml
