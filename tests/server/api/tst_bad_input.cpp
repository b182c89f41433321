// The "bad input" list, where tst_s3objects and tst_s3protocol leave gaps: keys
// that look like paths living side by side, key length counted in bytes, lying or
// malformed Content-Length, broken aws-chunked framing, an unknown payload hash, bad
// XML in every body that takes XML, and request targets that are not S3 addresses.
// Each case checks the S3 error code and then that the server still serves a known
// object byte for byte: one bad request never harms the next.

#include "s3testclient.h"

#include "s3/checksum/checksum.h"
#include "s3/sigv4/aws_chunked_encoder.h"
#include "s3/sigv4/digest.h"

#include <QDirIterator>
#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;
namespace sigv4 = coffer::s3::sigv4;

namespace {

const QByteArray kSentinel = "the sentinel object, unchanged";

QByteArray crc32Base64(QByteArrayView data)
{
    return coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Crc32, data).toBase64();
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

    // The head of a signed request, with Connection: close, ready for a raw body.
    QByteArray signedHead(const Request &request)
    {
        QByteArray bytes = request.method + ' ' + request.target + " HTTP/1.1\r\n";
        for (const auto &[name, value] : m_client->signedHeaders(request))
            bytes += name + ": " + value + "\r\n";
        return bytes + "Connection: close\r\n\r\n";
    }

    bool stillServing()
    {
        const Reply reply = m_client->send({"GET", "/bad/sentinel"});
        if (reply.status != 200 || reply.body != kSentinel) {
            qWarning() << "the server stopped serving: status" << reply.status << reply.body.left(200);
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<ServerThread>(ServerMode::R2);
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<S3TestClient>(m_server->port());
        QCOMPARE(m_client->send({"PUT", "/bad"}).status, 200);
        QCOMPARE(m_client->send({"PUT", "/bad/sentinel", {}, kSentinel}).status, 200);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void keysThatLookLikePathsLiveTogether()
    {
        // Raw targets (percent-encoded once) and the keys they name.
        const QList<std::pair<QByteArray, QByteArray>> keys = {
            {"a", "a"}, {"a/b", "a/b"}, {"a//b", "a//b"}, {"a/b/", "a/b/"}, {"..", ".."}, {"../escape", "../escape"},
            {"./dot", "./dot"}, {"%252F", "%2F"}, {"with%20space", "with space"}, {"a%2Bb", "a+b"}, {"a+b", "a+b"},
            {"%F0%9F%98%80", "\xF0\x9F\x98\x80"}, {QByteArray(1024, 'k'), QByteArray(1024, 'k')},
        };
        QHash<QByteArray, QByteArray> bodies;
        for (const auto &[target, key] : keys) {
            bodies[key] = "body of " + key.left(32) + " via " + target.left(16);
            QCOMPARE(m_client->send({"PUT", "/bad/" + target, {}, bodies[key]}).status, 200);
        }
        // "a+b" sent raw and "a%2Bb" are one key: the later PUT won.
        for (const auto &[target, key] : keys) {
            const Reply reply = m_client->send({"GET", "/bad/" + target});
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, bodies[key]);
        }
        // An encoded slash names the same key as a plain one.
        QCOMPARE(m_client->send({"GET", "/bad/a%2Fb"}).body, bodies["a/b"]);

        const Reply listing = m_client->send({"GET", "/bad?list-type=2&delimiter=%2F"});
        QCOMPARE(listing.status, 200);
        for (const QByteArray object : {"<Key>a</Key>", "<Key>..</Key>", "<Key>%2F</Key>", "<Key>with space</Key>",
                                        "<Key>a+b</Key>", "<Key>sentinel</Key>"})
            QVERIFY2(listing.body.contains(object), object.constData());
        for (const QByteArray prefix : {"<Prefix>a/</Prefix>", "<Prefix>../</Prefix>", "<Prefix>./</Prefix>"})
            QVERIFY2(listing.body.contains(prefix), prefix.constData());

        // Keys never become file paths: nothing under the data directory is named after one.
        QDirIterator files(m_server->dataDirectory(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString name = files.nextFileInfo().fileName();
            QVERIFY2(name != u"escape" && name != u"dot" && name != u"b", qPrintable(name));
        }
        QVERIFY(!QFileInfo::exists(m_server->dataDirectory() + u"/../escape"));
        QVERIFY(stillServing());
    }

    void keyLengthCountsBytes_data()
    {
        QTest::addColumn<QByteArray>("key"); // percent-encoded
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("code");
        QByteArray e1024;
        for (int i = 0; i < 512; ++i)
            e1024 += "%C3%A9"; // é: 2 bytes, 512 characters
        QTest::newRow("1,024 bytes in 512 characters") << e1024 << 200 << QByteArray();
        QTest::newRow("1,025 bytes in 513 characters") << QByteArray(e1024 + "x") << 400 << QByteArray("KeyTooLongError");
        QTest::newRow("1,025 ASCII bytes") << QByteArray(1025, 'k') << 400 << QByteArray("KeyTooLongError");
        QTest::newRow("not UTF-8 once decoded") << QByteArray("%FF%FE") << 400 << QByteArray("InvalidArgument");
    }
    void keyLengthCountsBytes()
    {
        QFETCH(QByteArray, key);
        QFETCH(int, status);
        QFETCH(QByteArray, code);
        const auto objectCount = [this] { return m_client->send({"GET", "/bad?list-type=2"}).body.count("<Contents>"); };
        const qsizetype before = objectCount();
        const Reply reply = m_client->send({"PUT", "/bad/" + key, {}, "sized"});
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code);
        if (status == 200)
            QCOMPARE(m_client->send({"GET", "/bad/" + key}).body, QByteArray("sized"));
        else
            QCOMPARE(objectCount(), before);
        QVERIFY(stillServing());
    }

    void lyingContentLength_data()
    {
        QTest::addColumn<QByteArray>("lengthHeaders"); // raw header lines
        QTest::newRow("not a number") << QByteArray("Content-Length: abc\r\n");
        QTest::newRow("negative") << QByteArray("Content-Length: -5\r\n");
        QTest::newRow("two different values") << QByteArray("Content-Length: 5\r\nContent-Length: 6\r\n");
        QTest::newRow("beyond 64 bits") << QByteArray("Content-Length: 99999999999999999999999\r\n");
    }
    void lyingContentLength()
    {
        QFETCH(QByteArray, lengthHeaders);
        Request request("PUT", "/bad/lying-length");
        request.payloadHash = "UNSIGNED-PAYLOAD";
        QByteArray bytes = signedHead(request);
        bytes.insert(bytes.indexOf("Connection: close"), lengthHeaders);
        const Reply reply = m_client->sendRaw(bytes + "hello");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QByteArray("InvalidRequest")); // an S3 <Error>, even from the HTTP layer
        QVERIFY2(reply.body.contains("<RequestId>"), "the refusal carries a request id");
        QCOMPARE(m_client->send({"GET", "/bad/lying-length"}).errorCode(), QByteArray("NoSuchKey"));
        QVERIFY(stillServing());
    }

