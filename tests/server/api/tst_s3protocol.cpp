// The S3 API's protocol edges end to end: signatures that are wrong in each way, presigned
// URLs, aws-chunked bodies with bad chunk signatures or trailers, bodies that lie about
// their length, CORS, anonymous access and the R2 mode's refusals. After each bad request
// the server must still serve good ones.

#include "s3testclient.h"

#include "server/api/lifecycle_scheduler.h"
#include "server/store/object_store.h"

#include "s3/checksum/checksum.h"
#include "s3/sigv4/authorization.h"
#include "s3/sigv4/aws_chunked_encoder.h"
#include "s3/sigv4/chunk_signer.h"
#include "s3/sigv4/digest.h"
#include "s3/sigv4/signer.h"

#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;
namespace sigv4 = coffer::s3::sigv4;

namespace {

QByteArray headerValue(const sigv4::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

QByteArray crc32Base64(QByteArrayView data)
{
    coffer::s3::Checksum crc(coffer::s3::ChecksumAlgorithm::Crc32);
    crc.update(data);
    return crc.base64();
}

} // namespace

class TestS3Protocol : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusesBadSignatures_data();
    void refusesBadSignatures();
    void payloadHashMustMatch();
    void presignedUrls();
    void streamingUploads_data();
    void streamingUploads();
    void truncatedBodyKeepsNothing();
    void shortContentLengthStoresWhatWasDeclared();
    void malformedXmlIsRefused();
    void corsPreflightAndActualRequests();
    void anonymousReadsOnlyOnPublicBuckets();
    void r2ModeRefusals_data();
    void r2ModeRefusals();
    void lifecycleExpiresObjects();
    void continueOnlyAfterAuthentication();
    void manyConnectionsAtOnce();

private:
    // Builds an aws-chunked PUT: signed chunks when signChunks, with a CRC32 trailer
    // (whose value is wrongTrailer instead when given); corruptChunk flips a data byte.
    QByteArray streamingPut(const QByteArray &key, const QByteArray &data, bool signChunks, bool withTrailer,
                            const QByteArray &wrongTrailer, bool corruptChunk);

    std::unique_ptr<ServerThread> m_server;
    std::unique_ptr<S3TestClient> m_client;
};

void TestS3Protocol::initTestCase()
{
    m_server = std::make_unique<ServerThread>(ServerMode::R2, 1000);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<S3TestClient>(m_server->port());
    QCOMPARE(m_client->send({"PUT", "/proto"}).status, 200);
}

void TestS3Protocol::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void TestS3Protocol::refusesBadSignatures_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("accessKey");
    QTest::addColumn<int>("clockOffset");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<int>("status");
    QTest::newRow("another secret") << QByteArray("some-other-secret") << kKeys.accessKeyId << 0 << QByteArray("SignatureDoesNotMatch") << 403;
    QTest::newRow("unknown access key") << kKeys.secretAccessKey << QByteArray("AKIDNOBODY") << 0 << QByteArray("InvalidAccessKeyId") << 403;
    QTest::newRow("clock 20 minutes slow") << kKeys.secretAccessKey << kKeys.accessKeyId << -20 * 60 << QByteArray("RequestTimeTooSkewed") << 403;
}

void TestS3Protocol::refusesBadSignatures()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, accessKey);
    QFETCH(int, clockOffset);
    QFETCH(QByteArray, code);
    QFETCH(int, status);
    Request request("PUT", "/proto/signed", {}, "data");
    request.keys = {accessKey, secret, {}};
    request.clockOffsetSeconds = clockOffset;
    const Reply reply = m_client->send(request);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QCOMPARE(m_client->send({"GET", "/proto/signed"}).status, 404); // nothing was stored
    QCOMPARE(m_client->send({"GET", "/proto?list-type=2"}).status, 200); // and the server still serves
}

void TestS3Protocol::payloadHashMustMatch()
{
    Request request("PUT", "/proto/hashed", {}, "the body");
    request.payloadHash = sigv4::sha256Hex("another body");
    const Reply reply = m_client->send(request);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QByteArray("XAmzContentSHA256Mismatch"));
    QCOMPARE(m_client->send({"GET", "/proto/hashed"}).status, 404);
    request.payloadHash = "UNSIGNED-PAYLOAD";
    QCOMPARE(m_client->send(request).status, 200);
    request.payloadHash = "NOT-A-KNOWN-VALUE";
    QCOMPARE(m_client->send(request).errorCode(), QByteArray("InvalidArgument"));
}

