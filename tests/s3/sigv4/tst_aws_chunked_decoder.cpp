// The aws-chunked push decoder: the documented signed example decoded and verified in any
// slicing, each kind of damage reported as its own typed error, and trailers handed over.

#include "streaming_example.h"

#include "s3/sigv4/aws_chunked_decoder.h"
#include "s3/sigv4/aws_chunked_encoder.h"

#include <QTest>

using namespace coffer::s3::sigv4;

Q_DECLARE_METATYPE(coffer::s3::sigv4::ChunkedError)

namespace {

struct Decoded {
    ChunkedError feedError = ChunkedError::None;
    ChunkedError finishError = ChunkedError::None;
    QByteArray data;
    HeaderList trailers;
};

Decoded decode(const QByteArray &body, qsizetype sliceSize, ChunkedDecoderOptions options = {})
{
    AwsChunkedDecoder decoder(std::move(options));
    Decoded result;
    const auto sink = [&](QByteArrayView data) { result.data.append(data); };
    for (qsizetype at = 0; at < body.size() && result.feedError == ChunkedError::None; at += sliceSize)
        result.feedError = decoder.feed(QByteArrayView(body).sliced(at, qMin(sliceSize, body.size() - at)), sink);
    result.finishError = decoder.finish();
    result.trailers = decoder.trailers();
    return result;
}

ChunkedDecoderOptions verifying(qint64 expectedLength = streaming_example::kDecodedLength)
{
    return ChunkedDecoderOptions{streaming_example::signingContext(), expectedLength, kDefaultMaxChunkSize};
}

} // namespace

class TestAwsChunkedDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesDocumentedExample_data();
    void decodesDocumentedExample();
    void reportsDamage_data();
    void reportsDamage();
    void truncatedBody_data();
    void truncatedBody();
    void unsignedTrailerRoundTrip_data();
    void unsignedTrailerRoundTrip();
    void signedTrailerRoundTrip();
    void signedTrailerTampered_data();
    void signedTrailerTampered();
    void failureIsSticky();
    void errorsBecomeS3Codes();
};

void TestAwsChunkedDecoder::decodesDocumentedExample_data()
{
    QTest::addColumn<qsizetype>("sliceSize");
    QTest::newRow("whole body") << qsizetype(streaming_example::kContentLength);
    QTest::newRow("4 KiB slices") << qsizetype(4096);
    QTest::newRow("7-byte slices") << qsizetype(7);
    QTest::newRow("byte by byte") << qsizetype(1);
}

void TestAwsChunkedDecoder::decodesDocumentedExample()
{
    QFETCH(qsizetype, sliceSize);
    const Decoded decoded = decode(streaming_example::framedBody(), sliceSize, verifying());
    QCOMPARE(decoded.feedError, ChunkedError::None);
    QCOMPARE(decoded.finishError, ChunkedError::None);
    QCOMPARE(decoded.data.size(), streaming_example::kDecodedLength);
    QVERIFY(decoded.data == streaming_example::body());
    QVERIFY(decoded.trailers.isEmpty());
}

