// The S3 API end to end over real sockets: buckets, odd keys, listing, ranges, conditions,
// copy, DeleteObjects and multipart, each answer checked as a client would check it.

#include "s3testclient.h"

#include "s3/checksum/checksum.h"
#include "s3/sigv4/signer.h"

#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;
namespace sigv4 = coffer::s3::sigv4;

class TestS3Objects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void buckets();
    void oddKeysRoundTrip_data();
    void oddKeysRoundTrip();
    void refusesAKeyTooLong();
    void errorDocumentsNameTheResource();
    void listsWithPrefixAndDelimiter();
    void ranges_data();
    void ranges();
    void readConditions_data();
    void readConditions();
    void conditionalPut();
    void storesAndReturnsMetadata();
    void copyObject();
    void deleteObjects();
    void multipartUpload();

private:
    Reply put(const QByteArray &key, const QByteArray &body, const sigv4::HeaderList &headers = {});
    std::unique_ptr<ServerThread> m_server;
    std::unique_ptr<S3TestClient> m_client;
};

Reply TestS3Objects::put(const QByteArray &key, const QByteArray &body, const sigv4::HeaderList &headers)
{
    Request request;
    request.method = "PUT";
    request.target = "/objects/" + key;
    request.body = body;
    request.headers = headers;
    return m_client->send(request);
}

void TestS3Objects::initTestCase()
{
    m_server = std::make_unique<ServerThread>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<S3TestClient>(m_server->port());
    const Reply created = m_client->send({"PUT", "/objects", {}, {}});
    QCOMPARE(created.status, 200);
}

void TestS3Objects::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void TestS3Objects::buckets()
{
    QCOMPARE(m_client->send({"PUT", "/scratch-bucket", {}, {}}).status, 200);
    QCOMPARE(m_client->send({"HEAD", "/scratch-bucket", {}, {}}).status, 200);
    const Reply list = m_client->send({"GET", "/", {}, {}});
    QCOMPARE(list.status, 200);
    QVERIFY(list.body.contains("<Name>scratch-bucket</Name>"));
    QVERIFY(list.body.contains("<Name>objects</Name>"));
    const Reply paged = m_client->send({"GET", "/", {{"cf-max-keys", "1"}}, {}});
    QCOMPARE(paged.status, 200);
    QCOMPARE(paged.body.count("<Bucket>"), 1);
    QVERIFY(!paged.header("cf-continuation-token").isEmpty());
    const Reply location = m_client->send({"GET", "/scratch-bucket?location", {}, {}});
    QCOMPARE(location.status, 200);
    QVERIFY(location.body.contains("LocationConstraint"));
    QCOMPARE(m_client->send({"PUT", "/scratch-bucket", {}, {}}).errorCode(), QByteArray("BucketAlreadyOwnedByYou"));
    QCOMPARE(m_client->send({"PUT", "/Bad_Name", {}, {}}).errorCode(), QByteArray("InvalidBucketName"));
    QCOMPARE(m_client->send({"DELETE", "/scratch-bucket", {}, {}}).status, 204);
    QCOMPARE(m_client->send({"HEAD", "/scratch-bucket", {}, {}}).status, 404);
    QCOMPARE(m_client->send({"GET", "/scratch-bucket?list-type=2", {}, {}}).errorCode(), QByteArray("NoSuchBucket"));
}

void TestS3Objects::oddKeysRoundTrip_data()
{
    QTest::addColumn<QByteArray>("key"); // as sent on the wire
    QTest::addColumn<QByteArray>("listed"); // as a listing with encoding-type=url shows it
    QTest::newRow("plain") << QByteArray("a") << QByteArray("a");
    QTest::newRow("nested") << QByteArray("a/b") << QByteArray("a/b");
    QTest::newRow("double slash") << QByteArray("d//b") << QByteArray("d//b");
    QTest::newRow("dot dot") << QByteArray("..") << QByteArray("..");
    QTest::newRow("literal %2F") << QByteArray("%252F") << QByteArray("%252F");
    QTest::newRow("space") << QByteArray("with%20space") << QByteArray("with%20space");
    QTest::newRow("plus") << QByteArray("a%2Bb") << QByteArray("a%2Bb");
    QTest::newRow("emoji") << QByteArray("%F0%9F%98%80") << QByteArray("%F0%9F%98%80");
    QTest::newRow("1024 bytes") << QByteArray(1024, 'k') << QByteArray(1024, 'k');
}