void TestS3Protocol::presignedUrls()
{
    QCOMPARE(m_client->send({"PUT", "/proto/shared", {}, "shared bytes"}).status, 200);
    auto presigned = [this](const QDateTime &at, qint64 expires, const sigv4::Credentials &keys) {
        sigv4::CanonicalInput input{"GET", "/proto/shared", {}, {{"host", m_client->hostHeader()}}, {}};
        return QByteArray("/proto/shared?" + sigv4::presignQuery(input, keys, "auto", at, expires).value_or(QByteArray()));
    };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Request fresh("GET", presigned(now, 300, kKeys));
    fresh.sign = false;
    const Reply ok = m_client->send(fresh);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArray("shared bytes"));
    Request expired("GET", presigned(now.addSecs(-600), 300, kKeys));
    expired.sign = false;
    const Reply late = m_client->send(expired);
    QCOMPARE(late.status, 403);
    QCOMPARE(late.errorCode(), QByteArray("AccessDenied"));
    Request forged("GET", presigned(now, 300, {kKeys.accessKeyId, "wrong", {}}));
    forged.sign = false;
    QCOMPARE(m_client->send(forged).errorCode(), QByteArray("SignatureDoesNotMatch"));
}

QByteArray TestS3Protocol::streamingPut(const QByteArray &key, const QByteArray &data, bool signChunks,
                                        bool withTrailer, const QByteArray &wrongTrailer, bool corruptChunk)
{
    constexpr qint64 kChunk = 8 * 1024;
    const QByteArray payload = signChunks ? (withTrailer ? sigv4::kStreamingSignedPayloadTrailer.toByteArray()
                                                         : sigv4::kStreamingSignedPayload.toByteArray())
                                          : sigv4::kStreamingUnsignedPayloadTrailer.toByteArray();
    const QByteArray trailerValue = wrongTrailer.isEmpty() ? crc32Base64(data) : wrongTrailer;
    sigv4::ChunkedLayout layout{kChunk, signChunks, {}};
    if (withTrailer)
        layout.trailers.append({"x-amz-checksum-crc32", trailerValue.size()});
    Request request("PUT", "/proto/" + key);
    request.payloadHash = payload;
    request.headers = {{"content-encoding", "aws-chunked"},
                       {"x-amz-decoded-content-length", QByteArray::number(data.size())},
                       {"content-length", QByteArray::number(sigv4::awsChunkedEncodedLength(data.size(), layout))}};
    if (withTrailer)
        request.headers.emplaceBack("x-amz-trailer", "x-amz-checksum-crc32");
    const sigv4::HeaderList headers = m_client->signedHeaders(request);

    std::optional<sigv4::AwsChunkedEncoder> encoder;
    if (signChunks) {
        const auto auth = sigv4::parseAuthorization(headerValue(headers, "authorization"));
        const QDateTime at = *sigv4::amzDateTime(headerValue(headers, "x-amz-date"));
        const sigv4::Scope scope = auth.authorization.credential.scope;
        encoder.emplace(kChunk, sigv4::ChunkSigner({sigv4::signingKey(kKeys.secretAccessKey, scope), at, scope,
                                                     auth.authorization.signature}));
    } else {
        encoder.emplace(kChunk);
    }
    QByteArray body = encoder->push(data);
    body += encoder->finish(withTrailer ? sigv4::HeaderList{{"x-amz-checksum-crc32", trailerValue}} : sigv4::HeaderList{});
    if (corruptChunk) {
        const qsizetype dataStart = body.indexOf("\r\n") + 2;
        body[dataStart] = char(body[dataStart] ^ 0x01);
    }
    QByteArray bytes = "PUT " + request.target + " HTTP/1.1\r\n";
    for (const auto &[name, value] : headers)
        bytes += name + ": " + value + "\r\n";
    return bytes + "Connection: close\r\n\r\n" + body;
}

void TestS3Protocol::streamingUploads_data()
{
    QTest::addColumn<bool>("signChunks");
    QTest::addColumn<bool>("withTrailer");
    QTest::addColumn<QByteArray>("wrongTrailer");
    QTest::addColumn<bool>("corruptChunk");
    QTest::addColumn<QByteArray>("code"); // empty: stored
    const QByteArray wrong = crc32Base64("something else");
    QTest::newRow("signed chunks") << true << false << QByteArray() << false << QByteArray();
    QTest::newRow("signed chunks and trailer") << true << true << QByteArray() << false << QByteArray();
    QTest::newRow("unsigned trailer") << false << true << QByteArray() << false << QByteArray();
    QTest::newRow("bad chunk signature") << true << false << QByteArray() << true << QByteArray("SignatureDoesNotMatch");
    QTest::newRow("wrong signed trailer checksum") << true << true << wrong << false << QByteArray("BadDigest");
    QTest::newRow("wrong unsigned trailer checksum") << false << true << wrong << false << QByteArray("BadDigest");
}

