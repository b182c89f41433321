// Multipart uploads end to end beyond the happy path: UploadPartCopy with a range, R2's
// equal-part rule, Content-MD5 on a part, and the lifecycle rule that aborts unfinished
// uploads.

#include "s3testclient.h"

#include "s3/checksum/checksum.h"

#include <QTest>

using namespace coffer::server::api;
using namespace coffer::server::api::test;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray between(const QByteArray &body, const QByteArray &open, const QByteArray &close)
{
    const qsizetype start = body.indexOf(open);
    if (start < 0)
        return {};
    const qsizetype end = body.indexOf(close, start);
    return body.mid(start + open.size(), end - start - open.size());
}

QByteArray completion(const QList<QByteArray> &etags)
{
    QByteArray xml = "<CompleteMultipartUpload>";
    for (qsizetype i = 0; i < etags.size(); ++i)
        xml += "<Part><PartNumber>" + QByteArray::number(i + 1) + "</PartNumber><ETag>" + etags.at(i) + "</ETag></Part>";
    return xml + "</CompleteMultipartUpload>";
}

} // namespace

class TestS3Multipart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void uploadPartCopyWithRange();
    void r2RefusesUnequalParts();
    void partContentMd5();
    void compositeChecksum();
    void lifecycleAbortsUnfinishedUploads();

private:
    QByteArray createUpload(const QByteArray &key);
    std::unique_ptr<ServerThread> m_server;
    std::unique_ptr<S3TestClient> m_client;
};

QByteArray TestS3Multipart::createUpload(const QByteArray &key)
{
    const Reply created = m_client->send({"POST", "/mpart/" + key + "?uploads"});
    return between(created.body, "<UploadId>", "</UploadId>");
}

void TestS3Multipart::initTestCase()
{
    // A lifecycle day of one second, so the abort rule acts within the test.
    m_server = std::make_unique<ServerThread>(ServerMode::R2, 1000);
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<S3TestClient>(m_server->port());
    QCOMPARE(m_client->send({"PUT", "/mpart"}).status, 200);
}

void TestS3Multipart::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void TestS3Multipart::uploadPartCopyWithRange()
{
    QByteArray source(6 * kMiB, Qt::Uninitialized);
    for (qsizetype i = 0; i < source.size(); ++i)
        source[i] = char('a' + i % 26);
    QCOMPARE(m_client->send({"PUT", "/mpart/source", {}, source}).status, 200);
    const QByteArray uploadId = createUpload("assembled");
    QVERIFY(!uploadId.isEmpty());
    const Reply first = m_client->send({"PUT", "/mpart/assembled?partNumber=1&uploadId=" + uploadId,
                                        {{"x-amz-copy-source", "mpart/source"}, {"x-amz-copy-source-range", "bytes=0-5242879"}}});
    QCOMPARE(first.status, 200);
    const QByteArray firstEtag = between(first.body, "<ETag>", "</ETag>").replace("&quot;", "\"");
    QVERIFY(!firstEtag.isEmpty());
    const Reply second = m_client->send({"PUT", "/mpart/assembled?partNumber=2&uploadId=" + uploadId,
                                         {{"x-amz-copy-source", "mpart/source"}, {"x-amz-copy-source-range", "bytes=5242880-6291455"}}});
    QCOMPARE(second.status, 200);
    const QByteArray secondEtag = between(second.body, "<ETag>", "</ETag>").replace("&quot;", "\"");
    const Reply bad = m_client->send({"PUT", "/mpart/assembled?partNumber=3&uploadId=" + uploadId,
                                      {{"x-amz-copy-source", "mpart/source"}, {"x-amz-copy-source-range", "bytes=0-99999999"}}});
    QCOMPARE(bad.errorCode(), QByteArray("InvalidArgument"));
    QCOMPARE(m_client->send({"POST", "/mpart/assembled?uploadId=" + uploadId, {}, completion({firstEtag, secondEtag})}).status, 200);
    const Reply got = m_client->send({"GET", "/mpart/assembled"});
    QCOMPARE(got.body.size(), source.size());
    QVERIFY(got.body == source);
}