void TestS3Objects::oddKeysRoundTrip()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, listed);
    const QByteArray body = "body of " + key.left(40);
    const Reply stored = put(key, body);
    QCOMPARE(stored.status, 200);
    const Reply fetched = m_client->send({"GET", "/objects/" + key, {}, {}});
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.body, body);
    QCOMPARE(fetched.header("etag"), stored.header("etag"));
    const QByteArray decoded = sigv4::percentDecode(key);
    const Reply listing = m_client->send({"GET", "/objects?list-type=2&encoding-type=url&prefix=" + sigv4::uriEncode(decoded, true), {}, {}});
    QCOMPARE(listing.status, 200);
    QVERIFY2(listing.body.contains(QByteArray("<Key>" + sigv4::uriEncode(sigv4::percentDecode(listed), false) + "</Key>"))
                 || listing.body.contains(QByteArray("<Key>" + sigv4::uriEncode(sigv4::percentDecode(listed), true) + "</Key>")),
             listing.body.constData());
    QCOMPARE(m_client->send({"DELETE", "/objects/" + key, {}, {}}).status, 204);
    QCOMPARE(m_client->send({"GET", "/objects/" + key, {}, {}}).errorCode(), QByteArray("NoSuchKey"));
}

void TestS3Objects::refusesAKeyTooLong()
{
    const Reply reply = put(QByteArray(1025, 'k'), "x");
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QByteArray("KeyTooLongError"));
}

void TestS3Objects::errorDocumentsNameTheResource()
{
    const Reply reply = m_client->send({"GET", "/objects/missing%20key", {}, {}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QByteArray("NoSuchKey"));
    QVERIFY(reply.body.contains("<Message>"));
    QVERIFY(reply.body.contains("<Resource>/objects/missing key</Resource>"));
    QVERIFY(!reply.header("x-amz-request-id").isEmpty());
    QVERIFY(reply.body.contains(QByteArray("<RequestId>" + reply.header("x-amz-request-id") + "</RequestId>")));
}

void TestS3Objects::listsWithPrefixAndDelimiter()
{
    for (const QByteArray key : {"list/a", "list/b/1", "list/b/2", "list/c"})
        QCOMPARE(put(key, key).status, 200);
    const Reply page = m_client->send({"GET", "/objects?list-type=2&prefix=list%2F&delimiter=%2F&max-keys=2", {}, {}});
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("<Key>list/a</Key>"));
    QVERIFY(page.body.contains("<Prefix>list/b/</Prefix>"));
    QVERIFY(page.body.contains("<IsTruncated>true</IsTruncated>"));
    const qsizetype start = page.body.indexOf("<NextContinuationToken>") + 23;
    const QByteArray token = page.body.mid(start, page.body.indexOf("</NextContinuationToken>") - start);
    QVERIFY(!token.isEmpty());
    const Reply next = m_client->send({"GET", "/objects?list-type=2&prefix=list%2F&delimiter=%2F&continuation-token="
                                                  + sigv4::uriEncode(token, true), {}, {}});
    QCOMPARE(next.status, 200);
    QVERIFY(next.body.contains("<Key>list/c</Key>"));
    QVERIFY(!next.body.contains("list/a"));
    QVERIFY(next.body.contains("<IsTruncated>false</IsTruncated>"));
    const Reply v1 = m_client->send({"GET", "/objects?prefix=list%2Fb&marker=list%2Fb%2F1", {}, {}});
    QCOMPARE(v1.status, 200);
    QVERIFY(v1.body.contains("<Key>list/b/2</Key>"));
    QVERIFY(!v1.body.contains("<Key>list/b/1</Key>"));
    const Reply versions = m_client->send({"GET", "/objects?versions&prefix=list%2Fc", {}, {}});
    QCOMPARE(versions.status, 200);
    QVERIFY(versions.body.contains("<VersionId>null</VersionId>"));
}

