// ListBucketResult (ListObjects v1 and v2) and ListVersionsResult.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

namespace {

void readEntryCommon(FieldReader &f, const Element &e, QString &key, QDateTime &lastModified,
                     std::optional<Owner> &owner)
{
    key = f.key(e, "Key"_L1);
    lastModified = f.timestamp(e, "LastModified"_L1);
    owner = f.owner(e, "Owner"_L1);
}

ObjectEntry readObject(FieldReader &f, const Element &e)
{
    ObjectEntry o;
    readEntryCommon(f, e, o.key, o.lastModified, o.owner);
    o.etag = f.text(e, "ETag"_L1);
    o.size = f.size(e, "Size"_L1);
    o.storageClass = f.text(e, "StorageClass"_L1);
    o.checksumAlgorithms = f.texts(e, "ChecksumAlgorithm"_L1);
    o.checksumType = f.text(e, "ChecksumType"_L1);
    return o;
}

void writeObject(DocumentWriter &w, const ObjectEntry &o)
{
    w.start("Contents"_L1);
    w.key("Key"_L1, o.key);
    w.timestamp("LastModified"_L1, o.lastModified);
    w.optionalElement("ETag"_L1, o.etag);
    w.elements("ChecksumAlgorithm"_L1, o.checksumAlgorithms);
    w.optionalElement("ChecksumType"_L1, o.checksumType);
    w.integer("Size"_L1, o.size);
    w.optionalElement("StorageClass"_L1, o.storageClass);
    w.owner("Owner"_L1, o.owner);
    w.end();
}

} // namespace

ParseResult<ListObjectsPage> parseListBucketResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "ListBucketResult"_L1);
    if (!doc)
        return doc.error();
    const Element &root = *doc;
    FieldReader f;
    ListObjectsPage page;
    page.encodingType = f.encodingType(root);
    // Only a v2 answer carries these; a v1 answer never does.
    const bool v2 = root.child("KeyCount"_L1) || root.child("ContinuationToken"_L1)
        || root.child("NextContinuationToken"_L1) || root.child("StartAfter"_L1);
    page.api = v2 ? ListObjectsApi::V2 : ListObjectsApi::V1;
    page.name = f.text(root, "Name"_L1);
    page.prefix = f.key(root, "Prefix"_L1);
    page.delimiter = f.key(root, "Delimiter"_L1);
    page.maxKeys = f.int32(root, "MaxKeys"_L1);
    page.isTruncated = f.boolean(root, "IsTruncated"_L1);
    for (const Element *c : root.childrenNamed("Contents"_L1))
        page.objects.append(readObject(f, *c));
    page.commonPrefixes = f.commonPrefixes(root);
    if (v2) {
        page.continuationToken = f.text(root, "ContinuationToken"_L1);
        page.nextContinuationToken = f.text(root, "NextContinuationToken"_L1);
        page.startAfter = f.key(root, "StartAfter"_L1);
        page.keyCount = f.int32(root, "KeyCount"_L1);
        // KeyCount is by definition what the page holds; fill it in when a provider
        // leaves it out so that every v2 page carries it.
        if (!page.keyCount && !f.failed())
            page.keyCount = static_cast<int>(page.objects.size() + page.commonPrefixes.size());
    } else {
        page.marker = f.key(root, "Marker"_L1);
        page.nextMarker = f.key(root, "NextMarker"_L1);
    }
    return f.finish(std::move(page));
}

QByteArray writeListBucketResult(const ListObjectsPage &page)
{
    DocumentWriter w("ListBucketResult"_L1);
    w.setKeyEncoding(page.encodingType);
    w.element("Name"_L1, page.name);
    w.key("Prefix"_L1, page.prefix);
    if (page.api == ListObjectsApi::V2) {
        w.optionalElement("ContinuationToken"_L1, page.continuationToken);
        w.optionalElement("NextContinuationToken"_L1, page.nextContinuationToken);
        w.optionalKey("StartAfter"_L1, page.startAfter);
        w.integer("KeyCount"_L1, page.keyCount.value_or(static_cast<int>(page.objects.size() + page.commonPrefixes.size())));
    } else {
        w.key("Marker"_L1, page.marker);
        w.optionalKey("NextMarker"_L1, page.nextMarker);
    }
    w.optionalInteger("MaxKeys"_L1, page.maxKeys);
    w.optionalKey("Delimiter"_L1, page.delimiter);
    w.encodingType();
    w.boolean("IsTruncated"_L1, page.isTruncated);
    for (const ObjectEntry &o : page.objects)
        writeObject(w, o);
    w.commonPrefixes(page.commonPrefixes);
    return w.finish();
}

