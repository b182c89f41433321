#include "chunk_signer.h"

#include "digest.h"

namespace coffer::s3::sigv4 {

namespace {

// "<date>\n<scope>\n", the part every chunk of a request shares.
QByteArray dateAndScope(const ChunkSigningContext &context)
{
    return amzDate(context.time) + '\n' + context.scope.toString() + '\n';
}

QByteArray payloadStringToSign(const QByteArray &dateAndScope, const QByteArray &previousSignature,
                               const QByteArray &chunkSha256Hex)
{
    return "AWS4-HMAC-SHA256-PAYLOAD\n" + dateAndScope + previousSignature + '\n'
        + kEmptyPayloadSha256.toByteArray() + '\n' + chunkSha256Hex;
}

QByteArray trailerString(const QByteArray &dateAndScope, const QByteArray &previousSignature,
                         const QByteArray &trailerSha256Hex)
{
    return "AWS4-HMAC-SHA256-TRAILER\n" + dateAndScope + previousSignature + '\n' + trailerSha256Hex;
}

} // namespace

QByteArray chunkStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                             const QByteArray &chunkSha256Hex)
{
    return payloadStringToSign(dateAndScope(context), previousSignature, chunkSha256Hex);
}

QByteArray trailerStringToSign(const ChunkSigningContext &context, const QByteArray &previousSignature,
                               const QByteArray &trailerSha256Hex)
{
    return trailerString(dateAndScope(context), previousSignature, trailerSha256Hex);
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
    , m_dateAndScope(dateAndScope(m_context))
    , m_previous(m_context.seedSignature)
{
}

QByteArray ChunkSigner::signChunk(QByteArrayView data)
{
    return signChunkHash(sha256Hex(data));
}

QByteArray ChunkSigner::signChunkHash(const QByteArray &sha256Hex)
{
    m_previous = signature(m_context.signingKey, payloadStringToSign(m_dateAndScope, m_previous, sha256Hex));
    return m_previous;
}

QByteArray ChunkSigner::signTrailer(const HeaderList &trailers)
{
    m_previous = signature(m_context.signingKey,
                           trailerString(m_dateAndScope, m_previous, sha256Hex(canonicalTrailer(trailers))));
    return m_previous;
}

} // namespace coffer::s3::sigv4
