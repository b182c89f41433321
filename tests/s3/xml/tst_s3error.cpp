// S3Error: classification of responses, retryability, sentences, and the code table.

#include "s3/error/errorcodes.h"
#include "s3/error/s3error.h"
#include "s3/xml/documents.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::s3;

Q_DECLARE_METATYPE(coffer::s3::S3Error::Kind)

namespace {

QByteArray errorBody(const QString &code, const QString &message = u"server says"_s)
{
    ErrorDocument doc;
    doc.code = code;
    doc.message = message;
    doc.requestId = u"REQ123"_s;
    doc.hostId = u"HOST456"_s;
    doc.resource = u"/bucket/key"_s;
    doc.details.append({u"BucketName"_s, u"photos"_s});
    return xml::writeError(doc);
}

} // namespace

class TestS3Error : public QObject
{
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("configurationCall");
        QTest::addColumn<S3Error::Kind>("kind");
        QTest::addColumn<bool>("retryable");

        using K = S3Error::Kind;
        QTest::newRow("200") << 200 << QByteArray() << false << K::None << false;
        QTest::newRow("200 with Error") << 200 << errorBody(u"InternalError"_s) << false << K::Http << true;
        QTest::newRow("501 NotImplemented") << 501 << errorBody(u"NotImplemented"_s) << false << K::NotSupported << false;
        QTest::newRow("501 empty") << 501 << QByteArray() << true << K::NotSupported << false;
        QTest::newRow("405 on ?cors") << 405 << errorBody(u"MethodNotAllowed"_s) << true << K::NotSupported << false;
        QTest::newRow("405 on an object") << 405 << errorBody(u"MethodNotAllowed"_s) << false << K::Http << false;
        QTest::newRow("400 on ?publicAccessBlock") << 400 << errorBody(u"UnknownThing"_s) << true << K::NotSupported << false;
        QTest::newRow("400 MalformedXML on ?lifecycle") << 400 << errorBody(u"MalformedXML"_s) << true << K::Http << false;
        QTest::newRow("404 bare on ?versioning") << 404 << QByteArray() << true << K::NotSupported << false;
        QTest::newRow("404 NoSuchCORSConfiguration") << 404 << errorBody(u"NoSuchCORSConfiguration"_s) << true << K::Http << false;
        QTest::newRow("404 NoSuchBucket on ?cors") << 404 << errorBody(u"NoSuchBucket"_s) << true << K::Http << false;
        QTest::newRow("404 NoSuchKey") << 404 << errorBody(u"NoSuchKey"_s) << false << K::Http << false;
        QTest::newRow("403 AccessDenied") << 403 << errorBody(u"AccessDenied"_s) << false << K::Http << false;
        QTest::newRow("503 SlowDown") << 503 << errorBody(u"SlowDown"_s) << false << K::Http << true;
        QTest::newRow("429") << 429 << QByteArray() << false << K::Http << true;
        QTest::newRow("400 RequestTimeout") << 400 << errorBody(u"RequestTimeout"_s) << false << K::Http << true;
        QTest::newRow("500 InternalError") << 500 << errorBody(u"InternalError"_s) << false << K::Http << true;
        QTest::newRow("502 html") << 502 << QByteArray("<html>Bad Gateway</html>") << false << K::Http << true;
        QTest::newRow("409 BucketNotEmpty") << 409 << errorBody(u"BucketNotEmpty"_s) << false << K::Http << false;
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, configurationCall);
        QFETCH(S3Error::Kind, kind);
        QFETCH(bool, retryable);
        const S3Error error = S3Error::fromResponse(status, body, configurationCall);
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.isRetryable(), retryable);
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.isError(), kind != S3Error::Kind::None);
        if (error.isError())
            QVERIFY(!error.userMessage().isEmpty());
    }

    void errorDocumentFieldsAreKept()
    {
        const S3Error error = S3Error::fromResponse(404, errorBody(u"NoSuchKey"_s, u"The specified key does not exist."_s), false);
        QCOMPARE(error.code, u"NoSuchKey"_s);
        QCOMPARE(error.serverMessage, u"The specified key does not exist."_s);
        QCOMPARE(error.requestId, u"REQ123"_s);
        QCOMPARE(error.hostId, u"HOST456"_s);
        QCOMPARE(error.resource, u"/bucket/key"_s);
        QCOMPARE(error.bucket, u"photos"_s);
    }

    void sentences_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("NoSuchBucket") << 404 << u"NoSuchBucket"_s
                                      << u"The bucket “photos” does not exist on this endpoint. Check the bucket name or the connection’s endpoint."_s;
        QTest::newRow("SignatureDoesNotMatch") << 403 << u"SignatureDoesNotMatch"_s << u"secret access key"_s;
        QTest::newRow("RequestTimeTooSkewed") << 403 << u"RequestTimeTooSkewed"_s << u"clock"_s;
        QTest::newRow("AccessDenied") << 403 << u"AccessDenied"_s << u"permissions"_s;
        QTest::newRow("InvalidAccessKeyId") << 403 << u"InvalidAccessKeyId"_s << u"access key ID"_s;
        QTest::newRow("SlowDown") << 503 << u"SlowDown"_s << u"slow down"_s;
        QTest::newRow("NotImplemented") << 501 << u"NotImplemented"_s << u"not supported by this provider"_s;
        QTest::newRow("PermanentRedirect") << 301 << u"PermanentRedirect"_s << u"another region"_s;
        QTest::newRow("unknown code keeps server text") << 400 << u"WeirdCode"_s << u"server says"_s;
    }

    void sentences()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, mustContain);
        const S3Error error = S3Error::fromResponse(status, errorBody(code), false);
        QVERIFY2(error.userMessage().contains(mustContain), qPrintable(error.userMessage()));
    }

    void contextFromTheCaller()
    {
        S3Error error = S3Error::fromResponse(404, "<Error><Code>NoSuchKey</Code></Error>", false);
        error.withBucket(u"b"_s).withKey(u"a/b.txt"_s);
        QVERIFY2(error.userMessage().contains(u"“a/b.txt”"_s), qPrintable(error.userMessage()));
    }

    void localKinds()
    {
        QVERIFY(S3Error::network(u"Connection refused"_s).isRetryable());
        QVERIFY(S3Error::network(u"Connection refused"_s).userMessage().contains(u"Connection refused"_s));
        QVERIFY(S3Error::timeout().isRetryable());
        QVERIFY(!S3Error::canceled().isRetryable());
        QVERIFY(!S3Error::invalidInput(u"Key is empty."_s).isRetryable());
        QCOMPARE(S3Error::auth(u"x"_s).kind, S3Error::Kind::Auth);
        QCOMPARE(S3Error::integrity(u"x"_s).kind, S3Error::Kind::Integrity);
        const auto bad = xml::parseListBucketResult("<nope");
        QVERIFY(!bad.ok());
        const S3Error xmlError = S3Error::xml(bad.error());
        QCOMPARE(xmlError.kind, S3Error::Kind::Xml);
        QVERIFY(xmlError.userMessage().contains(bad.error().message));
    }

    void codeTable_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("status");
        QTest::newRow("NoSuchKey") << u"NoSuchKey"_s << 404;
        QTest::newRow("NoSuchBucket") << u"NoSuchBucket"_s << 404;
        QTest::newRow("AccessDenied") << u"AccessDenied"_s << 403;
        QTest::newRow("SignatureDoesNotMatch") << u"SignatureDoesNotMatch"_s << 403;
        QTest::newRow("BucketNotEmpty") << u"BucketNotEmpty"_s << 409;
        QTest::newRow("InvalidRange") << u"InvalidRange"_s << 416;
        QTest::newRow("PreconditionFailed") << u"PreconditionFailed"_s << 412;
        QTest::newRow("MissingContentLength") << u"MissingContentLength"_s << 411;
        QTest::newRow("NotImplemented") << u"NotImplemented"_s << 501;
        QTest::newRow("SlowDown") << u"SlowDown"_s << 503;
        QTest::newRow("unknown") << u"NoSuchThing"_s << 500;
    }

    void codeTable()
    {
        QFETCH(QString, code);
        QFETCH(int, status);
        QCOMPARE(s3ErrorStatus(code), status);
        QVERIFY(!s3ErrorDefaultMessage(code).isEmpty());
        QCOMPARE(isKnownS3ErrorCode(code), status != 500 || code == u"InternalError"_s);
    }

    void codeTableIsComplete()
    {
        const auto codes = s3ErrorCodes();
        QVERIFY(codes.size() >= 40);
        QSet<QString> seen;
        for (const S3ErrorCodeInfo &info : codes) {
            QVERIFY2(!seen.contains(info.code), info.code.data());
            seen.insert(info.code);
            QVERIFY(info.httpStatus >= 300 && info.httpStatus < 600);
            QVERIFY(!info.defaultMessage.isEmpty());
        }
        QCOMPARE(s3ErrorStatus("NoSuchKey"), 404);
    }
};

QTEST_GUILESS_MAIN(TestS3Error)
#include "tst_s3error.moc"