void TestS3Objects::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentRange");
    QTest::newRow("middle") << QByteArray("bytes=2-4") << 206 << QByteArray("234") << QByteArray("bytes 2-4/10");
    QTest::newRow("open end") << QByteArray("bytes=7-") << 206 << QByteArray("789") << QByteArray("bytes 7-9/10");
    QTest::newRow("suffix") << QByteArray("bytes=-2") << 206 << QByteArray("89") << QByteArray("bytes 8-9/10");
    QTest::newRow("past the end clipped") << QByteArray("bytes=8-100") << 206 << QByteArray("89") << QByteArray("bytes 8-9/10");
    QTest::newRow("start past end") << QByteArray("bytes=10-") << 416 << QByteArray() << QByteArray();
    QTest::newRow("two ranges: whole") << QByteArray("bytes=0-1,3-4") << 200 << QByteArray("0123456789") << QByteArray();
}

void TestS3Objects::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentRange);
    QCOMPARE(put("ranged", "0123456789").status, 200);
    const Reply reply = m_client->send({"GET", "/objects/ranged", {{"range", range}, {"x-amz-checksum-mode", "ENABLED"}}, {}});
    QCOMPARE(reply.status, status);
    if (status == 416) {
        QCOMPARE(reply.errorCode(), QByteArray("InvalidRange"));
        return;
    }
    QCOMPARE(reply.body, body);
    QCOMPARE(reply.header("content-range"), contentRange);
}

void TestS3Objects::readConditions_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value"); // "$etag" stands for the object's ETag
    QTest::addColumn<int>("status");
    QTest::newRow("if-match hit") << QByteArray("if-match") << QByteArray("$etag") << 200;
    QTest::newRow("if-match miss") << QByteArray("if-match") << QByteArray("\"nope\"") << 412;
    QTest::newRow("if-none-match hit") << QByteArray("if-none-match") << QByteArray("$etag") << 304;
    QTest::newRow("if-none-match star") << QByteArray("if-none-match") << QByteArray("*") << 304;
    QTest::newRow("if-none-match miss") << QByteArray("if-none-match") << QByteArray("\"nope\"") << 200;
    QTest::newRow("modified since the past") << QByteArray("if-modified-since") << QByteArray("Sat, 01 Jan 2000 00:00:00 GMT") << 200;
    QTest::newRow("not modified since the future") << QByteArray("if-modified-since") << QByteArray("Fri, 01 Jan 2100 00:00:00 GMT") << 304;
    QTest::newRow("unmodified since the past") << QByteArray("if-unmodified-since") << QByteArray("Sat, 01 Jan 2000 00:00:00 GMT") << 412;
}

void TestS3Objects::readConditions()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    const Reply stored = put("conditional", "payload");
    QCOMPARE(stored.status, 200);
    if (value == "$etag")
        value = stored.header("etag");
    for (const QByteArray method : {"GET", "HEAD"}) {
        const Reply reply = m_client->send({method, "/objects/conditional", {{header, value}}, {}});
        QCOMPARE(reply.status, status);
        if (status == 304)
            QCOMPARE(reply.header("etag"), stored.header("etag"));
    }
}

void TestS3Objects::conditionalPut()
{
    QCOMPARE(put("once", "first", {{"if-none-match", "*"}}).status, 200);
    const Reply again = put("once", "second", {{"if-none-match", "*"}});
    QCOMPARE(again.status, 412);
    QCOMPARE(again.errorCode(), QByteArray("PreconditionFailed"));
    const Reply wrongMatch = put("once", "third", {{"if-match", "\"0000\""}});
    QCOMPARE(wrongMatch.status, 412);
    const QByteArray etag = m_client->send({"HEAD", "/objects/once", {}, {}}).header("etag");
    QCOMPARE(put("once", "fourth", {{"if-match", etag}}).status, 200);
    QCOMPARE(m_client->send({"GET", "/objects/once", {}, {}}).body, QByteArray("fourth"));
}

