#include "object_headers.h"

#include "conditions.h"

#include "s3/checksum/multipart.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qsizetype kMaxUserMetadataBytes = 2048;

struct StoredHeader {
    const char *name;
    QString ObjectMetadata::*field;
};

constexpr StoredHeader kStoredHeaders[] = {
    {"content-type", &ObjectMetadata::contentType},
    {"content-encoding", &ObjectMetadata::contentEncoding},
    {"content-disposition", &ObjectMetadata::contentDisposition},
    {"content-language", &ObjectMetadata::contentLanguage},
    {"cache-control", &ObjectMetadata::cacheControl},
    {"expires", &ObjectMetadata::expires},
    {"x-amz-website-redirect-location", &ObjectMetadata::websiteRedirectLocation},
};

const char *const kResponseNames[] = {"Content-Type", "Content-Encoding", "Content-Disposition",
                                      "Content-Language", "Cache-Control", "Expires",
                                      "x-amz-website-redirect-location"};

// aws-chunked is how the body travelled, not how the object is encoded: S3 drops it.
QString storedContentEncoding(const QByteArray &value)
{
    QStringList kept;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray token = part.trimmed();
        if (!token.isEmpty() && token.compare("aws-chunked", Qt::CaseInsensitive) != 0)
            kept.append(QString::fromLatin1(token));
    }
    return kept.join(u","_s);
}

} // namespace

std::optional<ApiError> readMetadata(const http::RequestHead &head, ObjectMetadata &metadata)
{
    for (const StoredHeader &stored : kStoredHeaders) {
        const QByteArray value = head.header(stored.name);
        if (!value.isNull())
            metadata.*stored.field = QString::fromUtf8(value);
    }
    metadata.contentEncoding = storedContentEncoding(head.header("content-encoding"));
    qsizetype userBytes = 0;
    for (const auto &[name, value] : head.headers) {
        if (!name.startsWith("x-amz-meta-"))
            continue;
        const QString key = QString::fromLatin1(name.mid(11));
        userBytes += key.size() + value.size();
        metadata.userMetadata.emplaceBack(key, QString::fromUtf8(value));
    }
    if (userBytes > kMaxUserMetadataBytes)
        return apiError("MetadataTooLarge", u"User metadata (x-amz-meta-*) is %1 bytes; the limit is 2 KB."_s.arg(userBytes));
    const QByteArray storageClass = head.header("x-amz-storage-class");
    if (!storageClass.isNull()) {
        if (storageClass != "STANDARD" && storageClass != "STANDARD_IA")
            return apiError("InvalidStorageClass", u"The storage class \"%1\" is not offered here: use "
                                                   "STANDARD or STANDARD_IA."_s.arg(QString::fromUtf8(storageClass.left(64))));
        metadata.storageClass = storageClass == "STANDARD" ? QString() : QString::fromLatin1(storageClass);
    }
    return std::nullopt;
}

std::optional<ApiError> readChecksums(const http::RequestHead &head, ChecksumRequest &request)
{
    const QByteArray md5 = head.header("content-md5");
    if (!md5.isNull()) {
        const auto decoded = QByteArray::fromBase64Encoding(md5.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 16)
            return apiError("InvalidDigest", u"Content-MD5 must be the base64 of the body's 16-byte MD5."_s);
        request.expectedMd5 = decoded.decoded;
    }
    const QByteArray named = head.header("x-amz-checksum-algorithm");
    if (!named.isNull()) {
        request.algorithm = coffer::s3::checksumAlgorithmFromName(named.trimmed());
        if (!request.algorithm || *request.algorithm == coffer::s3::ChecksumAlgorithm::Md5)
            return apiError("InvalidRequest", u"x-amz-checksum-algorithm must be CRC32, CRC32C, CRC64NVME, "
                                              "SHA1 or SHA256."_s);
    }
    int sent = 0;
    for (const auto &[name, value] : head.headers) {
        const auto algorithm = coffer::s3::checksumAlgorithmFromHeader(name);
        if (!algorithm || *algorithm == coffer::s3::ChecksumAlgorithm::Md5)
            continue;
        const auto parsed = coffer::s3::parseChecksumValue(*algorithm, value.trimmed());
        if (!parsed)
            return apiError("InvalidRequest", u"The %1 header is not a valid base64 %2 value."_s
                                                  .arg(QString::fromLatin1(name),
                                                       QString::fromLatin1(coffer::s3::checksumAlgorithmName(*algorithm))));
        if (request.algorithm && *request.algorithm != *algorithm)
            return apiError("InvalidRequest", u"x-amz-checksum-algorithm and the checksum header sent disagree."_s);
        *checksumSlot(request.expected, *algorithm) = QString::fromLatin1(value.trimmed());
        request.algorithm = *algorithm;
        ++sent;
    }
    if (sent > 1)
        return apiError("InvalidRequest", u"Send at most one x-amz-checksum-* header."_s);
    return std::nullopt;
}

