#include "auth_error.h"

namespace coffer::s3::sigv4 {

QByteArrayView s3ErrorCode(AuthError error, AuthLocation where)
{
    switch (error) {
    case AuthError::None:
        return {};
    case AuthError::UnsupportedAlgorithm:
        return "InvalidArgument";
    case AuthError::Expired:
    case AuthError::NotYetValid:
        return "AccessDenied";
    case AuthError::Malformed:
    case AuthError::BadCredential:
    case AuthError::BadScope:
    case AuthError::BadSignedHeaders:
    case AuthError::BadSignature:
    case AuthError::BadDate:
    case AuthError::BadExpires:
        break;
    }
    return where == AuthLocation::Header ? QByteArrayView("AuthorizationHeaderMalformed")
                                         : QByteArrayView("AuthorizationQueryParametersError");
}

QByteArrayView errorMessage(AuthError error)
{
    switch (error) {
    case AuthError::None:
        return {};
    case AuthError::Malformed:
        return "The authorization is malformed: expected AWS4-HMAC-SHA256 with Credential, "
               "SignedHeaders and Signature, each exactly once. Sign the request with SigV4.";
    case AuthError::UnsupportedAlgorithm:
        return "Unsupported authorization type: only AWS4-HMAC-SHA256 (SigV4) is accepted. "
               "Configure the client to use signature version 4.";
    case AuthError::BadCredential:
        return "The Credential is malformed: expected <access key>/<yyyymmdd>/<region>/<service>/aws4_request.";
    case AuthError::BadScope:
        return "The credential scope is invalid: its date must be the request's date and region "
               "and service must not be empty. Check the client's clock and region.";
    case AuthError::BadSignedHeaders:
        return "SignedHeaders is invalid: it must list lowercase header names separated by ';' "
               "and include host.";
    case AuthError::BadSignature:
        return "The signature is malformed: expected 64 hexadecimal characters.";
    case AuthError::BadDate:
        return "X-Amz-Date is invalid: expected the ISO 8601 basic form yyyyMMddTHHmmssZ.";
    case AuthError::BadExpires:
        return "X-Amz-Expires must be a whole number of seconds from 1 to 604800 (7 days). "
               "Create a new presigned URL with a valid expiry.";
    case AuthError::Expired:
        return "Request has expired: the presigned URL is past its expiry. Create a new one.";
    case AuthError::NotYetValid:
        return "Request is not valid yet: the presigned URL is dated in the future. "
               "Check the clock of the machine that signed it.";
    }
    return {};
}

} // namespace coffer::s3::sigv4
