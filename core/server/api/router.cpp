#include "router.h"

#include <QByteArrayView>

#include <array>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace sigv4 = coffer::s3::sigv4;

namespace {

constexpr int kMaxListLimit = 1000;
constexpr int kMaxPartNumber = 10000;
constexpr qsizetype kMaxKeyBytes = 1024;

// Subresources S3 has and this server does not implement; S3 tools probe some of them.
constexpr std::array kUnsupportedBucketSubresources = {
    "acl", "tagging", "object-lock", "website", "logging", "notification", "replication",
    "encryption", "analytics", "inventory", "metrics", "accelerate", "requestPayment",
    "ownershipControls", "intelligent-tiering"};
constexpr std::array kUnsupportedObjectSubresources = {
    "acl", "tagging", "retention", "legal-hold", "torrent", "attributes", "restore", "select"};

class Query
{
public:
    explicit Query(const QByteArray &raw) : m_pairs(sigv4::parseQuery(raw)) {}

    bool has(QByteArrayView name) const
    {
        for (const auto &[n, v] : m_pairs) {
            if (n == name)
                return true;
        }
        return false;
    }
    // The first value given for name (S3 ignores repeats).
    QByteArray value(QByteArrayView name) const
    {
        for (const auto &[n, v] : m_pairs) {
            if (n == name)
                return v;
        }
        return {};
    }

private:
    sigv4::QueryList m_pairs;
};

struct Failure {
    ApiError error;
};

ApiError invalidArgument(const QString &message)
{
    return apiError("InvalidArgument", message);
}

// A non-negative count; S3 silently caps list limits at 1000.
std::optional<int> parseLimit(const Query &query, QByteArrayView name, int fallback, ApiError &error)
{
    if (!query.has(name))
        return fallback;
    bool ok = false;
    const QByteArray text = query.value(name);
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || value < 0) {
        error = invalidArgument(u"%1 must be a whole number from 0 to 1000, not \"%2\"."_s
                                    .arg(QString::fromLatin1(name), QString::fromUtf8(text)));
        return std::nullopt;
    }
    return int(qMin<qlonglong>(value, kMaxListLimit));
}

std::optional<int> parsePartNumber(const Query &query, ApiError &error)
{
    bool ok = false;
    const QByteArray text = query.value("partNumber");
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || value < 1 || value > kMaxPartNumber) {
        error = invalidArgument(u"partNumber must be a whole number from 1 to 10000, not \"%1\"."_s
                                    .arg(QString::fromUtf8(text)));
        return std::nullopt;
    }
    return int(value);
}

bool isUrlEncoding(const Query &query, ApiError &error)
{
    if (!query.has("encoding-type"))
        return false;
    const QByteArray value = query.value("encoding-type");
    if (value != "url") {
        error = invalidArgument(u"encoding-type must be \"url\", not \"%1\"."_s.arg(QString::fromUtf8(value)));
        return false;
    }
    return true;
}

