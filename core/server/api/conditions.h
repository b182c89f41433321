#pragma once
// The HTTP preconditions S3 evaluates on reads (If-Match, If-None-Match, If-Modified-Since,
// If-Unmodified-Since; RFC 9110's order) and on copy sources (x-amz-copy-source-if-*),
// and the single byte range a GET may ask for. Pure functions over header values.

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace coffer::server::api {

struct Preconditions {
    QByteArray ifMatch;
    QByteArray ifNoneMatch;
    QByteArray ifModifiedSince;
    QByteArray ifUnmodifiedSince;
};

enum class PreconditionResult { Proceed, NotModified, Failed };

// For GET/HEAD: Failed → 412 PreconditionFailed, NotModified → 304.
PreconditionResult evaluateRead(const Preconditions &conditions, const QString &etag,
                                const QDateTime &lastModified);
// For a copy source, where S3 answers every failed condition with 412.
PreconditionResult evaluateCopySource(const Preconditions &conditions, const QString &etag,
                                      const QDateTime &lastModified);

// True when the header value (one ETag, a comma-separated list, or "*") names etag.
bool etagMatches(QByteArrayView headerValue, const QString &etag);
// An HTTP date (RFC 1123, or RFC 850/asctime as some clients send); invalid when unparsable.
QDateTime parseHttpDate(QByteArrayView text);
QByteArray formatHttpDate(const QDateTime &time);

struct ResolvedRange {
    qint64 first = 0;
    qint64 length = 0;
};

struct RangeRequest {
    bool present = false;     // a Range header S3 honours (one bytes= range)
    bool satisfiable = true;  // false → 416 InvalidRange
    ResolvedRange range;
};

// Parses "bytes=a-b", "bytes=a-" or "bytes=-n" against an object of objectSize bytes.
// Anything else (other units, several ranges, garbage) is ignored: the whole object.
RangeRequest resolveRange(QByteArrayView header, qint64 objectSize);

} // namespace coffer::server::api
