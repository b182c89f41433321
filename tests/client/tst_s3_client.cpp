// S3Client's operations against a fake network: how each request is formed (method,
// path exactly as signed, query, headers, body) and how each answer is read.
#include "fake_network.h"
#include "test_support.h"

#include "s3/checksum/checksum.h"
#include "s3/sigv4/digest.h"
#include "s3/xml/documents.h"

#include <QBuffer>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace coffer::client;
using namespace coffer::client::testing;
namespace s3 = coffer::s3;
namespace sigv4 = coffer::s3::sigv4;
using s3::S3Error;

namespace {

const QString kBucket = QStringLiteral("bucket");

QByteArray listBucketPage(const QStringList &keys, const QString &nextToken, const QStringList &prefixes = {})
{
    s3::ListObjectsPage page;
    page.name = kBucket;
    page.encodingType = s3::KeyEncoding::Url;
    page.isTruncated = !nextToken.isEmpty();
    page.nextContinuationToken = nextToken;
    page.commonPrefixes = prefixes;
    page.keyCount = int(keys.size());
    for (const QString &key : keys) {
        s3::ObjectEntry entry;
        entry.key = key;
        entry.etag = QStringLiteral("\"0123456789abcdef0123456789abcdef\"");
        entry.size = 42;
        entry.lastModified = QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
        entry.storageClass = QStringLiteral("STANDARD");
        page.objects.append(entry);
    }
    return s3::xml::writeListBucketResult(page);
}

} // namespace

