// libFuzzer target: the input is an Authorization header value and, at the same time, a
// raw query string. Whatever it is, the parsers must return a typed result without
// crashing, and what they accept must satisfy the invariants the server relies on.

#include "s3/sigv4/authorization.h"
#include "s3/sigv4/presigned.h"
#include "s3/sigv4/signer.h"

#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace coffer::s3::sigv4;

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    const AuthorizationParse header = parseAuthorization(input);
    if (header.ok()) {
        require(isSignatureShaped(header.authorization.signature));
        require(isValidSignedHeaders(header.authorization.signedHeaders));
        require(header.authorization.credential.scope.date.isValid());
        require(!header.authorization.credential.accessKeyId.isEmpty());
    } else {
        require(!s3ErrorCode(header.error, AuthLocation::Header).isEmpty());
        require(!errorMessage(header.error).isEmpty());
    }

    static const QDateTime now(QDate(2026, 2, 23), QTime(8, 30, 0), QTimeZone::UTC);
    const QueryList query = parseQuery(input);
    const PresignedParse presigned = parsePresignedQuery(query, now);
    if (presigned.ok()) {
        require(isPresigned(query));
        const PresignedAuthorization &auth = presigned.authorization;
        require(auth.expiresSeconds >= 1 && auth.expiresSeconds <= kMaxPresignExpiry);
        require(auth.signedAt.secsTo(now) <= auth.expiresSeconds);
        require(auth.signedQuery.size() == query.size() - 1);
        require(auth.credential.scope.date == auth.signedAt.date());
    }

    // Encoding exactly once is reversible, and the encoded form is canonical already.
    const QByteArray encoded = uriEncode(input, true);
    require(percentDecode(encoded) == input);
    require(uriEncode(percentDecode(encoded), true) == encoded);
    require(percentDecode(encodePath(input)) == input);
    // The verifier's path canonicalization agrees with the signer's encoding, and is stable.
    require(canonicalPathOf(encodePath(input)) == encodePath(input));
    const QByteArray canonicalPath = canonicalPathOf(input);
    require(canonicalPathOf(canonicalPath) == canonicalPath);

    const std::optional<QDateTime> date = amzDateTime(input);
    if (date)
        require(amzDate(*date) == input);
    return 0;
}
