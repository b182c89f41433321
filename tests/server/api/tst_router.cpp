// The router's table: what each request line becomes, and what it is refused with.

#include "server/api/router.h"

#include <QTest>

using namespace coffer::server::api;

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void routes_data();
    void routes();
    void refuses_data();
    void refuses();
    void keysStayDistinct();
    void splitsTargetsExactly_data();
    void splitsTargetsExactly();
    void copySource_data();
    void copySource();
};

void TestRouter::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QByteArray>("copySource");
    QTest::addColumn<QByteArray>("vhostBase");
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, const char *method, const char *target, const char *expected,
                  const char *host = "127.0.0.1:9000", const char *copySource = "", const char *base = "") {
        QTest::newRow(name) << QByteArray(method) << QByteArray(target) << QByteArray(host)
                            << QByteArray(copySource) << QByteArray(base) << QByteArray(expected);
    };
    row("list buckets", "GET", "/", "ListBuckets");
    row("list buckets paged", "GET", "/?max-buckets=5&continuation-token=abc", "ListBuckets token=abc maxBuckets=5");
    row("create bucket", "PUT", "/b1", "CreateBucket bucket=b1");
    row("create bucket slash", "PUT", "/b1/", "CreateBucket bucket=b1");
    row("head bucket", "HEAD", "/b1", "HeadBucket bucket=b1");
    row("delete bucket", "DELETE", "/b1", "DeleteBucket bucket=b1");
    row("location", "GET", "/b1?location", "GetBucketLocation bucket=b1");
    row("list v1", "GET", "/b1", "ListObjects bucket=b1");
    row("list v1 marker", "GET", "/b1?marker=m&prefix=p%2F&delimiter=%2F&max-keys=5",
        "ListObjects bucket=b1 prefix=p%2F delimiter=%2F marker=m maxKeys=5");
    row("list v2", "GET", "/b1?list-type=2&prefix=a%20b&start-after=x&continuation-token=t&fetch-owner=true&encoding-type=url",
        "ListObjectsV2 bucket=b1 prefix=a%20b token=t startAfter=x fetchOwner url");
    row("list v2 max-keys capped", "GET", "/b1?list-type=2&max-keys=5000", "ListObjectsV2 bucket=b1");
    row("list v2 max-keys zero", "GET", "/b1?list-type=2&max-keys=0", "ListObjectsV2 bucket=b1 maxKeys=0");
    row("sdk x-id ignored", "GET", "/b1?list-type=2&x-id=ListObjectsV2", "ListObjectsV2 bucket=b1");
    row("versions", "GET", "/b1?versions&key-marker=k", "ListObjectVersions bucket=b1 keyMarker=k");
    row("uploads", "GET", "/b1?uploads&prefix=p", "ListMultipartUploads bucket=b1 prefix=p");
    row("put object", "PUT", "/b1/a/b.txt", "PutObject bucket=b1 key=a%2Fb.txt");
    row("put object x-id", "PUT", "/b1/k?x-id=PutObject", "PutObject bucket=b1 key=k");
    row("copy object", "PUT", "/b1/dst", "CopyObject bucket=b1 key=dst source=src/a%20b", "h", "/src/a%20b");
    row("copy object no slash", "PUT", "/b1/dst", "CopyObject bucket=b1 key=dst source=src/k", "h", "src/k?versionId=null");
    row("get object", "GET", "/b1/k", "GetObject bucket=b1 key=k");
    row("get part", "GET", "/b1/k?partNumber=2", "GetObject bucket=b1 key=k partNumber=2");
    row("get version null", "GET", "/b1/k?versionId=null", "GetObject bucket=b1 key=k");
    row("head object", "HEAD", "/b1/k", "HeadObject bucket=b1 key=k");
    row("head object acl ignored", "HEAD", "/b1/k?acl", "HeadObject bucket=b1 key=k");
    row("delete object", "DELETE", "/b1/k", "DeleteObject bucket=b1 key=k");
    row("delete objects", "POST", "/b1?delete", "DeleteObjects bucket=b1");
    row("create mpu", "POST", "/b1/k?uploads", "CreateMultipartUpload bucket=b1 key=k");
    row("upload part", "PUT", "/b1/k?partNumber=3&uploadId=u1", "UploadPart bucket=b1 key=k uploadId=u1 partNumber=3");
    row("upload part copy", "PUT", "/b1/k?uploadId=u1&partNumber=1",
        "UploadPartCopy bucket=b1 key=k source=s/o uploadId=u1 partNumber=1", "h", "s/o");
    row("complete", "POST", "/b1/k?uploadId=u1", "CompleteMultipartUpload bucket=b1 key=k uploadId=u1");
    row("abort", "DELETE", "/b1/k?uploadId=u1", "AbortMultipartUpload bucket=b1 key=k uploadId=u1");
    row("list parts", "GET", "/b1/k?uploadId=u1&max-parts=2&part-number-marker=1",
        "ListParts bucket=b1 key=k uploadId=u1 maxParts=2 partNumberMarker=1");
    row("get cors", "GET", "/b1?cors", "GetBucketCors bucket=b1");
    row("put cors", "PUT", "/b1?cors", "PutBucketCors bucket=b1");
    row("delete cors", "DELETE", "/b1?cors", "DeleteBucketCors bucket=b1");
    row("get lifecycle", "GET", "/b1?lifecycle", "GetBucketLifecycleConfiguration bucket=b1");
    row("put lifecycle", "PUT", "/b1?lifecycle", "PutBucketLifecycleConfiguration bucket=b1");
    row("delete lifecycle", "DELETE", "/b1?lifecycle", "DeleteBucketLifecycle bucket=b1");
    row("get policy", "GET", "/b1?policy", "GetBucketPolicy bucket=b1");
    row("put policy", "PUT", "/b1?policy", "PutBucketPolicy bucket=b1");
    row("delete policy", "DELETE", "/b1?policy", "DeleteBucketPolicy bucket=b1");
    row("policy status", "GET", "/b1?policyStatus", "GetBucketPolicyStatus bucket=b1");
    row("get pab", "GET", "/b1?publicAccessBlock", "GetPublicAccessBlock bucket=b1");
    row("put pab", "PUT", "/b1?publicAccessBlock", "PutPublicAccessBlock bucket=b1");
    row("delete pab", "DELETE", "/b1?publicAccessBlock", "DeletePublicAccessBlock bucket=b1");
    row("get versioning", "GET", "/b1?versioning", "GetBucketVersioning bucket=b1");
    row("put versioning", "PUT", "/b1?versioning", "PutBucketVersioning bucket=b1");
    row("options bucket", "OPTIONS", "/b1", "Options bucket=b1");
    row("options object", "OPTIONS", "/b1/a%20b", "Options bucket=b1 key=a%20b");
    row("bucket acl", "GET", "/b1?acl", "Unsupported bucket=b1 what=acl");
    row("bucket tagging put", "PUT", "/b1?tagging", "Unsupported bucket=b1 what=tagging");
    row("object lock", "GET", "/b1?object-lock", "Unsupported bucket=b1 what=object-lock");
    row("website", "DELETE", "/b1?website", "Unsupported bucket=b1 what=website");
    row("object acl", "PUT", "/b1/k?acl", "Unsupported bucket=b1 key=k what=acl");
    row("object tagging", "GET", "/b1/k?tagging", "Unsupported bucket=b1 key=k what=tagging");
    row("legal hold", "PUT", "/b1/k?legal-hold", "Unsupported bucket=b1 key=k what=legal-hold");
    row("post object", "POST", "/b1", "Unsupported bucket=b1 what=PostObject");
    row("key double slash", "GET", "/b1/a//b", "GetObject bucket=b1 key=a%2F%2Fb");
    row("key dot dot", "GET", "/b1/..", "GetObject bucket=b1 key=..");
    row("key dot dot inside", "GET", "/b1/a/../b", "GetObject bucket=b1 key=a%2F..%2Fb");
    row("key encoded slash", "GET", "/b1/%2F", "GetObject bucket=b1 key=%2F");
    row("key percent-two-F literal", "GET", "/b1/%252F", "GetObject bucket=b1 key=%252F");
    row("key plus stays plus", "GET", "/b1/a+b", "GetObject bucket=b1 key=a%2Bb");
    row("key space", "GET", "/b1/a%20b", "GetObject bucket=b1 key=a%20b");
    row("key emoji", "GET", "/b1/%F0%9F%98%80", "GetObject bucket=b1 key=%F0%9F%98%80");
    row("key leading slash", "GET", "/b1//x", "GetObject bucket=b1 key=%2Fx");
    row("absolute form", "GET", "http://127.0.0.1:9000/b1/k?x-id=GetObject", "GetObject bucket=b1 key=k");
    row("vhost object", "GET", "/a/b", "GetObject bucket=photos key=a%2Fb", "photos.s3.local:9000", "", "s3.local");
    row("vhost bucket", "GET", "/?list-type=2", "ListObjectsV2 bucket=photos", "Photos.S3.Local", "", "s3.local");
    row("vhost base itself is path style", "GET", "/b1/k", "GetObject bucket=b1 key=k", "s3.local:9000", "", "s3.local");
    row("vhost off by default", "GET", "/b1/k", "GetObject bucket=b1 key=k", "photos.s3.local", "", "");
    row("vhost other host", "GET", "/b1/k", "GetObject bucket=b1 key=k", "photos.example.com", "", "s3.local");
}

