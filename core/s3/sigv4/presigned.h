#pragma once
// The verifying side of presigned URLs: reads the X-Amz-* query parameters, checks
// their shape and that the URL is within its validity window at `now`.

#include "auth_error.h"
#include "authorization.h"
#include "signer.h"

#include <QDateTime>

namespace coffer::s3::sigv4 {

// How far in the future X-Amz-Date may lie before the URL is "not valid yet": clocks drift.
inline constexpr qint64 kAllowedClockSkewSeconds = 15 * 60;

struct PresignedAuthorization {
    Credential credential;
    QDateTime signedAt;       // X-Amz-Date
    qint64 expiresSeconds = 0;
    QByteArray signedHeaders; // as sent
    QByteArray signature;     // lowercase hex
    QByteArray securityToken; // empty when none
    QueryList signedQuery;    // every parameter except X-Amz-Signature, for canonicalQuery()
};

struct PresignedParse {
    AuthError error = AuthError::None;
    PresignedAuthorization authorization; // meaningful only when error == AuthError::None
    bool ok() const { return error == AuthError::None; }
};

// True when the query carries SigV4 query authentication (X-Amz-Algorithm or X-Amz-Signature).
bool isPresigned(const QueryList &query);

// query is the decoded request query (parseQuery()). Errors, checked in this order:
// Malformed (a parameter missing or repeated), UnsupportedAlgorithm, BadCredential/BadScope,
// BadDate, BadScope (scope date is not X-Amz-Date's), BadExpires, BadSignedHeaders,
// BadSignature, NotYetValid, Expired.
PresignedParse parsePresignedQuery(const QueryList &query, const QDateTime &now);

} // namespace coffer::s3::sigv4