void TestS3Objects::storesAndReturnsMetadata()
{
    const sigv4::HeaderList headers{{"content-type", "text/plain; charset=utf-8"},
                                    {"cache-control", "max-age=60"},
                                    {"content-disposition", "attachment; filename=\"a.txt\""},
                                    {"content-language", "de"},
                                    {"expires", "Thu, 01 Dec 2094 16:00:00 GMT"},
                                    {"x-amz-meta-colour", "blue"},
                                    {"x-amz-storage-class", "STANDARD_IA"},
                                    {"x-amz-checksum-crc32", coffer::s3::Checksum(coffer::s3::ChecksumAlgorithm::Crc32).base64()}};
    // The crc32 header above is the CRC of nothing: a body must be refused with BadDigest.
    QCOMPARE(put("meta", "not empty", headers).errorCode(), QByteArray("BadDigest"));
    sigv4::HeaderList good = headers;
    coffer::s3::Checksum crc(coffer::s3::ChecksumAlgorithm::Crc32);
    crc.update("text");
    good.last().second = crc.base64();
    QCOMPARE(put("meta", "text", good).status, 200);
    const Reply head = m_client->send({"HEAD", "/objects/meta", {}, {}});
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("content-type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(head.header("cache-control"), QByteArray("max-age=60"));
    QCOMPARE(head.header("content-language"), QByteArray("de"));
    QCOMPARE(head.header("x-amz-meta-colour"), QByteArray("blue"));
    QCOMPARE(head.header("x-amz-storage-class"), QByteArray("STANDARD_IA"));
    QCOMPARE(head.header("content-length"), QByteArray("4"));
    QVERIFY(head.header("x-amz-checksum-crc32").isEmpty()); // only when asked
    const Reply asked = m_client->send({"HEAD", "/objects/meta", {{"x-amz-checksum-mode", "ENABLED"}}, {}});
    QCOMPARE(asked.header("x-amz-checksum-crc32"), crc.base64());
    const Reply ranged = m_client->send({"GET", "/objects/meta", {{"x-amz-checksum-mode", "ENABLED"}, {"range", "bytes=0-1"}}, {}});
    QCOMPARE(ranged.status, 206);
    QVERIFY(ranged.header("x-amz-checksum-crc32").isEmpty());
    const QByteArray md5 = coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Md5, "other").toBase64();
    QCOMPARE(put("meta", "text", {{"content-md5", md5}}).errorCode(), QByteArray("BadDigest"));
}

void TestS3Objects::copyObject()
{
    QCOMPARE(put("copy-src", "copied bytes", {{"x-amz-meta-origin", "src"}, {"content-type", "text/x-src"}}).status, 200);
    const Reply copied = m_client->send({"PUT", "/objects/copy-dst", {{"x-amz-copy-source", "/objects/copy-src"}}, {}});
    QCOMPARE(copied.status, 200);
    QVERIFY(copied.body.contains("<ETag>"));
    Reply got = m_client->send({"GET", "/objects/copy-dst", {}, {}});
    QCOMPARE(got.body, QByteArray("copied bytes"));
    QCOMPARE(got.header("x-amz-meta-origin"), QByteArray("src"));
    // REPLACE drops the source's metadata; MERGE (R2) lays new metadata over it.
    QCOMPARE(m_client->send({"PUT", "/objects/copy-replaced", {{"x-amz-copy-source", "objects/copy-src"}, {"x-amz-metadata-directive", "REPLACE"}, {"x-amz-meta-new", "1"}}, {}}).status, 200);
    got = m_client->send({"HEAD", "/objects/copy-replaced", {}, {}});
    QVERIFY(got.header("x-amz-meta-origin").isEmpty());
    QCOMPARE(got.header("x-amz-meta-new"), QByteArray("1"));
    QCOMPARE(m_client->send({"PUT", "/objects/copy-merged", {{"x-amz-copy-source", "objects/copy-src"}, {"x-amz-metadata-directive", "MERGE"}, {"x-amz-meta-new", "2"}}, {}}).status, 200);
    got = m_client->send({"HEAD", "/objects/copy-merged", {}, {}});
    QCOMPARE(got.header("x-amz-meta-origin"), QByteArray("src"));
    QCOMPARE(got.header("x-amz-meta-new"), QByteArray("2"));
    const Reply refused = m_client->send({"PUT", "/objects/copy-dst", {{"x-amz-copy-source", "objects/copy-src"}, {"x-amz-copy-source-if-match", "\"nope\""}}, {}});
    QCOMPARE(refused.status, 412);
    const Reply missing = m_client->send({"PUT", "/objects/copy-dst", {{"x-amz-copy-source", "objects/no-such"}}, {}});
    QCOMPARE(missing.errorCode(), QByteArray("NoSuchKey"));
    const Reply self = m_client->send({"PUT", "/objects/copy-src", {{"x-amz-copy-source", "objects/copy-src"}}, {}});
    QCOMPARE(self.errorCode(), QByteArray("InvalidRequest"));
}