void TestRouter::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, host);
    QFETCH(QByteArray, copySource);
    QFETCH(QByteArray, vhostBase);
    QFETCH(QByteArray, expected);

    const RouteResult result = route({method, target, host, copySource}, {vhostBase});
    QVERIFY2(result.ok(), result.error.code.constData());
    QCOMPARE(describeEndpoint(*result.endpoint), expected);
}

void TestRouter::refuses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("copySource");
    QTest::addColumn<QByteArray>("code");

    QTest::newRow("unknown method") << QByteArray("PATCH") << QByteArray("/b1/k") << QByteArray() << QByteArray("MethodNotAllowed");
    QTest::newRow("put on service") << QByteArray("PUT") << QByteArray("/") << QByteArray() << QByteArray("MethodNotAllowed");
    QTest::newRow("no leading slash") << QByteArray("GET") << QByteArray("b1/k") << QByteArray() << QByteArray("InvalidURI");
    QTest::newRow("star target") << QByteArray("OPTIONS") << QByteArray("*") << QByteArray() << QByteArray("InvalidURI");
    QTest::newRow("bad bucket chars") << QByteArray("GET") << QByteArray("/b%2F1/k") << QByteArray() << QByteArray("InvalidBucketName");
    QTest::newRow("empty bucket") << QByteArray("GET") << QByteArray("//k") << QByteArray() << QByteArray("InvalidBucketName");
    QTest::newRow("1025-byte key") << QByteArray("PUT") << ("/b1/" + QByteArray(1025, 'k')) << QByteArray() << QByteArray("KeyTooLongError");
    QTest::newRow("invalid utf-8 key") << QByteArray("PUT") << QByteArray("/b1/%FF%FE") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("bad max-keys") << QByteArray("GET") << QByteArray("/b1?list-type=2&max-keys=ten") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("negative max-keys") << QByteArray("GET") << QByteArray("/b1?max-keys=-1") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("list-type 3") << QByteArray("GET") << QByteArray("/b1?list-type=3") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("encoding-type xml") << QByteArray("GET") << QByteArray("/b1?encoding-type=xml") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("part number 0") << QByteArray("PUT") << QByteArray("/b1/k?partNumber=0&uploadId=u") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("part number 10001") << QByteArray("PUT") << QByteArray("/b1/k?partNumber=10001&uploadId=u") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("part without upload") << QByteArray("PUT") << QByteArray("/b1/k?partNumber=1") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("empty upload id") << QByteArray("DELETE") << QByteArray("/b1/k?uploadId=") << QByteArray() << QByteArray("NoSuchUpload");
    QTest::newRow("version id") << QByteArray("GET") << QByteArray("/b1/k?versionId=3") << QByteArray() << QByteArray("InvalidArgument");
    QTest::newRow("post object bare") << QByteArray("POST") << QByteArray("/b1/k") << QByteArray() << QByteArray("MethodNotAllowed");
    QTest::newRow("copy source no key") << QByteArray("PUT") << QByteArray("/b1/k") << QByteArray("/src") << QByteArray("InvalidArgument");
    QTest::newRow("copy source version") << QByteArray("PUT") << QByteArray("/b1/k") << QByteArray("src/a?versionId=7") << QByteArray("InvalidArgument");
}

