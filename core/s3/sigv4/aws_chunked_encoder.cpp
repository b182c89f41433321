#include "aws_chunked_encoder.h"

namespace coffer::s3::sigv4 {

namespace {

constexpr qint64 kSignatureExtension = 17 + 64; // ";chunk-signature=" + hex signature
constexpr QByteArrayView kTrailerSignatureName = "x-amz-trailer-signature";

qint64 hexDigits(qint64 value)
{
    qint64 digits = 1;
    while (value >= 16) {
        value /= 16;
        ++digits;
    }
    return digits;
}

qint64 frameLength(qint64 size, bool signedChunks)
{
    return hexDigits(size) + (signedChunks ? kSignatureExtension : 0) + 2 + size + 2;
}

} // namespace

qint64 awsChunkedEncodedLength(qint64 decodedLength, const ChunkedLayout &layout)
{
    if (layout.chunkSize < 1 || decodedLength < 0)
        return -1;
    const qint64 fullChunks = decodedLength / layout.chunkSize;
    const qint64 rest = decodedLength % layout.chunkSize;
    qint64 total = fullChunks * frameLength(layout.chunkSize, layout.signedChunks);
    if (rest > 0)
        total += frameLength(rest, layout.signedChunks);
    // The final chunk "0[;chunk-signature=SIG]\r\n", without data or its CRLF.
    total += 1 + (layout.signedChunks ? kSignatureExtension : 0) + 2;
    for (const TrailerShape &trailer : layout.trailers)
        total += trailer.name.size() + 1 + trailer.valueLength + 2;
    if (layout.signedChunks && !layout.trailers.isEmpty())
        total += kTrailerSignatureName.size() + 1 + 64 + 2;
    return total + 2;
}

AwsChunkedEncoder::AwsChunkedEncoder(qint64 chunkSize)
    : m_chunkSize(qMax<qint64>(1, chunkSize))
{
}

AwsChunkedEncoder::AwsChunkedEncoder(qint64 chunkSize, ChunkSigner signer)
    : m_chunkSize(qMax<qint64>(1, chunkSize))
    , m_signer(std::move(signer))
{
}

QByteArray AwsChunkedEncoder::frame(QByteArrayView data)
{
    QByteArray out = QByteArray::number(data.size(), 16);
    if (m_signer)
        out.append(";chunk-signature=").append(m_signer->signChunk(data));
    out.append("\r\n").append(data);
    // The final chunk's data CRLF is not there: the trailer section follows directly.
    if (!data.isEmpty())
        out.append("\r\n");
    return out;
}

QByteArray AwsChunkedEncoder::push(QByteArrayView data)
{
    QByteArray out;
    if (!m_pending.isEmpty()) {
        const qsizetype take = qMin<qsizetype>(data.size(), m_chunkSize - m_pending.size());
        m_pending.append(data.first(take));
        data = data.sliced(take);
        if (m_pending.size() < m_chunkSize)
            return out;
        out.append(frame(m_pending));
        m_pending.clear();
    }
    while (data.size() >= m_chunkSize) {
        out.append(frame(data.first(m_chunkSize)));
        data = data.sliced(m_chunkSize);
    }
    m_pending = data.toByteArray();
    return out;
}

QByteArray AwsChunkedEncoder::finish(const HeaderList &trailers)
{
    QByteArray out;
    if (!m_pending.isEmpty())
        out.append(frame(m_pending));
    m_pending.clear();
    out.append(frame({}));
    for (const auto &[name, value] : trailers)
        out.append(name.toLower()).append(':').append(value).append("\r\n");
    if (m_signer && !trailers.isEmpty())
        out.append(kTrailerSignatureName).append(':').append(m_signer->signTrailer(trailers)).append("\r\n");
    out.append("\r\n");
    return out;
}

} // namespace coffer::s3::sigv4