void TestAwsChunkedDecoder::reportsDamage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ChunkedDecoderOptions>("options");
    QTest::addColumn<ChunkedError>("error");

    const QByteArray good = streaming_example::framedBody();
    const qsizetype firstData = good.indexOf("\r\n") + 2;

    QByteArray flippedData = good;
    flippedData[firstData + 1000] = 'b';
    QTest::newRow("flipped data byte") << flippedData << verifying() << ChunkedError::BadChunkSignature;

    QByteArray flippedSignature = good;
    const qsizetype secondHeader = good.indexOf("400;chunk-signature=");
    flippedSignature[secondHeader + 20] = flippedSignature[secondHeader + 20] == '0' ? '1' : '0';
    QTest::newRow("flipped signature hex") << flippedSignature << verifying() << ChunkedError::BadChunkSignature;

    QByteArray swappedChunks = good;
    swappedChunks.replace(QByteArray(streaming_example::kChunk1Signature), QByteArray(64, 'a'));
    QTest::newRow("wrong seed chain") << swappedChunks << verifying() << ChunkedError::BadChunkSignature;

    QTest::newRow("bad hex size") << QByteArray("zz;chunk-signature=" + QByteArray(64, '0') + "\r\n")
                                  << verifying() << ChunkedError::BadChunkSize;
    QTest::newRow("empty size") << QByteArray("\r\n") << ChunkedDecoderOptions{} << ChunkedError::BadChunkSize;
    QTest::newRow("17 hex digits") << QByteArray("00000000000000001\r\n") << ChunkedDecoderOptions{}
                                   << ChunkedError::BadChunkSize;
    QTest::newRow("size with spaces") << QByteArray(" 4\r\nabcd\r\n") << ChunkedDecoderOptions{}
                                      << ChunkedError::BadChunkSize;
    QTest::newRow("oversize header line") << QByteArray(5000, '1') << ChunkedDecoderOptions{}
                                          << ChunkedError::LineTooLong;
    QTest::newRow("oversize trailer line")
        << QByteArray("0\r\nx-amz-checksum-crc32:" + QByteArray(5000, 'A')) << ChunkedDecoderOptions{}
        << ChunkedError::LineTooLong;
    QTest::newRow("chunk above limit") << QByteArray("1000001\r\n") << ChunkedDecoderOptions{}
                                       << ChunkedError::ChunkTooLarge;
    QTest::newRow("LF without CR") << QByteArray("4\nabcd\r\n0\r\n\r\n") << ChunkedDecoderOptions{}
                                   << ChunkedError::MalformedFraming;
    QTest::newRow("no CRLF after data") << QByteArray("4\r\nabcdX\r\n0\r\n\r\n") << ChunkedDecoderOptions{}
                                        << ChunkedError::MalformedFraming;
    QTest::newRow("data after the end") << QByteArray("0\r\n\r\nextra") << ChunkedDecoderOptions{}
                                        << ChunkedError::MalformedFraming;
    QTest::newRow("unsigned chunk when signed expected")
        << QByteArray("10000\r\n" + QByteArray(65536, 'a')) << verifying() << ChunkedError::MissingChunkSignature;
    QTest::newRow("short chunk signature") << QByteArray("4;chunk-signature=abc\r\nabcd\r\n") << verifying()
                                           << ChunkedError::BadChunkSignature;
    QTest::newRow("decoded length too small") << good << verifying(streaming_example::kDecodedLength - 1)
                                              << ChunkedError::DecodedLengthMismatch;
    QTest::newRow("decoded length too large") << good << verifying(streaming_example::kDecodedLength + 1)
                                              << ChunkedError::DecodedLengthMismatch;
    QTest::newRow("trailer without colon") << QByteArray("0\r\nx-amz-checksum-crc32\r\n\r\n")
                                           << ChunkedDecoderOptions{} << ChunkedError::BadTrailer;
    QTest::newRow("trailer name with space") << QByteArray("0\r\nx amz:1\r\n\r\n") << ChunkedDecoderOptions{}
                                             << ChunkedError::BadTrailer;
    QByteArray manyTrailers = "0\r\n";
    for (int i = 0; i < 17; ++i)
        manyTrailers.append("x-amz-meta-" + QByteArray::number(i) + ":v\r\n");
    QTest::newRow("too many trailers") << manyTrailers << ChunkedDecoderOptions{} << ChunkedError::BadTrailer;
}

void TestAwsChunkedDecoder::reportsDamage()
{
    QFETCH(QByteArray, body);
    QFETCH(ChunkedDecoderOptions, options);
    QFETCH(ChunkedError, error);
    for (const qsizetype sliceSize : {body.size(), qsizetype(1), qsizetype(513)}) {
        const Decoded decoded = decode(body, sliceSize, options);
        QCOMPARE(decoded.feedError, error);
        QCOMPARE(decoded.finishError, error);
    }
}

void TestAwsChunkedDecoder::truncatedBody_data()
{
    QTest::addColumn<qsizetype>("keep");
    const qsizetype total = streaming_example::kContentLength;
    QTest::newRow("nothing") << qsizetype(0);
    QTest::newRow("inside the first header") << qsizetype(10);
    QTest::newRow("inside the first chunk") << qsizetype(40000);
    QTest::newRow("between data and CRLF") << qsizetype(88 + 65536);
    QTest::newRow("before the final chunk") << qsizetype(total - 86);
    QTest::newRow("without the closing CRLF") << qsizetype(total - 2);
    QTest::newRow("last byte missing") << qsizetype(total - 1);
}

void TestAwsChunkedDecoder::truncatedBody()
{
    QFETCH(qsizetype, keep);
    const Decoded decoded = decode(streaming_example::framedBody().first(keep), 1000, verifying());
    QCOMPARE(decoded.feedError, ChunkedError::None);
    QCOMPARE(decoded.finishError, ChunkedError::IncompleteBody);
}

