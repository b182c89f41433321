// libFuzzer target for the aws-chunked codec. The first four bytes steer the run:
//   [0] bit 0: verify chunk signatures (the documented example's key, scope and seed)
//       bit 1: announce the decoded length ([3] * 256 + 17, arbitrary but stable)
//       bit 2: round trip: encode the rest, then decode it (must give it back)
//       bit 3: small chunk-size limit (64 bytes)
//   [1], [2]: seed of the slice sizes the body is fed in
// The rest is the body to decode (or the data to encode).

#include "s3/sigv4/aws_chunked_decoder.h"
#include "s3/sigv4/aws_chunked_encoder.h"
#include "s3/sigv4/chunk_signer.h"
#include "s3/sigv4/signer.h"

#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace coffer::s3::sigv4;

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

const ChunkSigningContext &exampleContext()
{
    static const Scope scope{QDate(2013, 5, 24), "us-east-1", "s3"};
    static const ChunkSigningContext context{
        signingKey("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", scope),
        QDateTime(QDate(2013, 5, 24), QTime(0, 0, 0), QTimeZone::UTC), scope,
        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"};
    return context;
}

// Feeds body in slices whose sizes follow a small xorshift sequence; returns the data.
QByteArray decodeInSlices(AwsChunkedDecoder &decoder, QByteArrayView body, quint32 seed, ChunkedError &error)
{
    QByteArray decoded;
    quint32 state = seed | 1u;
    error = ChunkedError::None;
    while (!body.isEmpty() && error == ChunkedError::None) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        const qsizetype slice = qMin<qsizetype>(body.size(), 1 + qsizetype(state % 300));
        error = decoder.feed(body.first(slice), [&](QByteArrayView data) { decoded.append(data); });
        body = body.sliced(slice);
    }
    const ChunkedError finished = decoder.finish();
    if (error == ChunkedError::None)
        error = finished;
    require(finished == error);
    return decoded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    const quint8 flags = data[0];
    const quint32 seed = quint32(data[1]) << 8 | data[2];
    const QByteArrayView rest(reinterpret_cast<const char *>(data + 4), qsizetype(size - 4));
    const bool verify = flags & 1;

    if (flags & 4) {
        // Whatever the data and chunk size, decoding the encoding gives the data back.
        const qint64 chunkSize = 1 + data[3];
        const HeaderList trailers{{"x-amz-checksum-crc32", "AAAAAA=="}};
        AwsChunkedEncoder encoder = verify ? AwsChunkedEncoder(chunkSize, ChunkSigner(exampleContext()))
                                           : AwsChunkedEncoder(chunkSize);
        QByteArray framed = encoder.push(rest);
        framed.append(encoder.finish(trailers));
        require(framed.size() == awsChunkedEncodedLength(rest.size(), {chunkSize, verify, {{trailers[0].first, 8}}}));

        ChunkedDecoderOptions options;
        if (verify)
            options.verification = exampleContext();
        options.expectedDecodedLength = rest.size();
        AwsChunkedDecoder decoder(options);
        ChunkedError error = ChunkedError::None;
        const QByteArray decoded = decodeInSlices(decoder, framed, seed, error);
        require(error == ChunkedError::None);
        require(decoded == rest);
        require(decoder.trailers() == trailers);
        return 0;
    }

    ChunkedDecoderOptions options;
    if (verify)
        options.verification = exampleContext();
    if (flags & 2)
        options.expectedDecodedLength = qint64(data[3]) * 256 + 17;
    if (flags & 8)
        options.maxChunkSize = 64;
    AwsChunkedDecoder decoder(options);
    ChunkedError error = ChunkedError::None;
    const QByteArray decoded = decodeInSlices(decoder, rest, seed, error);

    require(decoded.size() == decoder.decodedLength());
    require(decoded.size() <= rest.size());
    require(decoder.isComplete() == (error == ChunkedError::None));
    if (error == ChunkedError::None && options.expectedDecodedLength >= 0)
        require(decoded.size() == options.expectedDecodedLength);
    if (error != ChunkedError::None) {
        require(!s3ErrorCode(error).isEmpty());
        // A failed decoder stays failed.
        require(decoder.feed("0\r\n\r\n", {}) == error);
    }
    require(decoder.trailers().size() <= kMaxTrailerCount);
    return 0;
}