    void brokenAwsChunkedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");         // the aws-chunked body as sent
        QTest::addColumn<qint64>("decodedLength");    // x-amz-decoded-content-length
        QTest::addColumn<QByteArray>("code");
        const QByteArray data(100, 'd');
        const QByteArray trailer = "x-amz-checksum-crc32:" + crc32Base64(data) + "\r\n\r\n";
        QTest::newRow("decoded length larger than sent")
            << QByteArray("64\r\n" + data + "\r\n0\r\n" + trailer) << qint64(150) << QByteArray("IncompleteBody");
        QTest::newRow("decoded length smaller than sent")
            << QByteArray("64\r\n" + data + "\r\n0\r\n" + trailer) << qint64(50) << QByteArray("IncompleteBody");
        QTest::newRow("chunk size not hex")
            << QByteArray("zz\r\n" + data + "\r\n0\r\n" + trailer) << qint64(100) << QByteArray("InvalidRequest");
        QTest::newRow("chunk without CRLF")
            << QByteArray("64\r\n" + data + "XX0\r\n" + trailer) << qint64(100) << QByteArray("InvalidRequest");
        QTest::newRow("trailer malformed")
            << QByteArray("64\r\n" + data + "\r\n0\r\nx-amz-checksum-crc32\r\n\r\n") << qint64(100)
            << QByteArray("InvalidRequest");
    }
    void brokenAwsChunkedBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(qint64, decodedLength);
        QFETCH(QByteArray, code);
        Request request("PUT", "/bad/chunked",
                        {{"content-encoding", "aws-chunked"},
                         {"x-amz-decoded-content-length", QByteArray::number(decodedLength)},
                         {"x-amz-trailer", "x-amz-checksum-crc32"},
                         {"content-length", QByteArray::number(body.size())}});
        request.payloadHash = sigv4::kStreamingUnsignedPayloadTrailer.toByteArray();
        const Reply reply = m_client->sendRaw(signedHead(request) + body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), code);
        QCOMPARE(m_client->send({"GET", "/bad/chunked"}).errorCode(), QByteArray("NoSuchKey"));
        QVERIFY(stillServing());
    }

    void truncatedAwsChunkedBody()
    {
        const QByteArray data(50000, 'c');
        sigv4::ChunkedLayout layout{8192, false, {{"x-amz-checksum-crc32", crc32Base64(data).size()}}};
        Request request("PUT", "/bad/cut-short",
                        {{"content-encoding", "aws-chunked"},
                         {"x-amz-decoded-content-length", QByteArray::number(data.size())},
                         {"x-amz-trailer", "x-amz-checksum-crc32"},
                         {"content-length", QByteArray::number(sigv4::awsChunkedEncodedLength(data.size(), layout))}});
        request.payloadHash = sigv4::kStreamingUnsignedPayloadTrailer.toByteArray();
        sigv4::AwsChunkedEncoder encoder(8192);
        const QByteArray body = encoder.push(data) + encoder.finish({{"x-amz-checksum-crc32", crc32Base64(data)}});
        // Half the body, then the client goes away.
        m_client->sendRaw(signedHead(request) + body.left(body.size() / 2), true);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->send({"GET", "/bad/cut-short"}).errorCode(), QByteArray("NoSuchKey"), 5000);
        QVERIFY(stillServing());
    }

    void unknownPayloadHash()
    {
        Request request("PUT", "/bad/hash", {}, "body");
        request.payloadHash = "NOT-A-HASH-OR-KNOWN-VALUE";
        const Reply reply = m_client->send(request);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QByteArray("InvalidArgument"));
        QVERIFY(reply.body.contains("x-amz-content-sha256"));
        QVERIFY(stillServing());
    }

    void malformedXmlBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("code");
        QByteArray thousandAndOne = "<Delete>";
        for (int i = 0; i < 1001; ++i)
            thousandAndOne += "<Object><Key>k" + QByteArray::number(i) + "</Key></Object>";
        thousandAndOne += "</Delete>";
        QTest::newRow("delete: cut off") << QByteArray("POST") << QByteArray("/bad?delete")
                                         << QByteArray("<Delete><Object><Key>sentinel") << QByteArray("MalformedXML");
        QTest::newRow("delete: not xml") << QByteArray("POST") << QByteArray("/bad?delete") << QByteArray("{}")
                                         << QByteArray("MalformedXML");
        QTest::newRow("delete: 1,001 keys") << QByteArray("POST") << QByteArray("/bad?delete") << thousandAndOne
                                            << QByteArray("MalformedXML");
        // Well-formed but not a valid rule: S3 answers InvalidRequest for an unknown method.
        QTest::newRow("cors: unsupported method")
            << QByteArray("PUT") << QByteArray("/bad?cors")
            << QByteArray("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>FETCH"
                          "</AllowedMethod></CORSRule></CORSConfiguration>")
            << QByteArray("InvalidRequest");
        QTest::newRow("lifecycle: entity bomb")
            << QByteArray("PUT") << QByteArray("/bad?lifecycle")
            << QByteArray("<!DOCTYPE a [<!ENTITY b \"bbbbbbbbbb\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                          "<LifecycleConfiguration><Rule><ID>&c;</ID></Rule></LifecycleConfiguration>")
            << QByteArray("MalformedXML");
        QTest::newRow("create bucket: wrong root") << QByteArray("PUT") << QByteArray("/bad-new")
                                                   << QByteArray("<Nope/>") << QByteArray("MalformedXML");
    }
    void malformedXmlBodies()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, code);
        const Reply reply = m_client->send({method, target, {{"content-md5", coffer::s3::Checksum::hash(
                                                                 coffer::s3::ChecksumAlgorithm::Md5, body).toBase64()}},
                                            body});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), code);
        QVERIFY(reply.body.contains("<RequestId>"));
        QVERIFY(stillServing());
    }

    void targetsThatAreNotS3Addresses_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("code");
        // Refused by the HTTP parser, before routing, but still as an S3 <Error>.
        QTest::newRow("no leading slash") << QByteArray("GET") << QByteArray("bad/sentinel") << 400
                                          << QByteArray("InvalidRequest");
        QTest::newRow("create: upper case") << QByteArray("PUT") << QByteArray("/BAD") << 400
                                            << QByteArray("InvalidBucketName");
        QTest::newRow("create: too short") << QByteArray("PUT") << QByteArray("/ab") << 400
                                           << QByteArray("InvalidBucketName");
        QTest::newRow("create: underscore") << QByteArray("PUT") << QByteArray("/bad_name") << 400
                                            << QByteArray("InvalidBucketName");
        // Reads name buckets that cannot exist here: S3 answers NoSuchBucket for those.
        QTest::newRow("read: upper case") << QByteArray("GET") << QByteArray("/BAD/sentinel") << 404
                                          << QByteArray("NoSuchBucket");
        QTest::newRow("read: missing bucket") << QByteArray("GET") << QByteArray("/no-such-bucket/x") << 404
                                              << QByteArray("NoSuchBucket");
        QTest::newRow("unknown method") << QByteArray("PATCH") << QByteArray("/bad/sentinel") << 405
                                        << QByteArray("MethodNotAllowed");
    }
    void targetsThatAreNotS3Addresses()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QByteArray, code);
        const Reply reply = m_client->send({method, target});
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code);
        QVERIFY2(!reply.body.isEmpty(), "every refusal says why");
        QVERIFY(stillServing());
    }

private:
    std::unique_ptr<ServerThread> m_server;
    std::unique_ptr<S3TestClient> m_client;
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_bad_input.moc"
