// Multipart upload documents: Initiate, Complete (request and result), ListParts,
// ListMultipartUploads.

#include "s3/xml/documents.h"
#include "s3/xml/documentwriter.h"
#include "s3/xml/fieldreader.h"

using namespace Qt::StringLiterals;

namespace coffer::s3::xml {

using detail::DocumentWriter;
using detail::Element;
using detail::FieldReader;

ParseResult<InitiateMultipartUploadResult> parseInitiateMultipartUploadResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "InitiateMultipartUploadResult"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    InitiateMultipartUploadResult result;
    result.bucket = f.text(*doc, "Bucket"_L1);
    result.key = f.text(*doc, "Key"_L1);
    if (const Element *id = f.require(*doc, "UploadId"_L1))
        result.uploadId = id->text;
    return f.finish(std::move(result));
}

QByteArray writeInitiateMultipartUploadResult(const InitiateMultipartUploadResult &result)
{
    DocumentWriter w("InitiateMultipartUploadResult"_L1);
    w.element("Bucket"_L1, result.bucket);
    w.element("Key"_L1, result.key);
    w.element("UploadId"_L1, result.uploadId);
    return w.finish();
}

ParseResult<CompleteMultipartUpload> parseCompleteMultipartUpload(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "CompleteMultipartUpload"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CompleteMultipartUpload request;
    for (const Element *p : doc->childrenNamed("Part"_L1)) {
        CompletedPart part;
        // The server must know which part is meant: a part without a number is an error,
        // not part 0.
        if (f.require(*p, "PartNumber"_L1))
            part.partNumber = f.int32(*p, "PartNumber"_L1, 1).value_or(0);
        part.etag = f.text(*p, "ETag"_L1);
        part.checksums = f.checksums(*p);
        request.parts.append(part);
    }
    return f.finish(std::move(request));
}

QByteArray writeCompleteMultipartUpload(const CompleteMultipartUpload &request)
{
    DocumentWriter w("CompleteMultipartUpload"_L1);
    for (const CompletedPart &p : request.parts) {
        w.start("Part"_L1);
        w.optionalElement("ETag"_L1, p.etag);
        w.checksums(p.checksums);
        w.integer("PartNumber"_L1, p.partNumber);
        w.end();
    }
    return w.finish();
}

ParseResult<CompleteMultipartUploadResult> parseCompleteMultipartUploadResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "CompleteMultipartUploadResult"_L1);
    if (!doc)
        return doc.error();
    FieldReader f;
    CompleteMultipartUploadResult result;
    result.location = f.text(*doc, "Location"_L1);
    result.bucket = f.text(*doc, "Bucket"_L1);
    result.key = f.text(*doc, "Key"_L1);
    result.etag = f.text(*doc, "ETag"_L1);
    result.checksums = f.checksums(*doc);
    result.checksumType = f.text(*doc, "ChecksumType"_L1);
    return f.finish(std::move(result));
}

QByteArray writeCompleteMultipartUploadResult(const CompleteMultipartUploadResult &result)
{
    DocumentWriter w("CompleteMultipartUploadResult"_L1);
    w.optionalElement("Location"_L1, result.location);
    w.element("Bucket"_L1, result.bucket);
    w.element("Key"_L1, result.key);
    w.element("ETag"_L1, result.etag);
    w.checksums(result.checksums);
    w.optionalElement("ChecksumType"_L1, result.checksumType);
    return w.finish();
}

ParseResult<ListPartsPage> parseListPartsResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "ListPartsResult"_L1);
    if (!doc)
        return doc.error();
    const Element &root = *doc;
    FieldReader f;
    ListPartsPage page;
    page.bucket = f.text(root, "Bucket"_L1);
    page.key = f.text(root, "Key"_L1);
    page.uploadId = f.text(root, "UploadId"_L1);
    page.partNumberMarker = f.int32(root, "PartNumberMarker"_L1);
    page.nextPartNumberMarker = f.int32(root, "NextPartNumberMarker"_L1);
    page.maxParts = f.int32(root, "MaxParts"_L1);
    page.isTruncated = f.boolean(root, "IsTruncated"_L1);
    for (const Element *p : root.childrenNamed("Part"_L1)) {
        PartEntry part;
        part.partNumber = f.int32(*p, "PartNumber"_L1).value_or(0);
        part.lastModified = f.timestamp(*p, "LastModified"_L1);
        part.etag = f.text(*p, "ETag"_L1);
        part.size = f.size(*p, "Size"_L1);
        part.checksums = f.checksums(*p);
        page.parts.append(part);
    }
    page.initiator = f.owner(root, "Initiator"_L1);
    page.owner = f.owner(root, "Owner"_L1);
    page.storageClass = f.text(root, "StorageClass"_L1);
    page.checksumAlgorithm = f.text(root, "ChecksumAlgorithm"_L1);
    page.checksumType = f.text(root, "ChecksumType"_L1);
    return f.finish(std::move(page));
}

