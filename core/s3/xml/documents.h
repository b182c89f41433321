#pragma once
// The S3 XML documents, both ways: parse* turns a body into domain types, write*
// turns domain types into a body. The client writes requests and parses results; the
// embedded server does the reverse, so every document has both.
//
// Parsers accept the S3 namespace or none, refuse any other namespace, a different root
// element, any DOCTYPE (entities never expand), documents above kMaxDocumentSize or
// nested deeper than kMaxDepth, and truncated input. Timestamps parse with or without
// milliseconds and are written as 2026-02-23T08:24:20.000Z. ETags stay quoted.
// Listings with <EncodingType>url</EncodingType> are percent-decoded for the caller;
// writers percent-encode them when the page's encodingType is KeyEncoding::Url.

#include "s3/model/bucketsettings.h"
#include "s3/model/buckets.h"
#include "s3/model/cors.h"
#include "s3/model/errordocument.h"
#include "s3/model/lifecycle.h"
#include "s3/model/listing.h"
#include "s3/model/multipart.h"
#include "s3/model/objects.h"
#include "s3/xml/parseresult.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1StringView>

namespace coffer::s3::xml {

inline constexpr QLatin1StringView kS3Namespace{"http://s3.amazonaws.com/doc/2006-03-01/"};
inline constexpr qsizetype kMaxDocumentSize = 16 * 1024 * 1024;
inline constexpr int kMaxDepth = 32;
// ListParts of 10,000 parts is about 70,000 elements; this leaves room for any real body.
inline constexpr qint64 kMaxElements = 500'000;

// Whether text can travel in an XML 1.0 document at all. Control characters other than
// tab, LF and CR, U+FFFE/U+FFFF and unpaired surrogates cannot: QXmlStreamWriter drops
// them silently, so a server must list such keys with KeyEncoding::Url (or refuse them).
bool canTravelAsXmlText(QStringView text);

// The local name of the root element ("" when the body is not XML). Lets a caller see
// an <Error> that arrived with a 200 (CompleteMultipartUpload, CopyObject do this).
QString rootElementName(QByteArrayView body);
inline bool isErrorDocument(QByteArrayView body)
{
    return rootElementName(body) == QLatin1StringView("Error");
}

// ListBuckets
ParseResult<ListBucketsPage> parseListAllMyBucketsResult(QByteArrayView body);
QByteArray writeListAllMyBucketsResult(const ListBucketsPage &page);

// ListObjects v1 and v2 (page.api picks which fields are written)
ParseResult<ListObjectsPage> parseListBucketResult(QByteArrayView body);
QByteArray writeListBucketResult(const ListObjectsPage &page);

// ListObjectVersions
ParseResult<ListVersionsPage> parseListVersionsResult(QByteArrayView body);
QByteArray writeListVersionsResult(const ListVersionsPage &page);

// Multipart
ParseResult<InitiateMultipartUploadResult> parseInitiateMultipartUploadResult(QByteArrayView body);
QByteArray writeInitiateMultipartUploadResult(const InitiateMultipartUploadResult &result);
ParseResult<CompleteMultipartUpload> parseCompleteMultipartUpload(QByteArrayView body);
QByteArray writeCompleteMultipartUpload(const CompleteMultipartUpload &request);
ParseResult<CompleteMultipartUploadResult> parseCompleteMultipartUploadResult(QByteArrayView body);
QByteArray writeCompleteMultipartUploadResult(const CompleteMultipartUploadResult &result);
ParseResult<ListPartsPage> parseListPartsResult(QByteArrayView body);
QByteArray writeListPartsResult(const ListPartsPage &page);
ParseResult<ListMultipartUploadsPage> parseListMultipartUploadsResult(QByteArrayView body);
QByteArray writeListMultipartUploadsResult(const ListMultipartUploadsPage &page);

// DeleteObjects
ParseResult<DeleteObjectsRequest> parseDelete(QByteArrayView body);
QByteArray writeDelete(const DeleteObjectsRequest &request);
ParseResult<DeleteObjectsResult> parseDeleteResult(QByteArrayView body);
QByteArray writeDeleteResult(const DeleteObjectsResult &result);

// CopyObject / UploadPartCopy
ParseResult<CopyObjectResult> parseCopyObjectResult(QByteArrayView body);
QByteArray writeCopyObjectResult(const CopyObjectResult &result);
ParseResult<CopyPartResult> parseCopyPartResult(QByteArrayView body);
QByteArray writeCopyPartResult(const CopyPartResult &result);

// Bucket configuration
ParseResult<CorsConfiguration> parseCorsConfiguration(QByteArrayView body);
QByteArray writeCorsConfiguration(const CorsConfiguration &configuration);
ParseResult<LifecycleConfiguration> parseLifecycleConfiguration(QByteArrayView body);
QByteArray writeLifecycleConfiguration(const LifecycleConfiguration &configuration);
ParseResult<PublicAccessBlockConfiguration> parsePublicAccessBlockConfiguration(QByteArrayView body);
QByteArray writePublicAccessBlockConfiguration(const PublicAccessBlockConfiguration &configuration);
ParseResult<VersioningConfiguration> parseVersioningConfiguration(QByteArrayView body);
QByteArray writeVersioningConfiguration(const VersioningConfiguration &configuration);
ParseResult<BucketLocation> parseLocationConstraint(QByteArrayView body);
QByteArray writeLocationConstraint(const BucketLocation &location);
// An empty body is a valid CreateBucket request: parse it as an empty configuration.
ParseResult<CreateBucketConfiguration> parseCreateBucketConfiguration(QByteArrayView body);
QByteArray writeCreateBucketConfiguration(const CreateBucketConfiguration &configuration);

// The <Error> document (S3 sends it without a namespace; so does the writer).
ParseResult<ErrorDocument> parseError(QByteArrayView body);
QByteArray writeError(const ErrorDocument &error);

} // namespace coffer::s3::xml
