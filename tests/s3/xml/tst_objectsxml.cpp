// Delete, DeleteResult, CopyObjectResult, CopyPartResult and Error documents.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

class TestObjectsXml : public QObject
{
    Q_OBJECT

private slots:
    void deleteRequest()
    {
        const auto request = parseDelete(sample(u"Delete.xml"_s));
        QVERIFY2(request.ok(), qPrintable(describe(request)));
        QVERIFY(request->quiet);
        QCOMPARE(request->objects.size(), 2);
        QCOMPARE(request->objects[0].key, u"sample1.txt"_s);
        QVERIFY(request->objects[0].versionId.isEmpty());
        QCOMPARE(request->objects[1].key, u"sample2.txt"_s);
        QCOMPARE(request->objects[1].versionId, u"OYcLXagmS.WaD..oyH4KRguB95_YhLs7"_s);
        verifyRoundTrip(request.value(), writeDelete, parseDelete);
    }

    void deleteKeysKeepTheirSpaces()
    {
        DeleteObjectsRequest request;
        request.objects.append({u" leading and trailing "_s, {}});
        request.objects.append({u"a//b/../&<é>"_s, u"null"_s});
        request.objects.append({u"line\r\nbreak\ttab \U0001F600"_s, {}});
        verifyRoundTrip(request, writeDelete, parseDelete);
    }

    void deleteObjectWithoutKeyIsAnError()
    {
        const auto request = parseDelete("<Delete><Object><VersionId>1</VersionId></Object></Delete>");
        QVERIFY(!request.ok());
        QCOMPARE(request.error().kind, XmlError::Kind::MissingElement);
    }

    void deleteResult()
    {
        const auto result = parseDeleteResult(sample(u"DeleteResult.xml"_s));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->deleted.size(), 2);
        QCOMPARE(result->deleted[0].key, u"sample1.txt"_s);
        QVERIFY(!result->deleted[0].deleteMarker.has_value());
        QCOMPARE(result->deleted[1].key, u"SampleDocument.txt"_s);
        QCOMPARE(result->deleted[1].deleteMarker, true);
        QCOMPARE(result->deleted[1].deleteMarkerVersionId, u"NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s"_s);
        QCOMPARE(result->errors.size(), 1);
        QCOMPARE(result->errors[0].key, u"sample2.txt"_s);
        QCOMPARE(result->errors[0].code, u"AccessDenied"_s);
        QCOMPARE(result->errors[0].message, u"Access Denied"_s);
        verifyRoundTrip(result.value(), writeDeleteResult, parseDeleteResult);
    }

    void copyObjectResult()
    {
        const auto result = parseCopyObjectResult(sample(u"CopyObjectResult.xml"_s));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        // The sample has no zone designator: S3 means UTC.
        QCOMPARE(result->lastModified, utc(2009, 10, 28, 22, 32, 0));
        QCOMPARE(result->etag, u"\"9b2cf535f27731c974343645a3985328\""_s);
        verifyRoundTrip(result.value(), writeCopyObjectResult, parseCopyObjectResult);
    }

    void copyPartResult()
    {
        const auto result = parseCopyPartResult(sample(u"CopyPartResult.xml"_s));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->lastModified, utc(2009, 10, 28, 22, 32, 0));
        QCOMPARE(result->etag, u"\"9b2cf535f27731c974343645a3985328\""_s);
        QCOMPARE(result->checksums.crc32c, u"yZRlqg=="_s);
        verifyRoundTrip(result.value(), writeCopyPartResult, parseCopyPartResult);
    }

    void errorDocument()
    {
        const auto error = parseError(sample(u"Error.xml"_s));
        QVERIFY2(error.ok(), qPrintable(describe(error)));
        QCOMPARE(error->code, u"NoSuchKey"_s);
        QCOMPARE(error->message, u"The resource you requested does not exist"_s);
        QCOMPARE(error->resource, u"/mybucket/myfoto.jpg"_s);
        QCOMPARE(error->requestId, u"4442587FB7D0A2F9"_s);
        QCOMPARE(error->hostId, u"Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg=="_s);
        QCOMPARE(error->detail(u"Key"_s), u"myfoto.jpg"_s);
        verifyRoundTrip(error.value(), writeError, parseError);
        QVERIFY(!writeError(error.value()).contains("xmlns"));
    }

    void timestampForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("milliseconds Z") << u"2026-02-23T08:24:20.000Z"_s << utc(2026, 2, 23, 8, 24, 20);
        QTest::newRow("no milliseconds") << u"2026-02-23T08:24:20Z"_s << utc(2026, 2, 23, 8, 24, 20);
        QTest::newRow("offset") << u"2026-02-23T10:24:20.500+02:00"_s << utc(2026, 2, 23, 8, 24, 20, 500);
        QTest::newRow("no zone") << u"2026-02-23T08:24:20"_s << utc(2026, 2, 23, 8, 24, 20);
    }

    void timestampForms()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QByteArray body = "<CopyPartResult><LastModified>" + text.toUtf8() + "</LastModified></CopyPartResult>";
        const auto result = parseCopyPartResult(body);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->lastModified, expected);
        const QByteArray written = writeCopyPartResult(result.value());
        QVERIFY2(written.contains(QByteArray("<LastModified>" + expected.toString(Qt::ISODateWithMs).toUtf8() + "</LastModified>")),
                 written.constData());
        QVERIFY(written.contains(".000Z<") || written.contains(".500Z<"));
    }
};

QTEST_GUILESS_MAIN(TestObjectsXml)
#include "tst_objectsxml.moc"
