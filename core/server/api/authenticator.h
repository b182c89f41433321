#pragma once
// Authentication of one request from its head, before any handler runs: SigV4 in the
// Authorization header, presigned query parameters, or none (anonymous, which the handler
// allows only for public buckets). Pure: the clock and the key pair are passed in.
//
// The signature is recomputed over the raw request target as it arrived and compared in
// constant time. What the body must still prove (a hex payload hash, chunk signatures) is
// handed back in PayloadCheck for the body reader.

#include "api_error.h"

#include "s3/sigv4/chunk_signer.h"
#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace coffer::server::api {

struct AuthRequest {
    QByteArray method;
    QByteArray target;                     // raw, as it arrived
    coffer::s3::sigv4::HeaderList headers; // lowercased names, values as sent
};

struct AuthConfig {
    coffer::s3::sigv4::Credentials credentials;
    // Regions accepted in the credential scope (R2 mode: "auto", "us-east-1" and "").
    QList<QByteArray> regions;
};

// How the request body is proven.
enum class PayloadKind {
    None,                    // anonymous: nothing signed
    Sha256,                  // x-amz-content-sha256 is a hex hash the body must match
    Unsigned,                // UNSIGNED-PAYLOAD
    StreamingSigned,         // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked, signed chunks
    StreamingSignedTrailer,  // ...-PAYLOAD-TRAILER: signed chunks and a signed trailer
    StreamingUnsignedTrailer // STREAMING-UNSIGNED-PAYLOAD-TRAILER: aws-chunked, plain trailer
};

struct PayloadCheck {
    PayloadKind kind = PayloadKind::None;
    QByteArray sha256Hex; // kind == Sha256: lowercase
    std::optional<coffer::s3::sigv4::ChunkSigningContext> chunkSigning; // StreamingSigned*
    bool isAwsChunked() const
    {
        return kind == PayloadKind::StreamingSigned || kind == PayloadKind::StreamingSignedTrailer
            || kind == PayloadKind::StreamingUnsignedTrailer;
    }
};

struct AuthOutcome {
    std::optional<ApiError> error; // the request is refused
    bool anonymous = false;        // no credentials at all: allowed only on public buckets
    bool presigned = false;
    PayloadCheck payload;
    bool ok() const { return !error.has_value(); }
};

inline constexpr qint64 kMaxClockSkewSeconds = 15 * 60;

AuthOutcome authenticate(const AuthRequest &request, const AuthConfig &config, const QDateTime &now);

} // namespace coffer::server::api