QByteArray writeListPartsResult(const ListPartsPage &page)
{
    DocumentWriter w("ListPartsResult"_L1);
    w.element("Bucket"_L1, page.bucket);
    w.element("Key"_L1, page.key);
    w.element("UploadId"_L1, page.uploadId);
    w.optionalInteger("PartNumberMarker"_L1, page.partNumberMarker);
    w.optionalInteger("NextPartNumberMarker"_L1, page.nextPartNumberMarker);
    w.optionalInteger("MaxParts"_L1, page.maxParts);
    w.boolean("IsTruncated"_L1, page.isTruncated);
    for (const PartEntry &p : page.parts) {
        w.start("Part"_L1);
        w.integer("PartNumber"_L1, p.partNumber);
        w.timestamp("LastModified"_L1, p.lastModified);
        w.element("ETag"_L1, p.etag);
        w.integer("Size"_L1, p.size);
        w.checksums(p.checksums);
        w.end();
    }
    w.owner("Initiator"_L1, page.initiator);
    w.owner("Owner"_L1, page.owner);
    w.optionalElement("StorageClass"_L1, page.storageClass);
    w.optionalElement("ChecksumAlgorithm"_L1, page.checksumAlgorithm);
    w.optionalElement("ChecksumType"_L1, page.checksumType);
    return w.finish();
}

ParseResult<ListMultipartUploadsPage> parseListMultipartUploadsResult(QByteArrayView body)
{
    auto doc = detail::readDocument(body, "ListMultipartUploadsResult"_L1);
    if (!doc)
        return doc.error();
    const Element &root = *doc;
    FieldReader f;
    ListMultipartUploadsPage page;
    page.encodingType = f.encodingType(root);
    page.bucket = f.text(root, "Bucket"_L1);
    page.keyMarker = f.key(root, "KeyMarker"_L1);
    page.uploadIdMarker = f.text(root, "UploadIdMarker"_L1);
    page.nextKeyMarker = f.key(root, "NextKeyMarker"_L1);
    page.nextUploadIdMarker = f.text(root, "NextUploadIdMarker"_L1);
    page.prefix = f.key(root, "Prefix"_L1);
    page.delimiter = f.key(root, "Delimiter"_L1);
    page.maxUploads = f.int32(root, "MaxUploads"_L1);
    page.isTruncated = f.boolean(root, "IsTruncated"_L1);
    for (const Element *u : root.childrenNamed("Upload"_L1)) {
        MultipartUploadEntry upload;
        upload.key = f.key(*u, "Key"_L1);
        upload.uploadId = f.text(*u, "UploadId"_L1);
        upload.initiated = f.timestamp(*u, "Initiated"_L1);
        upload.storageClass = f.text(*u, "StorageClass"_L1);
        upload.owner = f.owner(*u, "Owner"_L1);
        upload.initiator = f.owner(*u, "Initiator"_L1);
        upload.checksumAlgorithm = f.text(*u, "ChecksumAlgorithm"_L1);
        upload.checksumType = f.text(*u, "ChecksumType"_L1);
        page.uploads.append(upload);
    }
    page.commonPrefixes = f.commonPrefixes(root);
    return f.finish(std::move(page));
}

QByteArray writeListMultipartUploadsResult(const ListMultipartUploadsPage &page)
{
    DocumentWriter w("ListMultipartUploadsResult"_L1);
    w.setKeyEncoding(page.encodingType);
    w.element("Bucket"_L1, page.bucket);
    w.key("KeyMarker"_L1, page.keyMarker);
    w.element("UploadIdMarker"_L1, page.uploadIdMarker);
    w.optionalKey("NextKeyMarker"_L1, page.nextKeyMarker);
    w.optionalElement("NextUploadIdMarker"_L1, page.nextUploadIdMarker);
    w.optionalKey("Prefix"_L1, page.prefix);
    w.optionalKey("Delimiter"_L1, page.delimiter);
    w.optionalInteger("MaxUploads"_L1, page.maxUploads);
    w.encodingType();
    w.boolean("IsTruncated"_L1, page.isTruncated);
    for (const MultipartUploadEntry &u : page.uploads) {
        w.start("Upload"_L1);
        w.key("Key"_L1, u.key);
        w.element("UploadId"_L1, u.uploadId);
        w.owner("Initiator"_L1, u.initiator);
        w.owner("Owner"_L1, u.owner);
        w.optionalElement("StorageClass"_L1, u.storageClass);
        w.timestamp("Initiated"_L1, u.initiated);
        w.optionalElement("ChecksumAlgorithm"_L1, u.checksumAlgorithm);
        w.optionalElement("ChecksumType"_L1, u.checksumType);
        w.end();
    }
    w.commonPrefixes(page.commonPrefixes);
    return w.finish();
}

} // namespace coffer::s3::xml