// Lowercase letters, digits, '-', '.': what any S3 bucket name is made of. Full naming
// rules are checked when a bucket is created; here only what cannot be a name is refused.
bool isBucketShaped(QByteArrayView name)
{
    if (name.isEmpty() || name.size() > 255)
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
            || (c >= 'A' && c <= 'Z') || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

std::optional<QByteArray> firstUnsupported(const Query &query, const auto &names)
{
    for (const char *name : names) {
        if (query.has(name))
            return QByteArray(name);
    }
    return std::nullopt;
}

// The Host header's name, lowercased, without the port.
QByteArray hostName(const QByteArray &host)
{
    QByteArray name = host.trimmed().toLower();
    if (name.startsWith('[')) // IPv6 literal: never a virtual host
        return name;
    const qsizetype colon = name.lastIndexOf(':');
    if (colon >= 0)
        name.truncate(colon);
    if (name.endsWith('.'))
        name.chop(1);
    return name;
}

struct Addressed {
    QByteArray bucket; // decoded
    QByteArray key;    // decoded
    bool hasKey = false;
};

Addressed address(const QByteArray &path, const QByteArray &virtualBucket)
{
    Addressed out;
    QByteArrayView rest = QByteArrayView(path).mid(1); // drop the leading '/'
    if (!virtualBucket.isEmpty()) {
        out.bucket = virtualBucket;
        out.hasKey = !rest.isEmpty();
        out.key = sigv4::percentDecode(rest);
        return out;
    }
    const qsizetype slash = rest.indexOf('/');
    if (slash < 0) {
        out.bucket = sigv4::percentDecode(rest);
        return out;
    }
    out.bucket = sigv4::percentDecode(rest.first(slash));
    const QByteArrayView key = rest.mid(slash + 1);
    out.hasKey = !key.isEmpty();
    out.key = sigv4::percentDecode(key);
    return out;
}

RouteResult fail(ApiError error)
{
    RouteResult result;
    result.error = std::move(error);
    return result;
}

RouteResult ok(Endpoint endpoint)
{
    RouteResult result;
    result.endpoint = std::move(endpoint);
    return result;
}

ApiError methodNotAllowed(const QByteArray &method, const char *what)
{
    return apiError("MethodNotAllowed",
                    u"The method %1 is not allowed on %2."_s.arg(QString::fromLatin1(method),
                                                                 QString::fromLatin1(what)));
}

RouteResult routeService(const QByteArray &method, const Query &query)
{
    if (method == "GET") {
        ListBuckets e;
        e.prefix = query.value("prefix");
        e.continuationToken = query.value("continuation-token");
        ApiError error;
        const auto limit = parseLimit(query, "max-buckets", 0, error);
        if (!limit)
            return fail(error);
        e.maxBuckets = *limit;
        return ok(e);
    }
    if (method == "OPTIONS")
        return ok(Options{});
    return fail(methodNotAllowed(method, "the service (no bucket named)"));
}

RouteResult routeList(const QString &bucket, const Query &query)
{
    ApiError error;
    const bool url = isUrlEncoding(query, error);
    if (!error.code.isEmpty())
        return fail(error);
    const auto maxKeys = parseLimit(query, "max-keys", kDefaultMaxKeys, error);
    if (!maxKeys)
        return fail(error);
    if (query.has("versions")) {
        ListObjectVersions e;
        e.bucket = bucket;
        e.prefix = query.value("prefix");
        e.delimiter = query.value("delimiter");
        e.keyMarker = query.value("key-marker");
        e.versionIdMarker = query.value("version-id-marker");
        e.maxKeys = *maxKeys;
        e.encodingTypeUrl = url;
        return ok(e);
    }
    if (query.has("list-type")) {
        if (query.value("list-type") != "2")
            return fail(invalidArgument(u"list-type must be 2 (ListObjectsV2) or absent (ListObjects)."_s));
        ListObjectsV2 e;
        e.bucket = bucket;
        e.prefix = query.value("prefix");
        e.delimiter = query.value("delimiter");
        e.continuationToken = query.value("continuation-token");
        e.startAfter = query.value("start-after");
        e.maxKeys = *maxKeys;
        e.fetchOwner = query.value("fetch-owner") == "true";
        e.encodingTypeUrl = url;
        return ok(e);
    }
    ListObjectsV1 e;
        e.bucket = bucket;
    e.prefix = query.value("prefix");
    e.delimiter = query.value("delimiter");
    e.marker = query.value("marker");
    e.maxKeys = *maxKeys;
    e.encodingTypeUrl = url;
    return ok(e);
}

RouteResult routeBucket(const QByteArray &method, const QString &bucket, const Query &query)
{
    if (method == "OPTIONS")
        return ok(Options{bucket, {}});
    if (method == "HEAD")
        return ok(HeadBucket{{bucket}});
    const bool get = method == "GET";
    const bool put = method == "PUT";
    const bool del = method == "DELETE";
    if (get || put || del) {
        if (const auto what = firstUnsupported(query, kUnsupportedBucketSubresources))
            return ok(Unsupported{bucket, {}, *what});
        if (query.has("cors"))
            return get ? ok(GetBucketCors{{bucket}}) : put ? ok(PutBucketCors{{bucket}}) : ok(DeleteBucketCors{{bucket}});
        if (query.has("lifecycle"))
            return get ? ok(GetBucketLifecycle{{bucket}})
                       : put ? ok(PutBucketLifecycle{{bucket}}) : ok(DeleteBucketLifecycle{{bucket}});
        if (query.has("policy"))
            return get ? ok(GetBucketPolicy{{bucket}}) : put ? ok(PutBucketPolicy{{bucket}}) : ok(DeleteBucketPolicy{{bucket}});
        if (query.has("publicAccessBlock"))
            return get ? ok(GetPublicAccessBlock{{bucket}})
                       : put ? ok(PutPublicAccessBlock{{bucket}}) : ok(DeletePublicAccessBlock{{bucket}});
        if (query.has("policyStatus") && get)
            return ok(GetBucketPolicyStatus{{bucket}});
        if (query.has("versioning") && (get || put))
            return get ? ok(GetBucketVersioning{{bucket}}) : ok(PutBucketVersioning{{bucket}});
        if (query.has("location") && get)
            return ok(GetBucketLocation{{bucket}});
    }
    if (get) {
        if (query.has("uploads")) {
            ListMultipartUploads e;
        e.bucket = bucket;
            ApiError error;
            e.encodingTypeUrl = isUrlEncoding(query, error);
            const auto limit = parseLimit(query, "max-uploads", kDefaultMaxKeys, error);
            if (!limit || !error.code.isEmpty())
                return fail(error);
            e.prefix = query.value("prefix");
            e.delimiter = query.value("delimiter");
            e.keyMarker = query.value("key-marker");
            e.uploadIdMarker = query.value("upload-id-marker");
            e.maxUploads = *limit;
            return ok(e);
        }
        return routeList(bucket, query);
    }
    if (put)
        return ok(CreateBucket{{bucket}});
    if (del)
        return ok(DeleteBucket{{bucket}});
    if (method == "POST") {
        if (query.has("delete"))
            return ok(DeleteObjects{{bucket}});
        return ok(Unsupported{bucket, {}, "PostObject"});
    }
    return fail(methodNotAllowed(method, "a bucket"));
}

RouteResult routeObject(const QByteArray &method, const ObjectTarget &target, const Query &query,
                        const QByteArray &copySourceHeader)
{
    if (method == "OPTIONS")
        return ok(Options{target.bucket, target.key});
    if (method != "HEAD") {
        if (const auto what = firstUnsupported(query, kUnsupportedObjectSubresources))
            return ok(Unsupported{target.bucket, target.key, *what});
    }
    if (query.has("versionId") && query.value("versionId") != "null")
        return fail(invalidArgument(u"This bucket is not versioned: the only version id is \"null\"."_s));

    ApiError error;
    std::optional<CopySource> source;
    if (!copySourceHeader.isEmpty() && method == "PUT") {
        source = parseCopySource(copySourceHeader);
        if (!source)
            return fail(invalidArgument(u"x-amz-copy-source must be \"bucket/key\", percent-encoded, "
                                        "optionally followed by ?versionId=null."_s));
    }
    const bool hasUpload = query.has("uploadId");
    const QByteArray uploadId = query.value("uploadId");
    if (hasUpload && uploadId.isEmpty())
        return fail(apiError("NoSuchUpload", u"The uploadId parameter is empty."_s));

    if (method == "GET" || method == "HEAD") {
        if (method == "GET" && hasUpload) {
            ListParts e;
            static_cast<ObjectTarget &>(e) = target;
            e.uploadId = uploadId;
            const auto limit = parseLimit(query, "max-parts", kDefaultMaxKeys, error);
            const auto marker = parseLimit(query, "part-number-marker", 0, error);
            if (!limit || !marker)
                return fail(error);
            e.maxParts = *limit;
            e.partNumberMarker = *marker;
            return ok(e);
        }
        int partNumber = 0;
        if (query.has("partNumber")) {
            const auto n = parsePartNumber(query, error);
            if (!n)
                return fail(error);
            partNumber = *n;
        }
        if (method == "GET")
            return ok(GetObject{target, partNumber});
        return ok(HeadObject{target, partNumber});
    }
    if (method == "PUT") {
        if (hasUpload || query.has("partNumber")) {
            if (!hasUpload)
                return fail(invalidArgument(u"UploadPart needs an uploadId parameter as well as partNumber."_s));
            const auto n = parsePartNumber(query, error);
            if (!n)
                return fail(error);
            if (source)
                return ok(UploadPartCopy{{target, uploadId, *n}, *source});
            return ok(UploadPart{target, uploadId, *n});
        }
        if (source)
            return ok(CopyObject{target, *source});
        return ok(PutObject{target});
    }
    if (method == "POST") {
        if (query.has("uploads"))
            return ok(CreateMultipartUpload{target});
        if (hasUpload)
            return ok(CompleteMultipartUpload{target, uploadId});
        return fail(methodNotAllowed(method, "an object without ?uploads or ?uploadId"));
    }
    if (method == "DELETE") {
        if (hasUpload)
            return ok(AbortMultipartUpload{target, uploadId});
        return ok(DeleteObject{target});
    }
    return fail(methodNotAllowed(method, "an object"));
}

} // namespace

