// Multipart documents: Initiate, Complete (request and result), ListParts,
// ListMultipartUploads.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

class TestMultipartXml : public QObject
{
    Q_OBJECT

private slots:
    void initiate()
    {
        const auto result = parseInitiateMultipartUploadResult(sample(u"InitiateMultipartUploadResult.xml"_s));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->bucket, u"example-bucket"_s);
        QCOMPARE(result->key, u"example-object"_s);
        QCOMPARE(result->uploadId, u"VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA"_s);
        verifyRoundTrip(result.value(), writeInitiateMultipartUploadResult, parseInitiateMultipartUploadResult);
    }

    void initiateWithoutUploadIdIsAnError()
    {
        const auto result = parseInitiateMultipartUploadResult("<InitiateMultipartUploadResult><Bucket>b</Bucket></InitiateMultipartUploadResult>");
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, XmlError::Kind::MissingElement);
        QVERIFY(result.error().message.contains(u"UploadId"_s));
    }

    void completeRequest()
    {
        const auto request = parseCompleteMultipartUpload(sample(u"CompleteMultipartUpload.xml"_s));
        QVERIFY2(request.ok(), qPrintable(describe(request)));
        QCOMPARE(request->parts.size(), 3);
        QCOMPARE(request->parts[0].partNumber, 1);
        QCOMPARE(request->parts[0].etag, u"\"a54357aff0632cce46d942af68356b38\""_s);
        QCOMPARE(request->parts[0].checksums.crc32, u"AAAAAA=="_s);
        QCOMPARE(request->parts[1].partNumber, 2);
        QVERIFY(request->parts[1].checksums.isEmpty());
        QCOMPARE(request->parts[2].partNumber, 3);
        QCOMPARE(request->parts[2].etag, u"\"acbd18db4cc2f85cedef654fccc4a4d8\""_s);
        verifyRoundTrip(request.value(), writeCompleteMultipartUpload, parseCompleteMultipartUpload);
    }

    void completeRequestPartNumbers_data()
    {
        QTest::addColumn<QByteArray>("part");
        QTest::newRow("missing") << QByteArray("<ETag>\"a\"</ETag>");
        QTest::newRow("zero") << QByteArray("<PartNumber>0</PartNumber>");
        QTest::newRow("not a number") << QByteArray("<PartNumber>one</PartNumber>");
    }

    void completeRequestPartNumbers()
    {
        QFETCH(QByteArray, part);
        const auto request = parseCompleteMultipartUpload(QByteArray("<CompleteMultipartUpload><Part>" + part + "</Part></CompleteMultipartUpload>"));
        QVERIFY(!request.ok());
        QVERIFY(request.error().message.contains(u"PartNumber"_s));
    }

    void completeResult()
    {
        const auto result = parseCompleteMultipartUploadResult(sample(u"CompleteMultipartUploadResult.xml"_s));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->location, u"http://Example-Bucket.s3.us-east-1.amazonaws.com/Example-Object"_s);
        QCOMPARE(result->bucket, u"Example-Bucket"_s);
        QCOMPARE(result->key, u"Example-Object"_s);
        QCOMPARE(result->etag, u"\"3858f62230ac3c915f300c664312c11f-9\""_s);
        QCOMPARE(result->checksums.crc64nvme, u"rosUhgp5mIg="_s);
        QCOMPARE(result->checksumType, u"FULL_OBJECT"_s);
        verifyRoundTrip(result.value(), writeCompleteMultipartUploadResult, parseCompleteMultipartUploadResult);
    }

    void errorWithStatus200IsRecognized()
    {
        const QByteArray body = sample(u"Error.xml"_s);
        QVERIFY(isErrorDocument(body));
        QVERIFY(!isErrorDocument(sample(u"CompleteMultipartUploadResult.xml"_s)));
        const auto result = parseCompleteMultipartUploadResult(body);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, XmlError::Kind::WrongRoot);
        QCOMPARE(result.error().rootElement, u"Error"_s);
    }

    void listParts()
    {
        const auto page = parseListPartsResult(sample(u"ListPartsResult.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->bucket, u"example-bucket"_s);
        QCOMPARE(page->key, u"example-object"_s);
        QCOMPARE(page->uploadId, u"XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA"_s);
        QCOMPARE(page->initiator->displayName, u"umat-user-11116a31-17b5-4fb7-9df5-b288870f11xx"_s);
        QCOMPARE(page->owner->displayName, u"someName"_s);
        QCOMPARE(page->storageClass, u"STANDARD"_s);
        QCOMPARE(page->partNumberMarker, 1);
        QCOMPARE(page->nextPartNumberMarker, 3);
        QCOMPARE(page->maxParts, 2);
        QVERIFY(page->isTruncated);
        QCOMPARE(page->parts.size(), 2);
        QCOMPARE(page->parts[0].partNumber, 2);
        QCOMPARE(page->parts[0].lastModified, utc(2010, 11, 10, 20, 48, 34));
        QCOMPARE(page->parts[0].etag, u"\"7778aef83f66abc1fa1e8477f296d394\""_s);
        QCOMPARE(page->parts[0].size, 10485760);
        QCOMPARE(page->parts[1].partNumber, 3);
        QCOMPARE(page->parts[1].checksums.crc32c, u"yZRlqg=="_s);
        verifyRoundTrip(page.value(), writeListPartsResult, parseListPartsResult);
    }

    void listUploads()
    {
        const auto page = parseListMultipartUploadsResult(sample(u"ListMultipartUploadsResult.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->bucket, u"bucket"_s);
        QVERIFY(page->keyMarker.isEmpty());
        QCOMPARE(page->nextKeyMarker, u"my-movie.m2ts"_s);
        QCOMPARE(page->nextUploadIdMarker, u"YW55IGlkZWEgd2h5IGVsdmluZydzIHVwbG9hZCBmYWlsZWQ"_s);
        QCOMPARE(page->maxUploads, 3);
        QVERIFY(page->isTruncated);
        QCOMPARE(page->uploads.size(), 2);
        QCOMPARE(page->uploads[0].key, u"my-divisor"_s);
        QCOMPARE(page->uploads[0].uploadId, u"XMgbGlrZSBlbHZpbmcncyBub3QgaGF2aW5nIG11Y2ggbHVjaw"_s);
        QCOMPARE(page->uploads[0].initiator->id, u"arn:aws:iam::111122223333:user/user1-11111a31-17b5-4fb7-9df5-b111111f13de"_s);
        QCOMPARE(page->uploads[0].owner->displayName, u"OwnerDisplayName"_s);
        QCOMPARE(page->uploads[0].storageClass, u"REDUCED_REDUNDANCY"_s);
        QCOMPARE(page->uploads[0].initiated, utc(2010, 11, 10, 20, 48, 33));
        QCOMPARE(page->uploads[1].key, u"my-movie.m2ts"_s);
        QVERIFY(!page->uploads[1].owner.has_value());
        verifyRoundTrip(page.value(), writeListMultipartUploadsResult, parseListMultipartUploadsResult);
    }
};

QTEST_GUILESS_MAIN(TestMultipartXml)
#include "tst_multipartxml.moc"
