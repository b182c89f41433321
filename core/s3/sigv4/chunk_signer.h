#pragma once
// Signatures of aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): each
// chunk's signature chains on the previous one, starting from the seed signature of the
// request's Authorization header. Used by the encoder (client) and decoder (server).

#include "signer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace coffer::s3::sigv4 {

inline constexpr QByteArrayView kStreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr QByteArrayView kStreamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
inline constexpr QByteArrayView kStreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

// What every chunk signature of one request is computed from.
struct ChunkSigningContext {
    QByteArray signingKey; // signingKey(secret, scope)
    QDateTime time;        // the request's x-amz-date
    Scope scope;
    QByteArray seedSignature; // the Authorization header's signature (hex)
};

// "AWS4-HMAC-SHA256-PAYLOAD\n<date>\n<scope>\n<previous>\n<sha256("")>\n<chunk sha256>"
QByteArray chunkStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                             const QByteArray &chunkSha256Hex);
// "AWS4-HMAC-SHA256-TRAILER\n<date>\n<scope>\n<previous>\n<sha256(trailer lines)>"
QByteArray trailerStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                               const QByteArray &trailerSha256Hex);
// The trailer as it is hashed for signing: "name:value\n" per trailer, in order.
QByteArray canonicalTrailer(const HeaderList &trailers);

// Walks the chain: each call signs the next chunk and remembers its signature.
class ChunkSigner
{
public:
    explicit ChunkSigner(ChunkSigningContext context);

    QByteArray signChunk(QByteArrayView data);             // hashes data itself
    QByteArray signChunkHash(const QByteArray &sha256Hex); // when data was hashed in slices
    // Signs the trailer after the final (empty) chunk.
    QByteArray signTrailer(const HeaderList &trailers);
    QByteArray previousSignature() const { return m_previous; }

private:
    ChunkSigningContext m_context;
    QByteArray m_dateAndScope; // formatted once: a body may have thousands of chunks
    QByteArray m_previous;
};

} // namespace coffer::s3::sigv4
