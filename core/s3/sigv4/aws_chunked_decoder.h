#pragma once
// An incremental push parser for aws-chunked request bodies. Feed it the body in slices
// of any size; it hands decoded data to a sink as it goes and keeps at most one header or
// trailer line (kMaxChunkedLineLength) of its own, never a whole chunk.
//
// With a ChunkSigningContext it verifies every chunk signature (and the trailer signature).
// A chunk's signature can only be checked once its last byte has arrived, so the sink sees
// data before it is proven: write it somewhere temporary and commit only when finish()
// returns ChunkedError::None.
//
// Checksums are not its business: trailers() hands the trailer lines to the caller.

#include "chunk_signer.h"
#include "digest.h"
#include "signer.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <optional>

namespace coffer::s3::sigv4 {

inline constexpr qsizetype kMaxChunkedLineLength = 4096;
inline constexpr qint64 kDefaultMaxChunkSize = 16 * 1024 * 1024;
inline constexpr qsizetype kMaxTrailerCount = 16;

enum class ChunkedError {
    None,
    MalformedFraming,      // a line or CRLF is not where the framing puts it, or data after the end
    BadChunkSize,          // the size is not 1-16 hex digits
    ChunkTooLarge,         // a chunk larger than the decoder's limit
    LineTooLong,           // a chunk header or trailer line longer than kMaxChunkedLineLength
    MissingChunkSignature, // verifying, but a chunk carries no chunk-signature
    BadChunkSignature,     // a chunk signature does not match its data
    BadTrailer,            // a trailer line is not "name:value", or too many of them
    BadTrailerSignature,   // verifying, and the trailer signature is missing or wrong
    IncompleteBody,        // the body ended before the final chunk and trailer section
    DecodedLengthMismatch, // decoded bytes differ from x-amz-decoded-content-length
};

QByteArrayView s3ErrorCode(ChunkedError error);   // e.g. "SignatureDoesNotMatch", "IncompleteBody"
QByteArrayView errorMessage(ChunkedError error); // what is wrong and what to do

struct ChunkedDecoderOptions {
    std::optional<ChunkSigningContext> verification; // set for STREAMING-AWS4-HMAC-SHA256-*
    qint64 expectedDecodedLength = -1;               // x-amz-decoded-content-length, -1 if unknown
    qint64 maxChunkSize = kDefaultMaxChunkSize;
};

class AwsChunkedDecoder
{
public:
    using DataSink = std::function<void(QByteArrayView)>;

    explicit AwsChunkedDecoder(ChunkedDecoderOptions options = {});

    // Parses bytes, calling sink with each decoded data slice (views into bytes). Returns the
    // first error met; once failed, every later call returns the same error.
    ChunkedError feed(QByteArrayView bytes, const DataSink &sink);
    // Call at the end of the body: IncompleteBody unless the final chunk and the trailer
    // section have been read.
    ChunkedError finish();

    bool isComplete() const { return m_state == State::Done; }
    ChunkedError error() const { return m_error; }
    qint64 decodedLength() const { return m_decoded; }
    // The trailer lines ("x-amz-checksum-crc32", base64) once complete, names lowercased,
    // without x-amz-trailer-signature.
    const HeaderList &trailers() const { return m_trailers; }

private:
    enum class State { ChunkHeader, ChunkData, ChunkDataEnd, Trailer, Done, Failed };

    ChunkedError fail(ChunkedError error);
    ChunkedError takeLine(QByteArrayView &bytes, bool &complete);
    ChunkedError parseChunkHeader();
    ChunkedError endChunk();
    ChunkedError parseTrailerLine();
    ChunkedError endTrailers();

    ChunkedDecoderOptions m_options;
    std::optional<ChunkSigner> m_signer;
    State m_state = State::ChunkHeader;
    ChunkedError m_error = ChunkedError::None;
    QByteArray m_line;          // the header/trailer line being collected
    qint64 m_chunkRemaining = 0;
    qint64 m_chunkSize = 0;
    int m_crlfSeen = 0;         // bytes of the CRLF after chunk data seen so far
    QByteArray m_chunkSignature;
    qint64 m_decoded = 0;
    Sha256 m_hash;              // of the current chunk's data, when verifying
    HeaderList m_trailers;
    QByteArray m_trailerSignature;
};

} // namespace coffer::s3::sigv4
