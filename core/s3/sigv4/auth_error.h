#pragma once
// Why a request's SigV4 credentials could not be read, shared by the Authorization
// header parser and the presigned-query parser, with the S3 error it becomes.

#include <QByteArrayView>

namespace coffer::s3::sigv4 {

enum class AuthError {
    None,
    Malformed,            // not in the SigV4 shape (missing/duplicate/unknown parts)
    UnsupportedAlgorithm, // not AWS4-HMAC-SHA256 (e.g. SigV2 "AWS key:sig")
    BadCredential,        // Credential not "<key>/<yyyymmdd>/<region>/<service>/aws4_request"
    BadScope,             // scope date invalid or not the request's date, empty region/service
    BadSignedHeaders,     // empty, not lowercase names, or "host" missing
    BadSignature,         // not 64 hex characters
    BadDate,              // X-Amz-Date not yyyyMMddTHHmmssZ
    BadExpires,           // X-Amz-Expires not an integer from 1 to 604800
    Expired,              // presigned URL past X-Amz-Date + X-Amz-Expires
    NotYetValid,          // presigned URL dated in the future (beyond the allowed skew)
};

// Where the credentials were carried; S3 names the same fault differently for each.
enum class AuthLocation { Header, Query };

// The S3 error code to answer with, e.g. "AuthorizationHeaderMalformed", "AccessDenied".
QByteArrayView s3ErrorCode(AuthError error, AuthLocation where);
// A sentence for the error's <Message>: what is wrong and what the client should do.
QByteArrayView errorMessage(AuthError error);

} // namespace coffer::s3::sigv4
