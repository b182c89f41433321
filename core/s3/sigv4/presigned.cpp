#include "presigned.h"

namespace coffer::s3::sigv4 {

namespace {

constexpr QByteArrayView kAuthParameters[] = {
    "X-Amz-Algorithm", "X-Amz-Credential",    "X-Amz-Date",      "X-Amz-Expires",
    "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token",
};

// X-Amz-Expires as S3 writes it: plain decimal digits, no sign, no spaces.
std::optional<qint64> parseExpires(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 7)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

bool isPresigned(const QueryList &query)
{
    for (const auto &parameter : query) {
        if (parameter.first == "X-Amz-Algorithm" || parameter.first == "X-Amz-Signature")
            return true;
    }
    return false;
}

PresignedParse parsePresignedQuery(const QueryList &query, const QDateTime &now)
{
    PresignedParse result;
    auto fail = [&](AuthError error) {
        result.error = error;
        result.authorization = {};
        return result;
    };

    // Collect the authentication parameters, each at most once.
    QByteArray values[std::size(kAuthParameters)];
    bool seen[std::size(kAuthParameters)] = {};
    PresignedAuthorization &auth = result.authorization;
    for (const auto &parameter : query) {
        bool isSignature = false;
        for (size_t i = 0; i < std::size(kAuthParameters); ++i) {
            if (parameter.first != kAuthParameters[i])
                continue;
            if (seen[i])
                return fail(AuthError::Malformed);
            seen[i] = true;
            values[i] = parameter.second;
            isSignature = kAuthParameters[i] == QByteArrayView("X-Amz-Signature");
        }
        if (!isSignature)
            auth.signedQuery.append(parameter);
    }
    for (size_t i = 0; i + 1 < std::size(kAuthParameters); ++i) { // the token is optional
        if (!seen[i])
            return fail(AuthError::Malformed);
    }
    const QByteArray &algorithm = values[0];
    const QByteArray &credential = values[1];
    const QByteArray &date = values[2];
    const QByteArray &expires = values[3];
    const QByteArray &signedHeaders = values[4];
    const QByteArray &signature = values[5];

    if (algorithm != kAlgorithm)
        return fail(AuthError::UnsupportedAlgorithm);
    const CredentialParse parsedCredential = parseCredential(credential);
    if (parsedCredential.error != AuthError::None)
        return fail(parsedCredential.error);
    const std::optional<QDateTime> signedAt = amzDateTime(date);
    if (!signedAt)
        return fail(AuthError::BadDate);
    if (parsedCredential.credential.scope.date != signedAt->date())
        return fail(AuthError::BadScope);
    const std::optional<qint64> expiresSeconds = parseExpires(expires);
    if (!expiresSeconds || *expiresSeconds < 1 || *expiresSeconds > kMaxPresignExpiry)
        return fail(AuthError::BadExpires);
    if (!isValidSignedHeaders(signedHeaders))
        return fail(AuthError::BadSignedHeaders);
    if (!isSignatureShaped(signature))
        return fail(AuthError::BadSignature);

    const qint64 age = signedAt->secsTo(now);
    if (age < -kAllowedClockSkewSeconds)
        return fail(AuthError::NotYetValid);
    if (age > *expiresSeconds)
        return fail(AuthError::Expired);

    auth.credential = parsedCredential.credential;
    auth.signedAt = *signedAt;
    auth.expiresSeconds = *expiresSeconds;
    auth.signedHeaders = signedHeaders;
    auth.signature = signature.toLower();
    auth.securityToken = values[6];
    return result;
}

} // namespace coffer::s3::sigv4