void TestS3Protocol::streamingUploads()
{
    QFETCH(bool, signChunks);
    QFETCH(bool, withTrailer);
    QFETCH(QByteArray, wrongTrailer);
    QFETCH(bool, corruptChunk);
    QFETCH(QByteArray, code);
    QByteArray data;
    for (int i = 0; i < 3000; ++i)
        data += QByteArray::number(i) + ',';
    const QByteArray key = "streamed-" + QByteArray(QTest::currentDataTag()).replace(' ', '-');
    const Reply reply = m_client->sendRaw(streamingPut(key, data, signChunks, withTrailer, wrongTrailer, corruptChunk));
    if (code.isEmpty()) {
        QVERIFY2(reply.status == 200, reply.body.constData());
        const Reply got = m_client->send({"GET", "/proto/" + key, {{"x-amz-checksum-mode", "ENABLED"}}});
        QCOMPARE(got.body, data);
        if (withTrailer)
            QCOMPARE(got.header("x-amz-checksum-crc32"), crc32Base64(data));
        QVERIFY(got.header("content-encoding").isEmpty()); // aws-chunked is not the object's encoding
    } else {
        QCOMPARE(reply.errorCode(), code);
        QCOMPARE(m_client->send({"GET", "/proto/" + key}).status, 404);
    }
}

void TestS3Protocol::truncatedBodyKeepsNothing()
{
    Request request("PUT", "/proto/truncated", {{"content-length", "100000"}});
    request.payloadHash = "UNSIGNED-PAYLOAD";
    QByteArray bytes = "PUT /proto/truncated HTTP/1.1\r\n";
    for (const auto &[name, value] : m_client->signedHeaders(request))
        bytes += name + ": " + value + "\r\n";
    bytes += "\r\n" + QByteArray(1000, 'x');
    m_client->sendRaw(bytes, true);
    // The server notices the client left; nothing partial becomes visible, and it serves on.
    QTRY_COMPARE_WITH_TIMEOUT(m_client->send({"GET", "/proto/truncated"}).status, 404, 5000);
    QCOMPARE(m_client->send({"GET", "/proto?list-type=2&prefix=truncated"}).body.count("<Contents>"), 0);
}

void TestS3Protocol::shortContentLengthStoresWhatWasDeclared()
{
    // The body is longer than Content-Length says: the object holds exactly the declared
    // bytes and the rest is read as the next request, which is garbage and refused.
    Request request("PUT", "/proto/declared", {{"content-length", "4"}});
    request.payloadHash = "UNSIGNED-PAYLOAD";
    QByteArray bytes = "PUT /proto/declared HTTP/1.1\r\n";
    for (const auto &[name, value] : m_client->signedHeaders(request))
        bytes += name + ": " + value + "\r\n";
    bytes += "Connection: close\r\n\r\n0123456789";
    QCOMPARE(m_client->sendRaw(bytes).status, 200);
    QCOMPARE(m_client->send({"GET", "/proto/declared"}).body, QByteArray("0123"));
}

void TestS3Protocol::malformedXmlIsRefused()
{
    for (const QByteArray target : {"/proto?cors", "/proto?lifecycle"}) {
        const Reply reply = m_client->send({"PUT", target, {}, "<CORSConfiguration><CORSRule>"});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QByteArray("MalformedXML"));
    }
    const Reply complete = m_client->send({"POST", "/proto/k?uploadId=nope", {}, "not xml at all"});
    QCOMPARE(complete.errorCode(), QByteArray("MalformedXML"));
}