std::optional<TargetParts> splitTarget(const QByteArray &target)
{
    QByteArrayView rest(target);
    for (const QByteArrayView scheme : {QByteArrayView("http://"), QByteArrayView("https://")}) {
        if (rest.size() >= scheme.size() && QByteArrayView(rest.first(scheme.size())).compare(scheme, Qt::CaseInsensitive) == 0) {
            rest = rest.mid(scheme.size());
            const qsizetype slash = rest.indexOf('/');
            rest = slash < 0 ? QByteArrayView("/") : rest.mid(slash);
            break;
        }
    }
    if (!rest.startsWith('/'))
        return std::nullopt;
    TargetParts parts;
    const qsizetype question = rest.indexOf('?');
    if (question < 0) {
        parts.path = rest.toByteArray();
    } else {
        parts.path = rest.first(question).toByteArray();
        parts.query = rest.mid(question + 1).toByteArray();
    }
    if (parts.path.contains('#'))
        return std::nullopt;
    return parts;
}

std::optional<CopySource> parseCopySource(const QByteArray &header)
{
    QByteArrayView text(header);
    const qsizetype question = text.indexOf('?');
    if (question >= 0) {
        const QByteArray rest = text.mid(question + 1).toByteArray();
        const auto pairs = sigv4::parseQuery(rest);
        for (const auto &[name, value] : pairs) {
            if (name != "versionId" || value != "null")
                return std::nullopt;
        }
        text = text.first(question);
    }
    if (text.startsWith('/'))
        text = text.mid(1);
    const qsizetype slash = text.indexOf('/');
    if (slash <= 0 || slash == text.size() - 1)
        return std::nullopt;
    const QByteArray bucket = sigv4::percentDecode(text.first(slash));
    const QByteArray key = sigv4::percentDecode(text.mid(slash + 1));
    if (!isBucketShaped(bucket) || key.size() > kMaxKeyBytes || !QByteArrayView(key).isValidUtf8())
        return std::nullopt;
    return CopySource{QString::fromUtf8(bucket), key};
}