void TestS3Multipart::r2RefusesUnequalParts()
{
    const QByteArray uploadId = createUpload("unequal");
    const QByteArray big(6 * kMiB, 'b');
    const QByteArray small(5 * kMiB, 's');
    QList<QByteArray> etags;
    for (const QByteArray &part : {big, small, QByteArray("tail")}) {
        const Reply reply = m_client->send({"PUT", "/mpart/unequal?partNumber=" + QByteArray::number(etags.size() + 1)
                                                       + "&uploadId=" + uploadId, {}, part});
        QCOMPARE(reply.status, 200);
        etags.append(reply.header("etag"));
    }
    const Reply refused = m_client->send({"POST", "/mpart/unequal?uploadId=" + uploadId, {}, completion(etags)});
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.errorCode(), QByteArray("InvalidPart"));
    QCOMPARE(m_client->send({"GET", "/mpart/unequal"}).status, 404);
}

void TestS3Multipart::partContentMd5()
{
    const QByteArray uploadId = createUpload("digested");
    const QByteArray wrong = coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Md5, "other").toBase64();
    const Reply refused = m_client->send({"PUT", "/mpart/digested?partNumber=1&uploadId=" + uploadId, {{"content-md5", wrong}}, "part"});
    QCOMPARE(refused.errorCode(), QByteArray("BadDigest"));
    const QByteArray right = coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Md5, "part").toBase64();
    QCOMPARE(m_client->send({"PUT", "/mpart/digested?partNumber=1&uploadId=" + uploadId, {{"content-md5", right}}, "part"}).status, 200);
    QCOMPARE(m_client->send({"DELETE", "/mpart/digested?uploadId=" + uploadId}).status, 204);
}

void TestS3Multipart::compositeChecksum()
{
    const Reply created = m_client->send({"POST", "/mpart/summed?uploads", {{"x-amz-checksum-algorithm", "CRC32"}}});
    QCOMPARE(created.status, 200);
    QCOMPARE(created.header("x-amz-checksum-algorithm"), QByteArray("CRC32"));
    const QByteArray uploadId = between(created.body, "<UploadId>", "</UploadId>");
    const QList<QByteArray> parts{QByteArray(5 * kMiB, 'x'), QByteArray("end")};
    QList<QByteArray> etags;
    QList<QByteArray> crcs;
    for (const QByteArray &part : parts) {
        coffer::s3::Checksum crc(coffer::s3::ChecksumAlgorithm::Crc32);
        crc.update(part);
        const Reply reply = m_client->send({"PUT", "/mpart/summed?partNumber=" + QByteArray::number(etags.size() + 1)
                                                       + "&uploadId=" + uploadId, {{"x-amz-checksum-crc32", crc.base64()}}, part});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("x-amz-checksum-crc32"), crc.base64());
        etags.append(reply.header("etag"));
        crcs.append(crc.result());
    }
    QCOMPARE(m_client->send({"POST", "/mpart/summed?uploadId=" + uploadId, {}, completion(etags)}).status, 200);
    // COMPOSITE: the CRC of the parts' CRCs, with the part count.
    const QByteArray expected = coffer::s3::Checksum::hash(coffer::s3::ChecksumAlgorithm::Crc32, crcs.join()).toBase64() + "-2";
    const Reply head = m_client->send({"HEAD", "/mpart/summed", {{"x-amz-checksum-mode", "ENABLED"}}});
    QCOMPARE(head.header("x-amz-checksum-crc32"), expected);
    QCOMPARE(head.header("x-amz-checksum-type"), QByteArray("COMPOSITE"));
    QCOMPARE(head.header("x-amz-mp-parts-count"), QByteArray("2"));
}

void TestS3Multipart::lifecycleAbortsUnfinishedUploads()
{
    const QByteArray uploadId = createUpload("tmp/forgotten");
    QVERIFY(!uploadId.isEmpty());
    const QByteArray rules = "<LifecycleConfiguration><Rule><ID>abort</ID><Filter><Prefix>tmp/</Prefix></Filter>"
                             "<Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>1"
                             "</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>";
    QCOMPARE(m_client->send({"PUT", "/mpart?lifecycle", {}, rules}).status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(!m_client->send({"GET", "/mpart?uploads"}).body.contains(uploadId), 10000);
    QCOMPARE(m_client->send({"GET", "/mpart/tmp/forgotten?uploadId=" + uploadId}).errorCode(), QByteArray("NoSuchUpload"));
}

QTEST_GUILESS_MAIN(TestS3Multipart)
#include "tst_s3multipart.moc"