void TestAwsChunkedDecoder::unsignedTrailerRoundTrip_data()
{
    QTest::addColumn<qint64>("length");
    QTest::addColumn<qint64>("chunkSize");
    QTest::newRow("check value") << qint64(9) << qint64(4);
    QTest::newRow("one chunk") << qint64(100) << qint64(64 * 1024);
    QTest::newRow("many chunks") << qint64(200000) << qint64(8192);
    QTest::newRow("empty body") << qint64(0) << qint64(8192);
}

void TestAwsChunkedDecoder::unsignedTrailerRoundTrip()
{
    QFETCH(qint64, length);
    QFETCH(qint64, chunkSize);
    QByteArray body(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i)
        body[i] = char('0' + i % 43);
    AwsChunkedEncoder encoder(chunkSize);
    QByteArray framed = encoder.push(body);
    framed.append(encoder.finish({{"x-amz-checksum-crc32", "y/Q5Jg=="}}));

    for (const qsizetype sliceSize : {qsizetype(1), qsizetype(3), qsizetype(65536)}) {
        const Decoded decoded = decode(framed, sliceSize, ChunkedDecoderOptions{std::nullopt, length});
        QCOMPARE(decoded.finishError, ChunkedError::None);
        QCOMPARE(decoded.data, body);
        QCOMPARE(decoded.trailers, (HeaderList{{"x-amz-checksum-crc32", "y/Q5Jg=="}}));
    }
}

void TestAwsChunkedDecoder::signedTrailerRoundTrip()
{
    AwsChunkedEncoder encoder(1024, ChunkSigner(streaming_example::signingContext()));
    const QByteArray body(3000, 'z');
    const HeaderList trailers{{"x-amz-checksum-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="}};
    QByteArray framed = encoder.push(body);
    framed.append(encoder.finish(trailers));
    const Decoded decoded = decode(framed, 5, verifying(3000));
    QCOMPARE(decoded.finishError, ChunkedError::None);
    QVERIFY(decoded.data == body);
    QCOMPARE(decoded.trailers, trailers);
}

void TestAwsChunkedDecoder::signedTrailerTampered_data()
{
    QTest::addColumn<bool>("dropSignature");
    QTest::newRow("checksum changed") << false;
    QTest::newRow("trailer signature removed") << true;
}

void TestAwsChunkedDecoder::signedTrailerTampered()
{
    QFETCH(bool, dropSignature);
    AwsChunkedEncoder encoder(1024, ChunkSigner(streaming_example::signingContext()));
    QByteArray framed = encoder.push("hello");
    framed.append(encoder.finish({{"x-amz-checksum-crc32", "NhCmhg=="}}));
    if (dropSignature) {
        const qsizetype at = framed.indexOf("x-amz-trailer-signature:");
        framed = framed.first(at) + "\r\n";
    } else {
        framed.replace("NhCmhg==", "AAAAAA==");
    }
    QCOMPARE(decode(framed, 1, verifying(5)).finishError, ChunkedError::BadTrailerSignature);
}

void TestAwsChunkedDecoder::failureIsSticky()
{
    AwsChunkedDecoder decoder;
    int sinkCalls = 0;
    const auto sink = [&](QByteArrayView) { ++sinkCalls; };
    QCOMPARE(decoder.feed("zz\r\n", sink), ChunkedError::BadChunkSize);
    QCOMPARE(decoder.feed("4\r\nabcd\r\n0\r\n\r\n", sink), ChunkedError::BadChunkSize);
    QCOMPARE(decoder.error(), ChunkedError::BadChunkSize);
    QCOMPARE(sinkCalls, 0);
    QVERIFY(!decoder.isComplete());
}

void TestAwsChunkedDecoder::errorsBecomeS3Codes()
{
    QCOMPARE(s3ErrorCode(ChunkedError::BadChunkSignature), QByteArrayView("SignatureDoesNotMatch"));
    QCOMPARE(s3ErrorCode(ChunkedError::BadTrailerSignature), QByteArrayView("SignatureDoesNotMatch"));
    QCOMPARE(s3ErrorCode(ChunkedError::IncompleteBody), QByteArrayView("IncompleteBody"));
    QCOMPARE(s3ErrorCode(ChunkedError::DecodedLengthMismatch), QByteArrayView("IncompleteBody"));
    QCOMPARE(s3ErrorCode(ChunkedError::BadChunkSize), QByteArrayView("InvalidRequest"));
    QVERIFY(!errorMessage(ChunkedError::LineTooLong).isEmpty());
}

QTEST_GUILESS_MAIN(TestAwsChunkedDecoder)
#include "tst_aws_chunked_decoder.moc"
