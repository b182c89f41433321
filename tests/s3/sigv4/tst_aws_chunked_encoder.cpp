// aws-chunked framing: the documented example byte for byte, the unsigned-trailer form,
// and the encoded length a client must announce as Content-Length.

#include "streaming_example.h"

#include "s3/sigv4/aws_chunked_encoder.h"

#include <QTest>

using namespace coffer::s3::sigv4;

namespace {

// Pushes body in slices of sliceSize, then finishes.
QByteArray encodeInSlices(AwsChunkedEncoder &encoder, const QByteArray &body, qsizetype sliceSize,
                          const HeaderList &trailers = {})
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += sliceSize)
        out.append(encoder.push(QByteArrayView(body).sliced(at, qMin(sliceSize, body.size() - at))));
    return out + encoder.finish(trailers);
}

} // namespace

class TestAwsChunkedEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentedExample_data();
    void documentedExample();
    void unsignedTrailerFraming();
    void signedTrailerFraming();
    void emptyBody();
    void encodedLengthMatchesOutput_data();
    void encodedLengthMatchesOutput();
    void encodedLengthRejectsNonsense();
};

void TestAwsChunkedEncoder::documentedExample_data()
{
    QTest::addColumn<qsizetype>("sliceSize");
    QTest::newRow("whole body at once") << qsizetype(streaming_example::kDecodedLength);
    QTest::newRow("one chunk at a time") << qsizetype(65536);
    QTest::newRow("odd slices") << qsizetype(1000);
    QTest::newRow("byte by byte") << qsizetype(1);
}

void TestAwsChunkedEncoder::documentedExample()
{
    QFETCH(qsizetype, sliceSize);
    AwsChunkedEncoder encoder(streaming_example::kChunkSize, ChunkSigner(streaming_example::signingContext()));
    const QByteArray framed = encodeInSlices(encoder, streaming_example::body(), sliceSize);
    QCOMPARE(framed.size(), streaming_example::kContentLength);
    QVERIFY(framed == streaming_example::framedBody()); // QCOMPARE would print 66 KB
    QCOMPARE(awsChunkedEncodedLength(streaming_example::kDecodedLength,
                                     {streaming_example::kChunkSize, true, {}}),
             streaming_example::kContentLength);
}

void TestAwsChunkedEncoder::unsignedTrailerFraming()
{
    AwsChunkedEncoder encoder(4);
    const QByteArray framed = encodeInSlices(encoder, "123456789", 3, {{"X-Amz-Checksum-CRC32", "y/Q5Jg=="}});
    QCOMPARE(framed, QByteArray("4\r\n1234\r\n4\r\n5678\r\n1\r\n9\r\n0\r\nx-amz-checksum-crc32:y/Q5Jg==\r\n\r\n"));
    QCOMPARE(awsChunkedEncodedLength(9, {4, false, {{"x-amz-checksum-crc32", 8}}}), framed.size());
}

void TestAwsChunkedEncoder::signedTrailerFraming()
{
    ChunkSigner reference(streaming_example::signingContext());
    const QByteArray chunkSignature = reference.signChunk("hello");
    const QByteArray finalSignature = reference.signChunk({});
    const HeaderList trailers{{"x-amz-checksum-crc32", "NhCmhg=="}};
    const QByteArray trailerSignature = reference.signTrailer(trailers);

    AwsChunkedEncoder encoder(1024, ChunkSigner(streaming_example::signingContext()));
    QByteArray framed = encoder.push("hello");
    framed.append(encoder.finish(trailers));
    QCOMPARE(framed, QByteArray("5;chunk-signature=" + chunkSignature + "\r\nhello\r\n0;chunk-signature="
                                + finalSignature + "\r\nx-amz-checksum-crc32:NhCmhg==\r\nx-amz-trailer-signature:"
                                + trailerSignature + "\r\n\r\n"));
    QCOMPARE(awsChunkedEncodedLength(5, {1024, true, {{"x-amz-checksum-crc32", 8}}}), framed.size());
}

void TestAwsChunkedEncoder::emptyBody()
{
    AwsChunkedEncoder encoder;
    QCOMPARE(encoder.finish(), QByteArray("0\r\n\r\n"));
    QCOMPARE(awsChunkedEncodedLength(0, {}), 5);
}

void TestAwsChunkedEncoder::encodedLengthMatchesOutput_data()
{
    QTest::addColumn<qint64>("length");
    QTest::addColumn<qint64>("chunkSize");
    QTest::addColumn<bool>("signedChunks");
    QTest::addColumn<bool>("withTrailer");

    for (const bool signedChunks : {false, true}) {
        for (const bool withTrailer : {false, true}) {
            for (const qint64 length : {0, 1, 15, 16, 17, 255, 256, 4096, 100000}) {
                for (const qint64 chunkSize : {1, 16, 4096, 65536}) {
                    if (length / chunkSize > 5000)
                        continue; // keep the table quick
                    const QByteArray name = QByteArray::number(length) + (signedChunks ? " signed" : " unsigned")
                        + (withTrailer ? " trailer" : "") + " chunk " + QByteArray::number(chunkSize);
                    QTest::newRow(name.constData()) << length << chunkSize << signedChunks << withTrailer;
                }
            }
        }
    }
}

void TestAwsChunkedEncoder::encodedLengthMatchesOutput()
{
    QFETCH(qint64, length);
    QFETCH(qint64, chunkSize);
    QFETCH(bool, signedChunks);
    QFETCH(bool, withTrailer);

    const HeaderList trailers = withTrailer ? HeaderList{{"x-amz-checksum-crc64nvme", "rosUhgp5mIg="}} : HeaderList{};
    ChunkedLayout layout{chunkSize, signedChunks, {}};
    if (withTrailer)
        layout.trailers.append({"x-amz-checksum-crc64nvme", 12});
    AwsChunkedEncoder encoder = signedChunks
        ? AwsChunkedEncoder(chunkSize, ChunkSigner(streaming_example::signingContext()))
        : AwsChunkedEncoder(chunkSize);
    const QByteArray framed = encodeInSlices(encoder, QByteArray(length, 'x'), 7000, trailers);
    QCOMPARE(awsChunkedEncodedLength(length, layout), framed.size());
}

void TestAwsChunkedEncoder::encodedLengthRejectsNonsense()
{
    QCOMPARE(awsChunkedEncodedLength(10, {0, false, {}}), -1);
    QCOMPARE(awsChunkedEncodedLength(-1, {}), -1);
}

QTEST_GUILESS_MAIN(TestAwsChunkedEncoder)
#include "tst_aws_chunked_encoder.moc"
