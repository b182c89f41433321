#include "aws_chunked_decoder.h"

#include "authorization.h"

namespace coffer::s3::sigv4 {

namespace {

constexpr QByteArrayView kSignatureExtension = "chunk-signature=";
constexpr QByteArrayView kTrailerSignatureName = "x-amz-trailer-signature";

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isTrailerNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

QByteArrayView s3ErrorCode(ChunkedError error)
{
    switch (error) {
    case ChunkedError::None:
        return {};
    case ChunkedError::MissingChunkSignature:
    case ChunkedError::BadChunkSignature:
    case ChunkedError::BadTrailerSignature:
        return "SignatureDoesNotMatch";
    case ChunkedError::IncompleteBody:
    case ChunkedError::DecodedLengthMismatch:
        return "IncompleteBody";
    case ChunkedError::MalformedFraming:
    case ChunkedError::BadChunkSize:
    case ChunkedError::ChunkTooLarge:
    case ChunkedError::LineTooLong:
    case ChunkedError::BadTrailer:
        break;
    }
    return "InvalidRequest";
}

QByteArrayView errorMessage(ChunkedError error)
{
    switch (error) {
    case ChunkedError::None:
        return {};
    case ChunkedError::MalformedFraming:
        return "The aws-chunked body is malformed: a chunk is not framed as "
               "hex-size[;chunk-signature=...] CRLF data CRLF. Send a correctly encoded body.";
    case ChunkedError::BadChunkSize:
        return "An aws-chunked chunk size is not a hexadecimal number of at most 16 digits.";
    case ChunkedError::ChunkTooLarge:
        return "An aws-chunked chunk is larger than this server accepts. Use smaller chunks.";
    case ChunkedError::LineTooLong:
        return "An aws-chunked chunk header or trailer line is longer than 4096 bytes.";
    case ChunkedError::MissingChunkSignature:
        return "A chunk has no chunk-signature although the payload is declared signed "
               "(STREAMING-AWS4-HMAC-SHA256-PAYLOAD).";
    case ChunkedError::BadChunkSignature:
        return "The chunk signature we calculated does not match the signature you provided. "
               "Check your secret key and that the body was not altered.";
    case ChunkedError::BadTrailer:
        return "The aws-chunked trailer is malformed: expected name:value lines (at most 16).";
    case ChunkedError::BadTrailerSignature:
        return "The trailer signature is missing or does not match the trailer you sent.";
    case ChunkedError::IncompleteBody:
        return "The request body ended before the final chunk. Resend the whole body.";
    case ChunkedError::DecodedLengthMismatch:
        return "The decoded body length differs from x-amz-decoded-content-length. "
               "Send the number of bytes the header announces.";
    }
    return {};
}

AwsChunkedDecoder::AwsChunkedDecoder(ChunkedDecoderOptions options)
    : m_options(std::move(options))
{
    if (m_options.verification)
        m_signer.emplace(*m_options.verification);
}

ChunkedError AwsChunkedDecoder::fail(ChunkedError error)
{
    m_state = State::Failed;
    m_error = error;
    m_line = QByteArray();
    return error;
}

// Moves bytes up to and including the next LF into m_line. complete is set once a full
// line (ending in CRLF, which is stripped) is there.
ChunkedError AwsChunkedDecoder::takeLine(QByteArrayView &bytes, bool &complete)
{
    const qsizetype newline = bytes.indexOf('\n');
    const qsizetype take = newline < 0 ? bytes.size() : newline + 1;
    if (m_line.size() + take > kMaxChunkedLineLength + 2)
        return fail(ChunkedError::LineTooLong);
    m_line.append(bytes.first(take));
    bytes = bytes.sliced(take);
    complete = newline >= 0;
    if (!complete)
        return ChunkedError::None;
    if (m_line.size() < 2 || m_line[m_line.size() - 2] != '\r')
        return fail(ChunkedError::MalformedFraming);
    m_line.chop(2);
    return ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::parseChunkHeader()
{
    const qsizetype semicolon = m_line.indexOf(';');
    const QByteArrayView sizeText = QByteArrayView(m_line).first(semicolon < 0 ? m_line.size() : semicolon);
    if (sizeText.isEmpty() || sizeText.size() > 16)
        return fail(ChunkedError::BadChunkSize);
    quint64 size = 0;
    for (const char c : sizeText) {
        const int digit = hexValue(c);
        if (digit < 0)
            return fail(ChunkedError::BadChunkSize);
        size = size * 16 + quint64(digit);
    }
    if (size > quint64(m_options.maxChunkSize))
        return fail(ChunkedError::ChunkTooLarge);
    m_chunkSize = qint64(size);

    m_chunkSignature.clear();
    if (semicolon >= 0) {
        const QByteArrayView extension = QByteArrayView(m_line).sliced(semicolon + 1);
        if (extension.startsWith(kSignatureExtension))
            m_chunkSignature = extension.sliced(kSignatureExtension.size()).toByteArray();
        else if (m_signer) // unsigned bodies may carry other chunk extensions; signed ones may not
            return fail(ChunkedError::MalformedFraming);
    }
    if (m_signer && !isSignatureShaped(m_chunkSignature))
        return fail(m_chunkSignature.isEmpty() ? ChunkedError::MissingChunkSignature
                                               : ChunkedError::BadChunkSignature);

    const qint64 expected = m_options.expectedDecodedLength;
    if (expected >= 0 && m_decoded + m_chunkSize > expected)
        return fail(ChunkedError::DecodedLengthMismatch);
    m_line.truncate(0); // keeps the capacity for the next line
    m_chunkRemaining = m_chunkSize;
    if (m_chunkSize > 0) {
        m_state = State::ChunkData;
        return ChunkedError::None;
    }
    // The final chunk: its signature covers empty data; then the trailer section.
    if (const ChunkedError error = endChunk(); error != ChunkedError::None)
        return error;
    if (expected >= 0 && m_decoded != expected)
        return fail(ChunkedError::DecodedLengthMismatch);
    m_state = State::Trailer;
    return ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::endChunk()
{
    if (!m_signer)
        return ChunkedError::None;
    const QByteArray computed = m_signer->signChunkHash(m_hash.finishHex());
    if (!signaturesMatch(computed, m_chunkSignature))
        return fail(ChunkedError::BadChunkSignature);
    return ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::parseTrailerLine()
{
    const qsizetype colon = m_line.indexOf(':');
    if (colon <= 0)
        return fail(ChunkedError::BadTrailer);
    const QByteArray name = m_line.first(colon).toLower();
    for (const char c : name) {
        if (!isTrailerNameChar(c))
            return fail(ChunkedError::BadTrailer);
    }
    const QByteArray value = m_line.sliced(colon + 1).trimmed();
    m_line.truncate(0); // keeps the capacity for the next line
    if (!m_trailerSignature.isEmpty()) // the signature must be the last trailer line
        return fail(ChunkedError::BadTrailer);
    if (name == kTrailerSignatureName) {
        if (!isSignatureShaped(value))
            return fail(ChunkedError::BadTrailerSignature);
        m_trailerSignature = value;
        return ChunkedError::None;
    }
    if (m_trailers.size() >= kMaxTrailerCount)
        return fail(ChunkedError::BadTrailer);
    m_trailers.append({name, value});
    return ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::endTrailers()
{
    // Signed bodies must sign their trailers, or anyone could swap a checksum.
    if (m_signer && (!m_trailers.isEmpty() || !m_trailerSignature.isEmpty())) {
        if (m_trailerSignature.isEmpty())
            return fail(ChunkedError::BadTrailerSignature);
        if (!signaturesMatch(m_signer->signTrailer(m_trailers), m_trailerSignature))
            return fail(ChunkedError::BadTrailerSignature);
    }
    m_state = State::Done;
    return ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::feed(QByteArrayView bytes, const DataSink &sink)
{
    while (!bytes.isEmpty()) {
        switch (m_state) {
        case State::Failed:
            return m_error;
        case State::Done:
            return fail(ChunkedError::MalformedFraming);
        case State::ChunkHeader:
        case State::Trailer: {
            bool complete = false;
            if (const ChunkedError error = takeLine(bytes, complete); error != ChunkedError::None)
                return error;
            if (!complete)
                break;
            ChunkedError error = ChunkedError::None;
            if (m_state == State::ChunkHeader)
                error = parseChunkHeader();
            else if (m_line.isEmpty())
                error = endTrailers();
            else
                error = parseTrailerLine();
            if (error != ChunkedError::None)
                return error;
            break;
        }
        case State::ChunkData: {
            const QByteArrayView data = bytes.first(qMin<qint64>(bytes.size(), m_chunkRemaining));
            bytes = bytes.sliced(data.size());
            m_chunkRemaining -= data.size();
            m_decoded += data.size();
            if (m_signer)
                m_hash.add(data);
            if (sink)
                sink(data);
            if (m_chunkRemaining == 0) {
                m_state = State::ChunkDataEnd;
                m_crlfSeen = 0;
            }
            break;
        }
        case State::ChunkDataEnd: {
            const char expected = m_crlfSeen == 0 ? '\r' : '\n';
            if (bytes.front() != expected)
                return fail(ChunkedError::MalformedFraming);
            bytes = bytes.sliced(1);
            if (++m_crlfSeen < 2)
                break;
            if (const ChunkedError error = endChunk(); error != ChunkedError::None)
                return error;
            m_state = State::ChunkHeader;
            break;
        }
        }
    }
    return m_state == State::Failed ? m_error : ChunkedError::None;
}

ChunkedError AwsChunkedDecoder::finish()
{
    if (m_state == State::Failed)
        return m_error;
    if (m_state != State::Done)
        return fail(ChunkedError::IncompleteBody);
    return ChunkedError::None;
}

} // namespace coffer::s3::sigv4
