#include "chunk_signer.h"

#include "digest.h"

namespace coffer::s3::sigv4 {

QByteArray chunkStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                             const QByteArray &chunkSha256Hex)
{
    return "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate(context.time) + '\n' + context.scope.toString() + '\n'
        + previousSignature + '\n' + kEmptyPayloadSha256.toByteArray() + '\n' + chunkSha256Hex;
}

QByteArray trailerStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                               const QByteArray &trailerSha256Hex)
{
    return "AWS4-HMAC-SHA256-TRAILER\n" + amzDate(context.time) + '\n' + context.scope.toString() + '\n'
        + previousSignature + '\n' + trailerSha256Hex;
}

QByteArray canonicalTrailer(const HeaderList &trailers)
{
    QByteArray out;
    for (const auto &[name, value] : trailers)
        out.append(name.toLower()).append(':').append(value).append('\n');
    return out;
}

ChunkSigner::ChunkSigner(ChunkSigningContext context)
    : m_context(std::move(context))
    , m_previous(m_context.seedSignature)
{
}

QByteArray ChunkSigner::signChunk(QByteArrayView data)
{
    return signChunkHash(sha256Hex(data));
}

QByteArray ChunkSigner::signChunkHash(const QByteArray &sha256Hex)
{
    m_previous = signature(m_context.signingKey, chunkStringToSign(m_context, m_previous, sha256Hex));
    return m_previous;
}

QByteArray ChunkSigner::signTrailer(const HeaderList &trailers)
{
    m_previous = signature(m_context.signingKey,
                           trailerStringToSign(m_context, m_previous, sha256Hex(canonicalTrailer(trailers))));
    return m_previous;
}

} // namespace coffer::s3::sigv4