ResponseHeaders objectHeaders(const ObjectRecord &record, bool withChecksums)
{
    ResponseHeaders headers;
    headers.emplaceBack("ETag", record.etag.toLatin1());
    headers.emplaceBack("Last-Modified", formatHttpDate(record.lastModified()));
    headers.emplaceBack("Accept-Ranges", "bytes");
    for (size_t i = 0; i < std::size(kStoredHeaders); ++i) {
        const QString &value = record.metadata.*kStoredHeaders[i].field;
        if (!value.isEmpty())
            headers.emplaceBack(kResponseNames[i], value.toUtf8());
    }
    if (record.metadata.contentType.isEmpty())
        headers.emplaceBack("Content-Type", "binary/octet-stream");
    for (const auto &[name, value] : record.metadata.userMetadata)
        headers.emplaceBack("x-amz-meta-" + name.toLatin1(), value.toUtf8());
    if (!record.metadata.storageClass.isEmpty())
        headers.emplaceBack("x-amz-storage-class", record.metadata.storageClass.toLatin1());
    if (record.partCount() > 0)
        headers.emplaceBack("x-amz-mp-parts-count", QByteArray::number(record.partCount()));
    if (withChecksums) {
        for (const auto algorithm : coffer::s3::allChecksumAlgorithms()) {
            const QString *value = checksumSlot(record.checksums, algorithm);
            if (value && !value->isEmpty())
                headers.emplaceBack(coffer::s3::checksumHeaderName(algorithm), value->toLatin1());
        }
        if (!record.checksumType.isEmpty())
            headers.emplaceBack("x-amz-checksum-type", record.checksumType.toLatin1());
    }
    return headers;
}

std::optional<ApiError> refuseR2OnlyHeaders(const http::RequestHead &head)
{
    for (const auto &[name, value] : head.headers) {
        const bool acl = name == "x-amz-acl" || name.startsWith("x-amz-grant-");
        const bool tagging = name == "x-amz-tagging";
        const bool lock = name.startsWith("x-amz-object-lock-") || name == "x-amz-bucket-object-lock-enabled";
        // R2 accepts a private canned ACL, as every SDK may send one.
        if (acl && name == "x-amz-acl" && value.trimmed() == "private")
            continue;
        if (lock && name == "x-amz-bucket-object-lock-enabled" && value.trimmed().toLower() == "false")
            continue;
        if (acl || tagging || lock)
            return apiError("NotImplemented", u"The %1 header is not implemented in R2 mode (R2 has no ACLs, "
                                              "tagging or object lock). Leave it out."_s.arg(QString::fromLatin1(name)));
    }
    return std::nullopt;
}

WriteConditions writeConditions(const http::RequestHead &head)
{
    WriteConditions conditions;
    conditions.ifNoneMatchAny = head.header("if-none-match").trimmed() == "*";
    conditions.ifMatch = QString::fromLatin1(head.header("if-match").trimmed());
    return conditions;
}

} // namespace coffer::server::api