void TestS3Protocol::corsPreflightAndActualRequests()
{
    QCOMPARE(m_client->send({"PUT", "/cors-bucket"}).status, 200);
    QCOMPARE(m_client->send({"PUT", "/cors-bucket/page", {}, "hello"}).status, 200);
    Request preflight("OPTIONS", "/cors-bucket/page", {{"origin", "https://app.example"}, {"access-control-request-method", "GET"}});
    preflight.sign = false;
    QCOMPARE(m_client->send(preflight).status, 403); // no rules yet
    const QByteArray rules = "<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example</AllowedOrigin>"
                             "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
                             "<AllowedHeader>x-amz-*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>"
                             "<MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>";
    QCOMPARE(m_client->send({"PUT", "/cors-bucket?cors", {}, rules}).status, 200);
    QVERIFY(m_client->send({"GET", "/cors-bucket?cors"}).body.contains("https://app.example"));

    preflight.headers.emplaceBack("access-control-request-headers", "x-amz-date, x-amz-content-sha256");
    const Reply allowed = m_client->send(preflight);
    QCOMPARE(allowed.status, 200);
    QCOMPARE(allowed.header("access-control-allow-origin"), QByteArray("https://app.example"));
    QVERIFY(allowed.header("access-control-allow-methods").contains("GET"));
    QCOMPARE(allowed.header("access-control-max-age"), QByteArray("600"));
    QVERIFY(allowed.header("vary").contains("Origin"));

    Request otherOrigin("OPTIONS", "/cors-bucket/page", {{"origin", "https://evil.example"}, {"access-control-request-method", "GET"}});
    otherOrigin.sign = false;
    QCOMPARE(m_client->send(otherOrigin).status, 403);
    Request otherMethod("OPTIONS", "/cors-bucket/page", {{"origin", "https://app.example"}, {"access-control-request-method", "DELETE"}});
    otherMethod.sign = false;
    QCOMPARE(m_client->send(otherMethod).status, 403);

    const Reply actual = m_client->send({"GET", "/cors-bucket/page", {{"origin", "https://app.example"}}});
    QCOMPARE(actual.status, 200);
    QCOMPARE(actual.header("access-control-allow-origin"), QByteArray("https://app.example"));
    QCOMPARE(actual.header("access-control-expose-headers"), QByteArray("ETag"));
    QVERIFY(actual.header("vary").contains("Origin"));
    const Reply noOrigin = m_client->send({"GET", "/cors-bucket/page"});
    QCOMPARE(noOrigin.status, 200);
    QVERIFY(noOrigin.header("access-control-allow-origin").isEmpty());
    QVERIFY(noOrigin.header("vary").isEmpty());

    QCOMPARE(m_client->send({"DELETE", "/cors-bucket?cors"}).status, 204);
    QCOMPARE(m_client->send({"GET", "/cors-bucket?cors"}).errorCode(), QByteArray("NoSuchCORSConfiguration"));
}

void TestS3Protocol::anonymousReadsOnlyOnPublicBuckets()
{
    QCOMPARE(m_client->send({"PUT", "/public-bucket"}).status, 200);
    QCOMPARE(m_client->send({"PUT", "/public-bucket/file", {}, "open"}).status, 200);
    Request anonymous("GET", "/public-bucket/file");
    anonymous.sign = false;
    QCOMPARE(m_client->send(anonymous).errorCode(), QByteArray("AccessDenied"));
    QVERIFY(!m_server->server()->store()->setBucketPublic(QStringLiteral("public-bucket"), true).isError());
    const Reply read = m_client->send(anonymous);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body, QByteArray("open"));
    Request anonymousWrite("PUT", "/public-bucket/file", {}, "overwritten");
    anonymousWrite.sign = false;
    QCOMPARE(m_client->send(anonymousWrite).errorCode(), QByteArray("AccessDenied"));
    Request anonymousList("GET", "/public-bucket?list-type=2");
    anonymousList.sign = false;
    QCOMPARE(m_client->send(anonymousList).errorCode(), QByteArray("AccessDenied"));
}

void TestS3Protocol::r2ModeRefusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("object acl") << QByteArray("GET") << QByteArray("/proto/k?acl") << QByteArray();
    QTest::newRow("bucket tagging") << QByteArray("GET") << QByteArray("/proto?tagging") << QByteArray();
    QTest::newRow("versioning") << QByteArray("GET") << QByteArray("/proto?versioning") << QByteArray();
    QTest::newRow("policy") << QByteArray("GET") << QByteArray("/proto?policy") << QByteArray();
    QTest::newRow("public access block") << QByteArray("GET") << QByteArray("/proto?publicAccessBlock") << QByteArray();
    QTest::newRow("object lock") << QByteArray("GET") << QByteArray("/proto?object-lock") << QByteArray();
    QTest::newRow("acl header") << QByteArray("PUT") << QByteArray("/proto/k") << QByteArray("x-amz-acl: public-read");
    QTest::newRow("tagging header") << QByteArray("PUT") << QByteArray("/proto/k") << QByteArray("x-amz-tagging: a=b");
}