RouteResult route(const RouteRequest &request, const RouterConfig &config)
{
    const QByteArray &method = request.method;
    static constexpr std::array kMethods = {"GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS"};
    if (std::none_of(kMethods.begin(), kMethods.end(), [&](const char *m) { return method == m; }))
        return fail(apiError("MethodNotAllowed",
                             u"The method \"%1\" is not an S3 method; use GET, HEAD, PUT, POST, DELETE or OPTIONS."_s
                                 .arg(QString::fromLatin1(method.left(32)))));
    const auto parts = splitTarget(request.target);
    if (!parts)
        return fail(apiError("InvalidURI", u"The request target must be a path starting with \"/\"."_s, 400));
    const Query query(parts->query);

    QByteArray virtualBucket;
    if (!config.virtualHostBase.isEmpty()) {
        const QByteArray host = hostName(request.host);
        const QByteArray base = config.virtualHostBase.toLower();
        if (host.size() > base.size() + 1 && host.endsWith(QByteArray('.' + base)))
            virtualBucket = host.first(host.size() - base.size() - 1);
    }
    if (virtualBucket.isEmpty() && parts->path == "/")
        return routeService(method, query);

    const Addressed where = address(parts->path, virtualBucket);
    if (!isBucketShaped(where.bucket))
        return fail(apiError("InvalidBucketName",
                             u"\"%1\" is not a bucket name: use 3-63 lowercase letters, digits, hyphens and dots."_s
                                 .arg(QString::fromUtf8(where.bucket.left(80)))));
    const QString bucket = QString::fromUtf8(where.bucket);
    if (!where.hasKey)
        return routeBucket(method, bucket, query);
    if (where.key.size() > kMaxKeyBytes)
        return fail(apiError("KeyTooLongError",
                             u"The key is %1 bytes long; S3 keys are at most 1,024 bytes in UTF-8."_s
                                 .arg(where.key.size())));
    if (!QByteArrayView(where.key).isValidUtf8())
        return fail(apiError("InvalidArgument", u"The object key is not valid UTF-8 once percent-decoded."_s));
    return routeObject(method, ObjectTarget{bucket, where.key}, query, request.copySource);
}

} // namespace coffer::server::api
