// S3Client's multipart calls against a fake network: create, upload part, copy part,
// complete, list parts and uploads, abort.
#include "fake_network.h"
#include "test_support.h"

#include "s3/checksum/checksum.h"
#include "s3/xml/documents.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>

using namespace coffer::client;
using namespace coffer::client::testing;
namespace s3 = coffer::s3;
using s3::S3Error;

namespace {
const QString kBucket = QStringLiteral("bucket");
}

class TestMultipartCalls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void multipartCallsFormRequests()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &r) {
            if (r.method == "POST" && r.hasQuery("uploads")) {
                return ScriptedResponse::ok(s3::xml::writeInitiateMultipartUploadResult(
                    {QStringLiteral("bucket"), QStringLiteral("big file"), QStringLiteral("UP/1=")}));
            }
            if (r.method == "PUT" && r.hasHeader("x-amz-copy-source")) {
                s3::CopyPartResult part;
                part.etag = QStringLiteral("\"p2\"");
                part.lastModified = QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
                return ScriptedResponse::ok(s3::xml::writeCopyPartResult(part));
            }
            if (r.method == "PUT")
                return ScriptedResponse::ok({}, {{"ETag", "\"p1\""}});
            if (r.method == "POST") {
                s3::CompleteMultipartUploadResult done;
                done.bucket = QStringLiteral("bucket");
                done.key = QStringLiteral("big file");
                done.etag = QStringLiteral("\"all-2\"");
                return ScriptedResponse::ok(s3::xml::writeCompleteMultipartUploadResult(done));
            }
            if (r.method == "GET" && r.hasQuery("uploads"))
                return ScriptedResponse::ok(s3::xml::writeListMultipartUploadsResult({}));
            if (r.method == "GET")
                return ScriptedResponse::ok(s3::xml::writeListPartsResult({}));
            return ScriptedResponse::withStatus(204);
        };
        S3Client client(testConfig(), &network);
        const QString key = QStringLiteral("big file");

        auto created = capture(client.createMultipartUpload({.bucket = kBucket, .key = key,
                                                             .checksumAlgorithm = s3::ChecksumAlgorithm::Crc32c}), this);
        QTRY_VERIFY(created->has_value());
        QVERIFY((*created)->ok());
        QCOMPARE((**created)->uploadId, QStringLiteral("UP/1="));
        QCOMPARE(network.requests().at(0).path, QByteArray("/bucket/big%20file"));
        QCOMPARE(network.requests().at(0).header("x-amz-checksum-algorithm"), QByteArray("CRC32C"));

        QBuffer partData;
        partData.setData(QByteArray(64, 'p'));
        partData.open(QIODevice::ReadOnly);
        auto part = capture(client.uploadPart({.bucket = kBucket, .key = key, .uploadId = QStringLiteral("UP/1="),
                                               .partNumber = 1, .body = &partData, .size = 64}), this);
        QTRY_VERIFY(part->has_value());
        QCOMPARE((**part)->etag, QStringLiteral("\"p1\""));
        const RecordedRequest &upload = network.requests().at(1);
        QCOMPARE(upload.queryValue("partNumber"), QByteArray("1"));
        QCOMPARE(upload.queryValue("uploadId"), QByteArray("UP/1="));
        QCOMPARE(upload.body, QByteArray(64, 'p'));
        QVERIFY(signatureMatchesWire(upload, testConfig()));

        auto copy = capture(client.uploadPartCopy({.source = {kBucket, QStringLiteral("src"), {}}, .bucket = kBucket, .key = key,
                                                   .uploadId = QStringLiteral("UP/1="), .partNumber = 2,
                                                   .range = std::pair<qint64, qint64>(0, 5242879)}), this);
        QTRY_VERIFY(copy->has_value());
        QCOMPARE((**copy)->etag, QStringLiteral("\"p2\""));
        QCOMPARE(network.requests().at(2).header("x-amz-copy-source-range"), QByteArray("bytes=0-5242879"));

        auto completed = capture(client.completeMultipartUpload({.bucket = kBucket, .key = key, .uploadId = QStringLiteral("UP/1="),
                                                                 .parts = {{1, QStringLiteral("\"p1\""), {}}, {2, QStringLiteral("\"p2\""), {}}}}), this);
        QTRY_VERIFY(completed->has_value());
        QCOMPARE((**completed)->etag, QStringLiteral("\"all-2\""));
        const auto sentParts = s3::xml::parseCompleteMultipartUpload(network.requests().at(3).body);
        QVERIFY(sentParts.ok());
        QCOMPARE(sentParts->parts.size(), 2);
        QCOMPARE(sentParts->parts.at(1).etag, QStringLiteral("\"p2\""));

        auto parts = capture(client.listParts({.bucket = kBucket, .key = key, .uploadId = QStringLiteral("UP/1="), .maxParts = 50}), this);
        QTRY_VERIFY(parts->has_value());
        QVERIFY((*parts)->ok());
        QCOMPARE(network.requests().at(4).queryValue("max-parts"), QByteArray("50"));

        auto uploads = capture(client.listMultipartUploads({.bucket = kBucket, .prefix = QStringLiteral("b")}), this);
        QTRY_VERIFY(uploads->has_value());
        QVERIFY((*uploads)->ok());
        QVERIFY(network.requests().at(5).hasQuery("uploads"));

        auto aborted = capture(client.abortMultipartUpload({kBucket, key, QStringLiteral("UP/1=")}), this);
        QTRY_VERIFY(aborted->has_value());
        QVERIFY((*aborted)->ok());
        QCOMPARE(network.requests().at(6).method, QByteArray("DELETE"));
        QCOMPARE(network.requests().at(6).queryValue("uploadId"), QByteArray("UP/1="));

        auto badPart = capture(client.uploadPart({.bucket = kBucket, .key = key, .uploadId = QStringLiteral("U"),
                                                  .partNumber = 10001, .body = &partData, .size = 1}), this);
        QTRY_VERIFY(badPart->has_value());
        QCOMPARE((*badPart)->error().kind, S3Error::Kind::InvalidInput);
        QCOMPARE(network.requestCount(), 7);
    }

};

QTEST_GUILESS_MAIN(TestMultipartCalls)
#include "tst_multipart_calls.moc"
