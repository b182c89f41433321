#pragma once
// SigV4 as small pure functions with the clock passed in (the interface both the
// client, which signs, and the server, which verifies, are written against).
// Every stage is exposed so that each can be tested against the AWS vectors.

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>

#include <optional>
#include <utility>

namespace coffer::s3::sigv4 {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>; // name (any case), value as sent
using QueryList = QList<std::pair<QByteArray, QByteArray>>;  // decoded name, decoded value

inline constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr QByteArrayView kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr QByteArrayView kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct Credentials {
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty when none
};

struct Scope {
    QDate date;
    QByteArray region;
    QByteArray service = "s3";
    QByteArray toString() const; // "20150830/us-east-1/s3/aws4_request"
};

// What is signed. encodedPath is the request target's path exactly as it travels,
// percent-encoded once (S3: never normalized, "//", "." and ".." stay).
struct CanonicalInput {
    QByteArray method;
    QByteArray encodedPath;
    QueryList query;
    HeaderList headers;
    QByteArray payloadHash; // hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* value
};

// S3's URI encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, everything else
// becomes %XX with uppercase hex; a space is %20, '+' is %2B; '/' stays unless encodeSlash.
QByteArray uriEncode(QByteArrayView raw, bool encodeSlash);
// Percent-encodes a raw (decoded) object path such as "/bucket/a b/c" for the wire.
QByteArray encodePath(QByteArrayView rawPath);
// The verifier's canonical URI for a request-target path exactly as it arrived: each
// segment is decoded and encoded again, so "%7e" becomes "~" and "%2f" becomes "%2F", but
// nothing is normalized ("//", ".", ".." and an encoded slash stay where they are).
QByteArray canonicalPathOf(QByteArrayView requestTargetPath);

QByteArray amzDate(const QDateTime &utc);      // 20150830T123600Z
// The inverse of amzDate: exactly "yyyyMMddTHHmmssZ", otherwise std::nullopt.
std::optional<QDateTime> amzDateTime(QByteArrayView text);
// Decodes %XX escapes (either case); '+' stays '+' (RFC 3986, as S3 signs it). A '%'
// that does not start a valid escape is kept as it is.
QByteArray percentDecode(QByteArrayView encoded);
// Splits a raw query string ("a=1&b&c=%20") into decoded name/value pairs, in order.
// A parameter without '=' gets an empty value; empty pieces ("a=1&&b") are skipped.
QueryList parseQuery(QByteArrayView encodedQuery);
// A header value as it is signed: trimmed, inner runs of whitespace collapsed to one space.
QByteArray canonicalHeaderValue(QByteArrayView value);
QByteArray canonicalQuery(const QueryList &query);
// Lowercased, sorted, ';'-joined names of the headers to sign.
QByteArray signedHeaderNames(const HeaderList &headers);
QByteArray canonicalRequest(const CanonicalInput &input, const QByteArray &signedHeaderNames);
QByteArray stringToSign(const QDateTime &utc, const Scope &scope, const QByteArray &canonicalRequest);
QByteArray signingKey(QByteArrayView secret, const Scope &scope);
QByteArray signature(const QByteArray &signingKey, const QByteArray &stringToSign); // lowercase hex

// Signs a request for the Authorization header: returns the headers to add
// (x-amz-date, x-amz-content-sha256, x-amz-security-token when present, Authorization).
// input.headers must already hold "host" and every other header to sign; any
// x-amz-date, x-amz-content-sha256, x-amz-security-token or Authorization already in
// input.headers is ignored (the returned values replace them). An empty
// input.payloadHash signs UNSIGNED-PAYLOAD.
HeaderList signHeaders(const CanonicalInput &input, const Credentials &credentials,
                       const QByteArray &region, const QDateTime &now,
                       const QByteArray &service = "s3");

inline constexpr qint64 kMaxPresignExpiry = 604800; // 7 days, S3's limit

// A presigned URL: expiry from 1 s to 7 days (604800 s), otherwise std::nullopt.
// Returns the complete encoded query string (input.query plus the X-Amz-* parameters,
// ending with X-Amz-Signature) to put after '?' on encodedPath. input.headers must hold
// "host" (and any other header to sign). An empty input.payloadHash signs UNSIGNED-PAYLOAD,
// which is what S3 expects of presigned URLs.
std::optional<QByteArray> presignQuery(const CanonicalInput &input, const Credentials &credentials,
                                       const QByteArray &region, const QDateTime &now,
                                       qint64 expiresSeconds, const QByteArray &service = "s3");

} // namespace coffer::s3::sigv4