ParseResult<ListVersionsPage> parseListVersionsResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "ListVersionsResult"_L1);
    if (!doc)
        return doc.error();
    const Element &root = *doc;
    FieldReader f;
    ListVersionsPage page;
    page.encodingType = f.encodingType(root);
    page.name = f.text(root, "Name"_L1);
    page.prefix = f.key(root, "Prefix"_L1);
    page.delimiter = f.key(root, "Delimiter"_L1);
    page.keyMarker = f.key(root, "KeyMarker"_L1);
    page.versionIdMarker = f.text(root, "VersionIdMarker"_L1);
    page.nextKeyMarker = f.key(root, "NextKeyMarker"_L1);
    page.nextVersionIdMarker = f.text(root, "NextVersionIdMarker"_L1);
    page.maxKeys = f.int32(root, "MaxKeys"_L1);
    page.isTruncated = f.boolean(root, "IsTruncated"_L1);
    for (const Element &c : root.children) {
        const bool marker = c.name == "DeleteMarker"_L1;
        if (!marker && c.name != "Version"_L1)
            continue;
        ObjectVersionEntry v;
        v.isDeleteMarker = marker;
        readEntryCommon(f, c, v.key, v.lastModified, v.owner);
        v.versionId = f.text(c, "VersionId"_L1);
        v.isLatest = f.boolean(c, "IsLatest"_L1);
        if (!marker) {
            v.etag = f.text(c, "ETag"_L1);
            v.size = f.size(c, "Size"_L1);
            v.storageClass = f.text(c, "StorageClass"_L1);
            v.checksumAlgorithms = f.texts(c, "ChecksumAlgorithm"_L1);
            v.checksumType = f.text(c, "ChecksumType"_L1);
        }
        page.entries.append(v);
    }
    page.commonPrefixes = f.commonPrefixes(root);
    return f.finish(std::move(page));
}

QByteArray writeListVersionsResult(const ListVersionsPage &page)
{
    DocumentWriter w("ListVersionsResult"_L1);
    w.setKeyEncoding(page.encodingType);
    w.element("Name"_L1, page.name);
    w.key("Prefix"_L1, page.prefix);
    w.key("KeyMarker"_L1, page.keyMarker);
    w.element("VersionIdMarker"_L1, page.versionIdMarker);
    w.optionalKey("NextKeyMarker"_L1, page.nextKeyMarker);
    w.optionalElement("NextVersionIdMarker"_L1, page.nextVersionIdMarker);
    w.optionalInteger("MaxKeys"_L1, page.maxKeys);
    w.optionalKey("Delimiter"_L1, page.delimiter);
    w.encodingType();
    w.boolean("IsTruncated"_L1, page.isTruncated);
    for (const ObjectVersionEntry &v : page.entries) {
        w.start(v.isDeleteMarker ? "DeleteMarker"_L1 : "Version"_L1);
        w.key("Key"_L1, v.key);
        w.element("VersionId"_L1, v.versionId);
        w.boolean("IsLatest"_L1, v.isLatest);
        w.timestamp("LastModified"_L1, v.lastModified);
        if (!v.isDeleteMarker) {
            w.optionalElement("ETag"_L1, v.etag);
            w.elements("ChecksumAlgorithm"_L1, v.checksumAlgorithms);
            w.optionalElement("ChecksumType"_L1, v.checksumType);
            w.integer("Size"_L1, v.size);
            w.optionalElement("StorageClass"_L1, v.storageClass);
        }
        w.owner("Owner"_L1, v.owner);
        w.end();
    }
    w.commonPrefixes(page.commonPrefixes);
    return w.finish();
}

} // namespace coffer::s3::xml