void TestRouter::refuses()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, copySource);
    QFETCH(QByteArray, code);

    const RouteResult result = route({method, target, "127.0.0.1", copySource});
    QVERIFY2(!result.ok(), describeEndpoint(result.endpoint.value_or(Endpoint{})).constData());
    QCOMPARE(result.error.code, code);
    QVERIFY(!result.error.message.isEmpty());
}

void TestRouter::keysStayDistinct()
{
    // Paths that a normalizing router would fold together must address different keys.
    const QList<QByteArray> targets = {"/b1/a/b", "/b1/a//b", "/b1/a%2Fb", "/b1/a/./b", "/b1/a/../a/b",
                                       "/b1/a%252Fb", "/b1/A/b", "/b1/a/b/"};
    QSet<QByteArray> keys;
    for (const QByteArray &target : targets) {
        const RouteResult result = route({"GET", target, "h", {}});
        QVERIFY(result.ok());
        keys.insert(*endpointKey(*result.endpoint));
    }
    // "/b1/a/b" and "/b1/a%2Fb" are the same key once decoded, as in S3; every other differs.
    QCOMPARE(keys.size(), targets.size() - 1);
    const RouteResult longest = route({"PUT", "/b1/" + QByteArray(1024, 'x'), "h", {}});
    QVERIFY(longest.ok());
    QCOMPARE(endpointKey(*longest.endpoint)->size(), 1024);
}