void TestS3Objects::deleteObjects()
{
    QCOMPARE(put("del/1", "1").status, 200);
    QCOMPARE(put("del/2", "2").status, 200);
    const QByteArray body = "<Delete><Object><Key>del/1</Key></Object><Object><Key>del/2</Key></Object>"
                            "<Object><Key>del/never</Key></Object></Delete>";
    const Reply loud = m_client->send({"POST", "/objects?delete", {}, body});
    QCOMPARE(loud.status, 200);
    QCOMPARE(loud.body.count("<Deleted>"), 3);
    QCOMPARE(m_client->send({"GET", "/objects/del/1", {}, {}}).status, 404);
    const QByteArray quiet = "<Delete><Quiet>true</Quiet><Object><Key>del/1</Key></Object></Delete>";
    const Reply quietReply = m_client->send({"POST", "/objects?delete", {}, quiet});
    QCOMPARE(quietReply.status, 200);
    QCOMPARE(quietReply.body.count("<Deleted>"), 0);
    const Reply malformed = m_client->send({"POST", "/objects?delete", {}, "<Delete><Object>"});
    QCOMPARE(malformed.status, 400);
    QCOMPARE(malformed.errorCode(), QByteArray("MalformedXML"));
}

void TestS3Objects::multipartUpload()
{
    const Reply created = m_client->send({"POST", "/objects/big?uploads", {}, {}});
    QCOMPARE(created.status, 200);
    const qsizetype start = created.body.indexOf("<UploadId>") + 10;
    const QByteArray uploadId = created.body.mid(start, created.body.indexOf("</UploadId>") - start);
    QVERIFY(!uploadId.isEmpty());
    const QByteArray part1(5 * 1024 * 1024, 'a');
    const QByteArray part2("the last part");
    const Reply p1 = m_client->send({"PUT", "/objects/big?partNumber=1&uploadId=" + uploadId, {}, part1});
    const Reply p2 = m_client->send({"PUT", "/objects/big?partNumber=2&uploadId=" + uploadId, {}, part2});
    QCOMPARE(p1.status, 200);
    QCOMPARE(p2.status, 200);
    const Reply parts = m_client->send({"GET", "/objects/big?uploadId=" + uploadId, {}, {}});
    QCOMPARE(parts.status, 200);
    QCOMPARE(parts.body.count("<Part>"), 2);
    const Reply uploads = m_client->send({"GET", "/objects?uploads", {}, {}});
    QVERIFY(uploads.body.contains(uploadId));
    const QByteArray complete = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + p1.header("etag")
        + "</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + p2.header("etag") + "</ETag></Part></CompleteMultipartUpload>";
    const Reply done = m_client->send({"POST", "/objects/big?uploadId=" + uploadId, {}, complete});
    QCOMPARE(done.status, 200);
    QVERIFY2(done.body.contains("-2&quot;</ETag>") || done.body.contains("-2\"</ETag>"), done.body.constData());
    const Reply got = m_client->send({"GET", "/objects/big", {}, {}});
    QCOMPARE(got.body.size(), part1.size() + part2.size());
    QVERIFY(got.body == part1 + part2);
    const Reply secondPart = m_client->send({"GET", "/objects/big?partNumber=2", {}, {}});
    QCOMPARE(secondPart.status, 206);
    QCOMPARE(secondPart.body, part2);
    QCOMPARE(secondPart.header("x-amz-mp-parts-count"), QByteArray("2"));
    // An upload that is aborted is gone.
    const Reply other = m_client->send({"POST", "/objects/gone?uploads", {}, {}});
    const qsizetype s2 = other.body.indexOf("<UploadId>") + 10;
    const QByteArray otherId = other.body.mid(s2, other.body.indexOf("</UploadId>") - s2);
    QCOMPARE(m_client->send({"DELETE", "/objects/gone?uploadId=" + otherId, {}, {}}).status, 204);
    QCOMPARE(m_client->send({"GET", "/objects/gone?uploadId=" + otherId, {}, {}}).errorCode(), QByteArray("NoSuchUpload"));
}

QTEST_GUILESS_MAIN(TestS3Objects)
#include "tst_s3objects.moc"
