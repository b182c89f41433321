#include "endpoint.h"

#include "s3/sigv4/signer.h"

#include <array>
#include <type_traits>

namespace coffer::server::api {

namespace {

// In the variant's order; the static_assert keeps the two lists together.
constexpr std::array kNames = {
    "ListBuckets", "CreateBucket", "HeadBucket", "DeleteBucket", "GetBucketLocation",
    "ListObjectsV2", "ListObjects", "ListObjectVersions",
    "PutObject", "CopyObject", "GetObject", "HeadObject", "DeleteObject", "DeleteObjects",
    "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload",
    "AbortMultipartUpload", "ListParts", "ListMultipartUploads",
    "GetBucketCors", "PutBucketCors", "DeleteBucketCors",
    "GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle",
    "GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus",
    "GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock",
    "GetBucketVersioning", "PutBucketVersioning",
    "Options", "Unsupported"};
static_assert(kNames.size() == std::variant_size_v<Endpoint>);

// Keys are shown percent-encoded so that every byte is visible in a test failure.
QByteArray shown(const QByteArray &bytes)
{
    return coffer::s3::sigv4::uriEncode(bytes, true);
}

void field(QByteArray &out, const char *name, const QByteArray &value)
{
    if (!value.isEmpty())
        out += ' ' + QByteArray(name) + '=' + shown(value);
}

void field(QByteArray &out, const char *name, int value, int defaultValue)
{
    if (value != defaultValue)
        out += ' ' + QByteArray(name) + '=' + QByteArray::number(value);
}

void flag(QByteArray &out, const char *name, bool value)
{
    if (value)
        out += ' ' + QByteArray(name);
}

template <typename T>
void describeFields(QByteArray &out, const T &e)
{
    if constexpr (requires { e.key; }) {
        if constexpr (!std::is_same_v<T, Unsupported> && !std::is_same_v<T, Options>)
            out += " key=" + shown(e.key);
        else
            field(out, "key", e.key);
    }
    if constexpr (requires { e.source; })
        out += " source=" + e.source.bucket.toUtf8() + '/' + shown(e.source.key);
    if constexpr (requires { e.uploadId; })
        field(out, "uploadId", e.uploadId);
    if constexpr (requires { e.partNumber; })
        field(out, "partNumber", e.partNumber, 0);
    if constexpr (requires { e.prefix; })
        field(out, "prefix", e.prefix);
    if constexpr (requires { e.delimiter; })
        field(out, "delimiter", e.delimiter);
    if constexpr (requires { e.continuationToken; })
        field(out, "token", e.continuationToken);
    if constexpr (requires { e.startAfter; })
        field(out, "startAfter", e.startAfter);
    if constexpr (requires { e.marker; })
        field(out, "marker", e.marker);
    if constexpr (requires { e.keyMarker; })
        field(out, "keyMarker", e.keyMarker);
    if constexpr (requires { e.versionIdMarker; })
        field(out, "versionIdMarker", e.versionIdMarker);
    if constexpr (requires { e.uploadIdMarker; })
        field(out, "uploadIdMarker", e.uploadIdMarker);
    if constexpr (requires { e.maxKeys; })
        field(out, "maxKeys", e.maxKeys, kDefaultMaxKeys);
    if constexpr (requires { e.maxParts; })
        field(out, "maxParts", e.maxParts, kDefaultMaxKeys);
    if constexpr (requires { e.partNumberMarker; })
        field(out, "partNumberMarker", e.partNumberMarker, 0);
    if constexpr (requires { e.maxUploads; })
        field(out, "maxUploads", e.maxUploads, kDefaultMaxKeys);
    if constexpr (requires { e.maxBuckets; })
        field(out, "maxBuckets", e.maxBuckets, 0);
    if constexpr (requires { e.fetchOwner; })
        flag(out, "fetchOwner", e.fetchOwner);
    if constexpr (requires { e.encodingTypeUrl; })
        flag(out, "url", e.encodingTypeUrl);
    if constexpr (requires { e.what; })
        out += " what=" + e.what;
}

} // namespace

QByteArray endpointName(const Endpoint &endpoint)
{
    return QByteArray(kNames[endpoint.index()]);
}

QString endpointBucket(const Endpoint &endpoint)
{
    return std::visit([](const auto &e) -> QString {
        if constexpr (requires { e.bucket; })
            return e.bucket;
        else
            return {};
    }, endpoint);
}

std::optional<QByteArray> endpointKey(const Endpoint &endpoint)
{
    return std::visit([](const auto &e) -> std::optional<QByteArray> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_base_of_v<ObjectTarget, T>)
            return e.key;
        else if constexpr (std::is_same_v<T, Options> || std::is_same_v<T, Unsupported>)
            return e.key.isEmpty() ? std::nullopt : std::optional<QByteArray>(e.key);
        else
            return std::nullopt;
    }, endpoint);
}

QByteArray describeEndpoint(const Endpoint &endpoint)
{
    QByteArray out = endpointName(endpoint);
    const QString bucket = endpointBucket(endpoint);
    if (!bucket.isEmpty())
        out += " bucket=" + bucket.toUtf8();
    std::visit([&out](const auto &e) { describeFields(out, e); }, endpoint);
    return out;
}

} // namespace coffer::server::api
