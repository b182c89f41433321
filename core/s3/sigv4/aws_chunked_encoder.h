#pragma once
// Frames a body as aws-chunked (Content-Encoding: aws-chunked):
//   signed   "hex(size);chunk-signature=SIG\r\n<data>\r\n" ... "0;chunk-signature=SIG\r\n"
//   unsigned "hex(size)\r\n<data>\r\n" ... "0\r\n"
// then the trailer lines ("x-amz-checksum-crc32:<base64>\r\n", and when signed
// "x-amz-trailer-signature:SIG\r\n") and a closing "\r\n".
// S3 needs Content-Length up front, so the encoded length is computable in advance.

#include "chunk_signer.h"
#include "signer.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace coffer::s3::sigv4 {

inline constexpr qint64 kDefaultChunkSize = 64 * 1024;

// A trailer known by name and value length before its value is (e.g. a checksum's base64).
struct TrailerShape {
    QByteArray name;
    qsizetype valueLength = 0;
};

struct ChunkedLayout {
    qint64 chunkSize = kDefaultChunkSize;
    bool signedChunks = false;
    QList<TrailerShape> trailers;
};

// The Content-Length of decodedLength bytes framed with layout; -1 for a chunk size
// below 1 or a negative length.
qint64 awsChunkedEncodedLength(qint64 decodedLength, const ChunkedLayout &layout);

class AwsChunkedEncoder
{
public:
    // Unsigned chunks (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
    explicit AwsChunkedEncoder(qint64 chunkSize = kDefaultChunkSize);
    // Signed chunks chained from the request's seed signature.
    AwsChunkedEncoder(qint64 chunkSize, ChunkSigner signer);

    // Frames every full chunk now available and keeps the remainder (< chunkSize)
    // for the next push, so the framing always matches awsChunkedEncodedLength().
    QByteArray push(QByteArrayView data);
    // Frames the remainder, the final empty chunk and the trailers (lowercase names).
    QByteArray finish(const HeaderList &trailers = {});

private:
    QByteArray frame(QByteArrayView data);

    qint64 m_chunkSize;
    std::optional<ChunkSigner> m_signer;
    QByteArray m_pending;
};

} // namespace coffer::s3::sigv4
