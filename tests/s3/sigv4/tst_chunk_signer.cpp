// Chunk signatures of STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] bodies, against the
// documented example and, for the trailer form, against an independent HMAC (QtCore's).

#include "streaming_example.h"

#include "s3/sigv4/chunk_signer.h"
#include "s3/sigv4/digest.h"
#include "s3/sigv4/signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace coffer::s3::sigv4;
using namespace streaming_example;

class TestChunkSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedSignature();
    void chunkSignaturesChain();
    void chunkStringToSignLayout();
    void hashedInSlicesSignsTheSame();
    void trailerSignature();
};

void TestChunkSigner::seedSignature()
{
    CanonicalInput input;
    input.method = "PUT";
    input.encodedPath = encodePath("/examplebucket/chunkObject.txt");
    input.headers = {{"Host", "s3.amazonaws.com"},
                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                     {"Content-Encoding", "aws-chunked"},
                     {"Content-Length", QByteArray::number(kContentLength)},
                     {"x-amz-decoded-content-length", QByteArray::number(kDecodedLength)}};
    input.payloadHash = kStreamingSignedPayload.toByteArray();
    const HeaderList added = signHeaders(input, kCredentials, "us-east-1", kTime);
    QCOMPARE(added.value(1), std::make_pair(QByteArray("x-amz-content-sha256"), input.payloadHash));
    const QByteArray authorization = added.last().second;
    QVERIFY2(authorization.contains("SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;"
                                    "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"),
             authorization.constData());
    QVERIFY2(authorization.endsWith(QByteArray(QByteArray(", Signature=") + kSeedSignature)), authorization.constData());
}

void TestChunkSigner::chunkSignaturesChain()
{
    ChunkSigner signer(signingContext());
    QCOMPARE(signer.previousSignature(), QByteArray(kSeedSignature));
    QCOMPARE(signer.signChunk(QByteArray(65536, 'a')), QByteArray(kChunk1Signature));
    QCOMPARE(signer.signChunk(QByteArray(1024, 'a')), QByteArray(kChunk2Signature));
    QCOMPARE(signer.signChunk({}), QByteArray(kFinalSignature));
    QCOMPARE(signer.previousSignature(), QByteArray(kFinalSignature));
}

void TestChunkSigner::chunkStringToSignLayout()
{
    const QByteArray dataHash = QCryptographicHash::hash(QByteArray(1024, 'a'), QCryptographicHash::Sha256).toHex();
    const QByteArray expected = "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
        + QByteArray(kChunk1Signature) + "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        + dataHash;
    QCOMPARE(chunkStringToSign(signingContext(), kChunk1Signature, dataHash), expected);
}

void TestChunkSigner::hashedInSlicesSignsTheSame()
{
    Sha256 hash;
    for (int i = 0; i < 64; ++i)
        hash.add(QByteArray(1024, 'a'));
    ChunkSigner signer(signingContext());
    QCOMPARE(signer.signChunkHash(hash.finishHex()), QByteArray(kChunk1Signature));
    // finishHex() starts over: the next message hashes from scratch.
    hash.add(QByteArray(1024, 'a'));
    QCOMPARE(signer.signChunkHash(hash.finishHex()), QByteArray(kChunk2Signature));
}

void TestChunkSigner::trailerSignature()
{
    const HeaderList trailers{{"x-amz-checksum-crc32", "sOO8/Q=="}};
    QCOMPARE(canonicalTrailer(trailers), QByteArray("x-amz-checksum-crc32:sOO8/Q==\n"));

    ChunkSigner signer(signingContext());
    signer.signChunk(QByteArray(1024, 'a'));
    const QByteArray finalSignature = signer.signChunk({});
    const QByteArray trailerSignature = signer.signTrailer(trailers);

    // Recomputed by hand from the documented string to sign, with Qt's own HMAC.
    const QByteArray toSign = "AWS4-HMAC-SHA256-TRAILER\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
        + finalSignature + '\n'
        + QCryptographicHash::hash("x-amz-checksum-crc32:sOO8/Q==\n", QCryptographicHash::Sha256).toHex();
    QByteArray key = QMessageAuthenticationCode::hash("20130524", QByteArray("AWS4" + kCredentials.secretAccessKey),
                                                      QCryptographicHash::Sha256);
    for (const QByteArray &part : {QByteArray("us-east-1"), QByteArray("s3"), QByteArray("aws4_request")})
        key = QMessageAuthenticationCode::hash(part, key, QCryptographicHash::Sha256);
    QCOMPARE(trailerSignature, QMessageAuthenticationCode::hash(toSign, key, QCryptographicHash::Sha256).toHex());

    // Another checksum value signs differently.
    ChunkSigner other(signingContext());
    other.signChunk(QByteArray(1024, 'a'));
    other.signChunk({});
    QVERIFY(other.signTrailer({{"x-amz-checksum-crc32", "AAAAAA=="}}) != trailerSignature);
}

QTEST_GUILESS_MAIN(TestChunkSigner)
#include "tst_chunk_signer.moc"