void TestS3Protocol::r2ModeRefusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, header);
    Request request(method, target);
    if (!header.isEmpty()) {
        const QList<QByteArray> parts = header.split(':');
        request.headers.emplaceBack(parts.at(0), parts.at(1).trimmed());
        request.body = "x";
    }
    const Reply reply = m_client->send(request);
    QCOMPARE(reply.status, 501);
    QCOMPARE(reply.errorCode(), QByteArray("NotImplemented"));
}

void TestS3Protocol::lifecycleExpiresObjects()
{
    // This server's lifecycle day is one second.
    QCOMPARE(m_client->send({"PUT", "/aging"}).status, 200);
    QCOMPARE(m_client->send({"PUT", "/aging/tmp/old", {}, "old"}).status, 200);
    QCOMPARE(m_client->send({"PUT", "/aging/keep/old", {}, "kept"}).status, 200);
    const QByteArray rules = "<LifecycleConfiguration><Rule><ID>tmp</ID><Filter><Prefix>tmp/</Prefix></Filter>"
                             "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
    QCOMPARE(m_client->send({"PUT", "/aging?lifecycle", {}, rules}).status, 200);
    QVERIFY(m_client->send({"GET", "/aging?lifecycle"}).body.contains("<Days>1</Days>"));
    QTRY_COMPARE_WITH_TIMEOUT(m_client->send({"GET", "/aging/tmp/old"}).status, 404, 10000);
    QCOMPARE(m_client->send({"GET", "/aging/keep/old"}).status, 200);
}

void TestS3Protocol::continueOnlyAfterAuthentication()
{
    auto head = [this](const sigv4::Credentials &keys) -> QByteArray {
        Request request("PUT", "/proto/continued", {{"content-length", "5"}, {"expect", "100-continue"}});
        request.payloadHash = "UNSIGNED-PAYLOAD";
        request.keys = keys;
        QByteArray bytes = "PUT /proto/continued HTTP/1.1\r\n";
        for (const auto &[name, value] : m_client->signedHeaders(request))
            bytes += name + ": " + value + "\r\n";
        return bytes + "\r\n";
    };
    // Refused before the body is sent: the final answer comes instead of 100 Continue.
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(refused.waitForConnected(5000));
    refused.write(head({kKeys.accessKeyId, "wrong", {}}));
    QVERIFY(refused.waitForReadyRead(5000));
    QVERIFY(refused.readAll().startsWith("HTTP/1.1 403"));
    // Accepted: 100 Continue first, then the body is read and stored.
    QTcpSocket accepted;
    accepted.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(accepted.waitForConnected(5000));
    accepted.write(head(kKeys));
    QVERIFY(accepted.waitForReadyRead(5000));
    QVERIFY(accepted.readAll().startsWith("HTTP/1.1 100"));
    accepted.write("hello");
    QByteArray answer;
    while (!answer.contains("\r\n\r\n") && accepted.waitForReadyRead(5000))
        answer += accepted.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QCOMPARE(m_client->send({"GET", "/proto/continued"}).body, QByteArray("hello"));
}

void TestS3Protocol::manyConnectionsAtOnce()
{
    QCOMPARE(m_client->send({"PUT", "/proto/popular", {}, "popular"}).status, 200);
    const QByteArray request = [this]() -> QByteArray {
        QByteArray bytes = "GET /proto/popular HTTP/1.1\r\n";
        for (const auto &[name, value] : m_client->signedHeaders(Request("GET", "/proto/popular")))
            bytes += name + ": " + value + "\r\n";
        return bytes + "Connection: close\r\n\r\n";
    }();
    constexpr int kConnections = 200;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < kConnections; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket->waitForConnected(5000));
        socket->write(request);
        socket->flush();
        sockets.push_back(std::move(socket));
    }
    int answered = 0;
    for (auto &socket : sockets) {
        QByteArray answer;
        while (socket->state() == QAbstractSocket::ConnectedState && socket->waitForReadyRead(10000))
            answer += socket->readAll();
        answer += socket->readAll();
        if (answer.startsWith("HTTP/1.1 200") && answer.endsWith("popular"))
            ++answered;
    }
    QCOMPARE(answered, kConnections);
}

QTEST_GUILESS_MAIN(TestS3Protocol)
#include "tst_s3protocol.moc"