void TestRouter::splitsTargetsExactly_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    QTest::newRow("plain") << QByteArray("/b/k") << QByteArray("/b/k") << QByteArray();
    QTest::newRow("query") << QByteArray("/b/k?a=1&b") << QByteArray("/b/k") << QByteArray("a=1&b");
    QTest::newRow("second question mark") << QByteArray("/b/k?a=?") << QByteArray("/b/k") << QByteArray("a=?");
    QTest::newRow("absolute") << QByteArray("HTTP://h:1/b/%2F?x") << QByteArray("/b/%2F") << QByteArray("x");
    QTest::newRow("absolute no path") << QByteArray("http://h") << QByteArray("/") << QByteArray();
}

void TestRouter::splitsTargetsExactly()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    const auto parts = splitTarget(target);
    QVERIFY(parts);
    QCOMPARE(parts->path, path);
    QCOMPARE(parts->query, query);
}

void TestRouter::copySource_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("bucket");
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("leading slash") << QByteArray("/b/k") << true << QStringLiteral("b") << QByteArray("k");
    QTest::newRow("encoded") << QByteArray("b/a%2Fb%20c+d") << true << QStringLiteral("b") << QByteArray("a/b c+d");
    QTest::newRow("double slash") << QByteArray("b//x") << true << QStringLiteral("b") << QByteArray("/x");
    QTest::newRow("version null") << QByteArray("b/k?versionId=null") << true << QStringLiteral("b") << QByteArray("k");
    QTest::newRow("no key") << QByteArray("b/") << false << QString() << QByteArray();
    QTest::newRow("no bucket") << QByteArray("/") << false << QString() << QByteArray();
    QTest::newRow("bad bucket") << QByteArray("b%20x/k") << false << QString() << QByteArray();
}

void TestRouter::copySource()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    const auto source = parseCopySource(header);
    QCOMPARE(source.has_value(), valid);
    if (valid) {
        QFETCH(QString, bucket);
        QFETCH(QByteArray, key);
        QCOMPARE(source->bucket, bucket);
        QCOMPARE(source->key, key);
    }
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
