#pragma once
// The verifying side of SigV4: reads "Authorization: AWS4-HMAC-SHA256 Credential=...,
// SignedHeaders=..., Signature=..." into its parts, each fault a typed AuthError.
// It checks the shape only; whether the signature is right is decided by recomputing it
// (canonicalRequest → stringToSign → signature) and comparing with signaturesMatch().

#include "auth_error.h"
#include "signer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace coffer::s3::sigv4 {

struct Credential {
    QByteArray accessKeyId;
    Scope scope;
};

struct CredentialParse {
    AuthError error = AuthError::None;
    Credential credential;
};

// "<access key>/<yyyymmdd>/<region>/<service>/aws4_request" (as in a header or a
// decoded X-Amz-Credential). Errors: BadCredential (shape), BadScope (date, terminator).
CredentialParse parseCredential(QByteArrayView text);

// Lowercase header names separated by ';', including "host" (what S3 demands).
bool isValidSignedHeaders(QByteArrayView names);
// 64 hexadecimal characters (any case; compare lowercased).
bool isSignatureShaped(QByteArrayView signature);

struct Authorization {
    Credential credential;
    QByteArray signedHeaders; // as sent, e.g. "host;x-amz-date": sign it verbatim
    QByteArray signature;     // lowercase hex
};

struct AuthorizationParse {
    AuthError error = AuthError::None;
    Authorization authorization; // meaningful only when error == AuthError::None
    bool ok() const { return error == AuthError::None; }
};

AuthorizationParse parseAuthorization(QByteArrayView header);

// Constant-time comparison of a computed signature with the one sent (hex, any case).
bool signaturesMatch(QByteArrayView expectedHex, QByteArrayView sentHex);

} // namespace coffer::s3::sigv4