class TestS3Client : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pathOnTheWireIsExactlyWhatWasSigned_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QByteArray>("wirePath");
        QTest::newRow("space") << QStringLiteral("a b") << QByteArray("/bucket/a%20b");
        QTest::newRow("plus") << QStringLiteral("a+b") << QByteArray("/bucket/a%2Bb");
        QTest::newRow("double-slash") << QStringLiteral("a//b") << QByteArray("/bucket/a//b");
        QTest::newRow("encoded-slash") << QStringLiteral("%2F") << QByteArray("/bucket/%252F");
        QTest::newRow("emoji") << QStringLiteral("\U0001F600.txt") << QByteArray("/bucket/%F0%9F%98%80.txt");
        QTest::newRow("trailing-slash") << QStringLiteral("key/") << QByteArray("/bucket/key/");
        QTest::newRow("dots-inside") << QStringLiteral("a..b/...") << QByteArray("/bucket/a..b/...");
        QTest::newRow("punctuation") << QStringLiteral("&+-\u00e9\"/~") << QByteArray("/bucket/%26%2B-%C3%A9%22/~");
    }
    void pathOnTheWireIsExactlyWhatWasSigned()
    {
        QFETCH(QString, key);
        QFETCH(QByteArray, wirePath);
        FakeNetwork network;
        const ClientConfig config = testConfig();
        S3Client client(config, &network);
        auto result = capture(client.headObject({.bucket = kBucket, .key = key}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(network.requestCount(), 1);
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("HEAD"));
        QCOMPARE(request.path, wirePath);
        QVERIFY(signatureMatchesWire(request, config));
    }

    void keysQtWouldRewriteAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("dotdot") << QStringLiteral("..");
        QTest::newRow("dot") << QStringLiteral(".");
        QTest::newRow("inner-dotdot") << QStringLiteral("a/../b");
        QTest::newRow("leading-dot") << QStringLiteral("./x");
    }
    void keysQtWouldRewriteAreRefused()
    {
        QFETCH(QString, key);
        FakeNetwork network;
        S3Client client(testConfig(), &network);
        auto result = capture(client.headObject({.bucket = kBucket, .key = key}), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->error().kind, S3Error::Kind::InvalidInput);
        QCOMPARE((*result)->error().key, key);
        QCOMPARE(network.requestCount(), 0);
    }

    void dotSegmentKeysTravelInBodiesAndHeaders()
    {
        // Only the request path is rewritten by Qt: such keys can still be deleted in a
        // batch and copied from.
        FakeNetwork network;
        network.responder = [](const RecordedRequest &r) {
            if (r.hasQuery("delete"))
                return ScriptedResponse::ok(s3::xml::writeDeleteResult({}));
            s3::CopyObjectResult copied;
            copied.etag = QStringLiteral("\"c\"");
            copied.lastModified = QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
            return ScriptedResponse::ok(s3::xml::writeCopyObjectResult(copied));
        };
        S3Client client(testConfig(), &network);
        auto deleted = capture(client.deleteObjects({.bucket = kBucket, .objects = {{QStringLiteral(".."), {}}}}), this);
        QTRY_VERIFY(deleted->has_value());
        QVERIFY((*deleted)->ok());
        QCOMPARE(s3::xml::parseDelete(network.requests().at(0).body)->objects.at(0).key, QStringLiteral(".."));
        auto copied = capture(client.copyObject({.source = {kBucket, QStringLiteral("a/../b"), {}}, .bucket = kBucket,
                                                 .key = QStringLiteral("renamed")}), this);
        QTRY_VERIFY(copied->has_value());
        QVERIFY((*copied)->ok());
        QCOMPARE(network.requests().at(1).header("x-amz-copy-source"), QByteArray("/bucket/a/../b"));
    }

    void badNamesAreRefusedBeforeSending_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("key");
        QTest::newRow("uppercase-bucket") << QStringLiteral("Bucket") << QStringLiteral("k");
        QTest::newRow("short-bucket") << QStringLiteral("ab") << QStringLiteral("k");
        QTest::newRow("ip-bucket") << QStringLiteral("192.168.1.1") << QStringLiteral("k");
        QTest::newRow("1025-byte-key") << kBucket << QString(1025, u'k');
        QTest::newRow("empty-key") << kBucket << QString();
    }
    void badNamesAreRefusedBeforeSending()
    {
        QFETCH(QString, bucket);
        QFETCH(QString, key);
        FakeNetwork network;
        S3Client client(testConfig(), &network);
        QBuffer body;
        body.open(QIODevice::ReadOnly);
        auto reply = client.putObject({.bucket = bucket, .key = key, .body = &body, .size = 0});
        QVERIFY(!reply->isFinished()); // never synchronously: the caller connects first
        auto result = capture(reply, this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->error().kind, S3Error::Kind::InvalidInput);
        QVERIFY(!(*result)->error().userMessage().isEmpty());
        QCOMPARE(network.requestCount(), 0);
    }

    void a1024ByteKeyIsAccepted()
    {
        FakeNetwork network;
        S3Client client(testConfig(), &network);
        auto result = capture(client.deleteObject({.bucket = kBucket, .key = QString(1024, u'k')}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(network.requestCount(), 1);
    }

    void listBucketsOnR2UsesCfHeaders()
    {
        FakeNetwork network;
        s3::ListBucketsPage page;
        page.buckets = {{QStringLiteral("alpha"), QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::UTC), {}}};
        network.enqueue(ScriptedResponse::ok(s3::xml::writeListAllMyBucketsResult(page),
                                             {{"cf-is-truncated", "true"}, {"cf-next-continuation-token", "NEXT"}}));
        S3Client client(testConfig(s3::Provider::CloudflareR2), &network);
        auto result = capture(client.listBuckets({.prefix = QStringLiteral("al"), .startAfter = QStringLiteral("a"),
                                                  .continuationToken = QStringLiteral("TOKEN"), .maxKeys = 10}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.path, QByteArray("/"));
        QCOMPARE(request.query, QByteArray());
        QCOMPARE(request.header("cf-prefix"), QByteArray("al"));
        QCOMPARE(request.header("cf-start-after"), QByteArray("a"));
        QCOMPARE(request.header("cf-continuation-token"), QByteArray("TOKEN"));
        QCOMPARE(request.header("cf-max-keys"), QByteArray("10"));
        QCOMPARE((**result)->buckets.size(), 1);
        QCOMPARE((**result)->buckets.at(0).name, QStringLiteral("alpha"));
        QCOMPARE((**result)->continuationToken, QStringLiteral("NEXT"));
    }

    void listBucketsElsewhereUsesQuery()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok(s3::xml::writeListAllMyBucketsResult({})));
        S3Client client(testConfig(s3::Provider::AwsS3), &network);
        auto result = capture(client.listBuckets({.prefix = QStringLiteral("p"), .maxKeys = 5}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        const RecordedRequest &request = network.requests().at(0);
        QVERIFY(!request.hasHeader("cf-prefix"));
        QCOMPARE(request.queryValue("prefix"), QByteArray("p"));
        QCOMPARE(request.queryValue("max-buckets"), QByteArray("5"));
    }

    void createBucketSendsLocationConstraint()
    {
        FakeNetwork network;
        S3Client client(testConfig(s3::Provider::CloudflareR2), &network);
        auto result = capture(client.createBucket(kBucket, QStringLiteral("weur")), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.path, QByteArray("/bucket"));
        const auto body = s3::xml::parseCreateBucketConfiguration(request.body);
        QVERIFY(body.ok());
        QCOMPARE(body->locationConstraint, QStringLiteral("weur"));
        QCOMPARE(request.header("x-amz-content-sha256"), sigv4::sha256Hex(request.body));

        auto bad = capture(client.createBucket(kBucket, QStringLiteral("mars")), this);
        QTRY_VERIFY(bad->has_value());
        QCOMPARE((*bad)->error().kind, S3Error::Kind::InvalidInput);
        QCOMPARE(network.requestCount(), 1);
    }

    void bucketCallsFormRequests_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("delete") << 0 << QByteArray("DELETE") << QByteArray();
        QTest::newRow("head") << 1 << QByteArray("HEAD") << QByteArray();
        QTest::newRow("location") << 2 << QByteArray("GET") << QByteArray("location=");
        QTest::newRow("delete-cors") << 3 << QByteArray("DELETE") << QByteArray("cors=");
        QTest::newRow("delete-lifecycle") << 4 << QByteArray("DELETE") << QByteArray("lifecycle=");
        QTest::newRow("delete-policy") << 5 << QByteArray("DELETE") << QByteArray("policy=");
    }
    void bucketCallsFormRequests()
    {
        QFETCH(int, call);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, query);
        FakeNetwork network;
        network.responder = [](const RecordedRequest &r) {
            if (r.hasQuery("location"))
                return ScriptedResponse::ok(s3::xml::writeLocationConstraint({QStringLiteral("eu-west-1")}));
            return ScriptedResponse::ok({}, {{"x-amz-bucket-region", "eu-west-1"}});
        };
        S3Client client(testConfig(), &network);
        S3Call *reply = nullptr;
        switch (call) {
        case 0: reply = client.deleteBucket(kBucket); break;
        case 1: reply = client.headBucket(kBucket)->onFinished(this, [](const Result<BucketHead> &r) {
                QCOMPARE(r->region, QStringLiteral("eu-west-1"));
            }); break;
        case 2: reply = client.getBucketLocation(kBucket)->onFinished(this, [](const Result<s3::BucketLocation> &r) {
                QCOMPARE(r->locationConstraint, QStringLiteral("eu-west-1"));
            }); break;
        case 3: reply = client.deleteBucketCors(kBucket); break;
        case 4: reply = client.deleteBucketLifecycleConfiguration(kBucket); break;
        case 5: reply = client.deleteBucketPolicy(kBucket); break;
        }
        QSignalSpy finished(reply, &S3Call::finished);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(network.requestCount(), 1);
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, method);
        QCOMPARE(request.path, QByteArray("/bucket"));
        QCOMPARE(request.query, query);
        QCOMPARE(request.header("x-amz-content-sha256"), QByteArray(sigv4::kEmptyPayloadSha256.data()));
    }

    void listObjectsV2FormsQueryAndDecodesKeys()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok(listBucketPage({QStringLiteral("dir/a b+c"), QStringLiteral("dir/\u00e9")},
                                                            {}, {QStringLiteral("dir/sub dir/")})));
        S3Client client(testConfig(), &network);
        auto result = capture(client.listObjectsV2({.bucket = kBucket, .prefix = QStringLiteral("dir/"),
                                                    .delimiter = QStringLiteral("/"), .continuationToken = QStringLiteral("t+/="),
                                                    .startAfter = QStringLiteral("dir/0"), .maxKeys = 100, .fetchOwner = true}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY2((*result)->ok(), qPrintable((*result)->error().userMessage()));
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.queryValue("list-type"), QByteArray("2"));
        QCOMPARE(request.queryValue("encoding-type"), QByteArray("url"));
        QCOMPARE(request.queryValue("prefix"), QByteArray("dir/"));
        QCOMPARE(request.queryValue("delimiter"), QByteArray("/"));
        QCOMPARE(request.queryValue("continuation-token"), QByteArray("t+/="));
        QCOMPARE(request.queryValue("start-after"), QByteArray("dir/0"));
        QCOMPARE(request.queryValue("max-keys"), QByteArray("100"));
        QCOMPARE(request.queryValue("fetch-owner"), QByteArray("true"));
        QVERIFY(request.query.contains("continuation-token=t%2B%2F%3D")); // encoded once, S3 style
        QVERIFY(signatureMatchesWire(request, testConfig()));
        QCOMPARE((**result)->objects.size(), 2);
        QCOMPARE((**result)->objects.at(0).key, QStringLiteral("dir/a b+c"));
        QCOMPARE((**result)->objects.at(1).key, QStringLiteral("dir/\u00e9"));
        QCOMPARE((**result)->commonPrefixes, QStringList{QStringLiteral("dir/sub dir/")});
    }

    void listingPagesFollowTheContinuationToken()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &r) {
            const QByteArray token = r.queryValue("continuation-token");
            if (token.isEmpty())
                return ScriptedResponse::ok(listBucketPage({QStringLiteral("k1"), QStringLiteral("k2")}, QStringLiteral("p2")));
            if (token == "p2")
                return ScriptedResponse::ok(listBucketPage({QStringLiteral("k3")}, QStringLiteral("p3")));
            return ScriptedResponse::ok(listBucketPage({QStringLiteral("k4")}, {}));
        };
        S3Client client(testConfig(), &network);
        QStringList keys;
        QString token;
        bool more = true;
        while (more) {
            auto page = capture(client.listObjectsV2({.bucket = kBucket, .continuationToken = token}), this);
            QTRY_VERIFY(page->has_value());
            QVERIFY((*page)->ok());
            for (const auto &object : (**page)->objects)
                keys.append(object.key);
            more = (**page)->isTruncated;
            token = (**page)->nextContinuationToken;
            QVERIFY(network.requestCount() <= 3);
        }
        QCOMPARE(keys, (QStringList{QStringLiteral("k1"), QStringLiteral("k2"), QStringLiteral("k3"), QStringLiteral("k4")}));
        QCOMPARE(network.requestCount(), 3);
    }

    void listObjectVersionsIsAConfigurationCall()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::withStatus(501, "<Error><Code>NotImplemented</Code></Error>"));
        S3Client client(testConfig(s3::Provider::CloudflareR2), &network);
        auto result = capture(client.listObjectVersions({.bucket = kBucket, .prefix = QStringLiteral("p")}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->error().isNotSupported());
        QVERIFY(network.requests().at(0).hasQuery("versions"));
        QCOMPARE(network.requests().at(0).queryValue("encoding-type"), QByteArray("url"));
    }

    void headObjectReadsHeaders()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok({}, {{"Content-Length", "1234"}, {"ETag", "\"abc\""},
                                                  {"Last-Modified", "Mon, 23 Feb 2026 08:24:20 GMT"},
                                                  {"Content-Type", "image/png"}, {"x-amz-storage-class", "STANDARD_IA"},
                                                  {"x-amz-meta-owner", "ada"}, {"x-amz-checksum-crc32", "yZRlqg=="},
                                                  {"x-amz-checksum-type", "FULL_OBJECT"}}));
        S3Client client(testConfig(), &network);
        auto result = capture(client.headObject({.bucket = kBucket, .key = QStringLiteral("pic.png")}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(network.requests().at(0).header("x-amz-checksum-mode"), QByteArray("ENABLED"));
        const ObjectHead &head = (**result).value();
        QCOMPARE(head.contentLength, 1234);
        QCOMPARE(head.etag, QStringLiteral("\"abc\""));
        QCOMPARE(head.lastModified, QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC));
        QCOMPARE(head.contentType, QStringLiteral("image/png"));
        QCOMPARE(head.storageClass, QStringLiteral("STANDARD_IA"));
        QCOMPARE(head.metadata, (MetadataList{{QStringLiteral("owner"), QStringLiteral("ada")}}));
        QCOMPARE(head.checksums.crc32, QStringLiteral("yZRlqg=="));
        QCOMPARE(head.checksumType, QStringLiteral("FULL_OBJECT"));
    }

    void getObjectStreamsIntoTheSink()
    {
        FakeNetwork network;
        QByteArray content;
        for (int i = 0; i < 5000; ++i)
            content += char(i % 251);
        network.enqueue(ScriptedResponse::withStatus(206, content.mid(100, 1000),
                                                 {{"Content-Range", "bytes 100-1099/5000"}, {"ETag", "\"e\""}}));
        S3Client client(testConfig(), &network);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const QDateTime since(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC);
        auto *reply = client.getObject({.bucket = kBucket, .key = QStringLiteral("k"), .range = ByteRange{100, 1099, {}},
                                        .conditions = {QStringLiteral("\"e\""), {}, since, {}}}, &sink);
        QSignalSpy progress(reply, &S3Call::progress);
        auto result = capture(reply, this);
        QTRY_VERIFY(result->has_value());
        QVERIFY((*result)->ok());
        QCOMPARE(sink.data(), content.mid(100, 1000));
        QVERIFY(progress.size() >= 2);
        QCOMPARE(progress.last().at(0).toLongLong(), 1000);
        QCOMPARE((**result)->objectSize(), 5000);
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.header("range"), QByteArray("bytes=100-1099"));
        QCOMPARE(request.header("if-match"), QByteArray("\"e\""));
        QCOMPARE(request.header("if-modified-since"), QByteArray("Thu, 01 Jan 2026 00:00:00 GMT"));
        QVERIFY(!request.hasHeader("x-amz-checksum-mode")); // no full-object checksum on a range
    }

    void errorBodiesNeverReachTheSink()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::withStatus(404, "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>"));
        S3Client client(testConfig(), &network);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        auto result = capture(client.getObject({.bucket = kBucket, .key = QStringLiteral("k")}, &sink), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->error().code, QStringLiteral("NoSuchKey"));
        QCOMPARE((*result)->error().key, QStringLiteral("k"));
        QVERIFY(sink.data().isEmpty());
    }

    void putObjectSendsHeadersAndStreamsTheBody()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok({}, {{"ETag", "\"put-etag\""}, {"x-amz-version-id", "v1"}}));
        S3Client client(testConfig(), &network);
        const QByteArray data = "0123456789abcdef";
        QBuffer body;
        body.setData(data);
        body.open(QIODevice::ReadOnly);
        const QByteArray crc = s3::Checksum::hash(s3::ChecksumAlgorithm::Crc32, data).toBase64();
        const QByteArray md5 = s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, data).toBase64();
        PutObjectParams params{.bucket = kBucket, .key = QStringLiteral("dir/file.txt"), .body = &body, .size = data.size()};
        params.attributes.contentType = QStringLiteral("text/plain");
        params.attributes.cacheControl = QStringLiteral("no-cache");
        params.attributes.metadata = {{QStringLiteral("Author"), QStringLiteral("ada")}};
        params.attributes.storageClass = QStringLiteral("STANDARD_IA");
        params.checksumAlgorithm = s3::ChecksumAlgorithm::Crc32;
        params.checksumBase64 = crc;
        params.contentMd5Base64 = md5;
        params.ifNoneMatchAny = true;
        auto *reply = client.putObject(params);
        QSignalSpy progress(reply, &S3Call::progress);
        auto result = capture(reply, this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), data.size());
        QCOMPARE(progress.last().at(1).toLongLong(), data.size());
        QVERIFY((*result)->ok());
        QCOMPARE((**result)->etag, QStringLiteral("\"put-etag\""));
        QCOMPARE((**result)->versionId, QStringLiteral("v1"));
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.path, QByteArray("/bucket/dir/file.txt"));
        QCOMPARE(request.body, data);
        QCOMPARE(request.header("x-amz-content-sha256"), QByteArray("UNSIGNED-PAYLOAD"));
        QCOMPARE(request.header("content-type"), QByteArray("text/plain"));
        QCOMPARE(request.header("cache-control"), QByteArray("no-cache"));
        QCOMPARE(request.header("x-amz-meta-author"), QByteArray("ada"));
        QCOMPARE(request.header("x-amz-storage-class"), QByteArray("STANDARD_IA"));
        QCOMPARE(request.header("x-amz-checksum-crc32"), crc);
        QCOMPARE(request.header("content-md5"), md5);
        QCOMPARE(request.header("if-none-match"), QByteArray("*"));
        QCOMPARE(request.request.header(QNetworkRequest::ContentLengthHeader).toLongLong(), data.size());
        QVERIFY(signatureMatchesWire(request, testConfig()));
    }

    void metadataThatCannotTravelIsRefused()
    {
        FakeNetwork network;
        S3Client client(testConfig(), &network);
        QBuffer body;
        body.open(QIODevice::ReadOnly);
        PutObjectParams params{.bucket = kBucket, .key = QStringLiteral("k"), .body = &body, .size = 0};
        params.attributes.metadata = {{QStringLiteral("note"), QStringLiteral("line\nbreak")}};
        auto result = capture(client.putObject(params), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->error().kind, S3Error::Kind::InvalidInput);
        QCOMPARE(network.requestCount(), 0);
    }

    void deleteObjectsBatchesByAThousand()
    {
        FakeNetwork network;
        network.responder = [](const RecordedRequest &r) {
            const auto request = s3::xml::parseDelete(r.body);
            s3::DeleteObjectsResult answer;
            if (request.ok() && !request->objects.isEmpty()) // one failure per batch
                answer.errors.append({request->objects.first().key, {}, QStringLiteral("AccessDenied"), QStringLiteral("no")});
            return ScriptedResponse::ok(s3::xml::writeDeleteResult(answer));
        };
        S3Client client(testConfig(), &network);
        DeleteObjectsParams params{.bucket = kBucket};
        for (int i = 0; i < 2500; ++i)
            params.objects.append({QStringLiteral("key-%1").arg(i, 4, 10, QLatin1Char('0')), {}});
        auto *reply = client.deleteObjects(params);
        QSignalSpy progress(reply, &S3Call::progress);
        auto result = capture(reply, this);
        QTRY_VERIFY(result->has_value());
        QVERIFY2((*result)->ok(), qPrintable((*result)->error().userMessage()));
        QCOMPARE(network.requestCount(), 3);
        const QList<int> expectedSizes{1000, 1000, 500};
        QStringList sentKeys;
        for (int i = 0; i < 3; ++i) {
            const RecordedRequest &request = network.requests().at(i);
            QCOMPARE(request.method, QByteArray("POST"));
            QVERIFY(request.hasQuery("delete"));
            QCOMPARE(request.header("content-md5"), s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, request.body).toBase64());
            QCOMPARE(request.header("x-amz-content-sha256"), sigv4::sha256Hex(request.body));
            const auto batch = s3::xml::parseDelete(request.body);
            QVERIFY(batch.ok());
            QVERIFY(batch->quiet);
            QCOMPARE(batch->objects.size(), expectedSizes.at(i));
            for (const auto &object : batch->objects)
                sentKeys.append(object.key);
        }
        QCOMPARE(sentKeys.size(), 2500);
        QCOMPARE(sentKeys.first(), QStringLiteral("key-0000"));
        QCOMPARE(sentKeys.last(), QStringLiteral("key-2499"));
        QCOMPARE((**result)->errors.size(), 3);
        QCOMPARE((**result)->errors.at(2).key, QStringLiteral("key-2000"));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(0).toLongLong(), 2500);
    }

    void copyObjectEncodesTheSource_data()
    {
        QTest::addColumn<int>("directive");
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("sentDirective");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("copy") << int(MetadataDirective::Copy) << int(s3::Provider::AwsS3) << QByteArray() << true;
        QTest::newRow("replace") << int(MetadataDirective::Replace) << int(s3::Provider::AwsS3) << QByteArray("REPLACE") << true;
        QTest::newRow("merge-r2") << int(MetadataDirective::Merge) << int(s3::Provider::CloudflareR2) << QByteArray("MERGE") << true;
        QTest::newRow("merge-aws") << int(MetadataDirective::Merge) << int(s3::Provider::AwsS3) << QByteArray() << false;
    }
    void copyObjectEncodesTheSource()
    {
        QFETCH(int, directive);
        QFETCH(int, provider);
        QFETCH(QByteArray, sentDirective);
        QFETCH(bool, accepted);
        FakeNetwork network;
        s3::CopyObjectResult copied;
        copied.etag = QStringLiteral("\"copied\"");
        copied.lastModified = QDateTime(QDate(2026, 2, 23), QTime(8, 24, 20), QTimeZone::UTC);
        network.enqueue(ScriptedResponse::ok(s3::xml::writeCopyObjectResult(copied)));
        S3Client client(testConfig(s3::Provider(provider)), &network);
        CopyObjectParams params{.source = {QStringLiteral("src-bucket"), QStringLiteral("a b/c+d\u00e9"), QStringLiteral("v 1")},
                                .bucket = kBucket, .key = QStringLiteral("copy"), .directive = MetadataDirective(directive)};
        params.attributes.contentType = QStringLiteral("text/plain");
        auto result = capture(client.copyObject(params), this);
        QTRY_VERIFY(result->has_value());
        QCOMPARE((*result)->ok(), accepted);
        if (!accepted) {
            QCOMPARE((*result)->error().kind, S3Error::Kind::InvalidInput);
            QCOMPARE(network.requestCount(), 0);
            return;
        }
        QCOMPARE((**result)->etag, QStringLiteral("\"copied\""));
        const RecordedRequest &request = network.requests().at(0);
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.header("x-amz-copy-source"), QByteArray("/src-bucket/a%20b/c%2Bd%C3%A9?versionId=v%201"));
        QCOMPARE(request.header("x-amz-metadata-directive"), sentDirective);
        QCOMPARE(request.hasHeader("content-type"), !sentDirective.isEmpty());
    }

    void copyAnswering200WithAnErrorFails()
    {
        FakeNetwork network;
        network.enqueue(ScriptedResponse::ok("<Error><Code>InternalError</Code><Message>late failure</Message></Error>"));
        S3Client client(testConfig(), &network);
        auto result = capture(client.copyObject({.source = {kBucket, QStringLiteral("a"), {}}, .bucket = kBucket,
                                                 .key = QStringLiteral("b")}), this);
        QTRY_VERIFY(result->has_value());
        QVERIFY(!(*result)->ok());
        QCOMPARE((*result)->error().code, QStringLiteral("InternalError"));
    }

    void presignHonoursTheExpiryWindow_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<qint64>("expires");
        QTest::addColumn<bool>("valid");
        QTest::newRow("zero") << QByteArray("GET") << qint64(0) << false;
        QTest::newRow("one-second") << QByteArray("GET") << qint64(1) << true;
        QTest::newRow("seven-days") << QByteArray("PUT") << qint64(604800) << true;
        QTest::newRow("seven-days-and-one") << QByteArray("GET") << qint64(604801) << false;
        QTest::newRow("head") << QByteArray("HEAD") << qint64(60) << true;
        QTest::newRow("delete") << QByteArray("DELETE") << qint64(60) << true;
        QTest::newRow("post") << QByteArray("POST") << qint64(60) << false;
    }
    void presignHonoursTheExpiryWindow()
    {
        QFETCH(QByteArray, method);
        QFETCH(qint64, expires);
        QFETCH(bool, valid);
        FakeNetwork network;
        S3Client client(testConfig(), &network);
        const Result<QUrl> url = client.presign({.method = method, .bucket = kBucket, .key = QStringLiteral("a b+c"),
                                                 .expiresSeconds = expires});
        QCOMPARE(url.ok(), valid);
        QCOMPARE(network.requestCount(), 0);
        if (!valid) {
            QCOMPARE(url.error().kind, S3Error::Kind::InvalidInput);
            return;
        }
        const QByteArray encoded = url.value().toEncoded();
        QVERIFY(encoded.startsWith("https://s3.example.test/bucket/a%20b%2Bc?"));
        const QUrlQuery query(url.value());
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Expires")), QString::number(expires));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Date")), QStringLiteral("20260223T082420Z"));
        QCOMPARE(query.queryItemValue(QStringLiteral("X-Amz-Signature")).size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestS3Client)
#include "tst_s3_client.moc"
