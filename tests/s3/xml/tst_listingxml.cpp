// ListBucketResult (v1, v2, encoding-type=url) and ListVersionsResult.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

class TestListingXml : public QObject
{
    Q_OBJECT

private slots:
    void listObjectsV2()
    {
        const auto page = parseListBucketResult(sample(u"ListBucketResult-v2.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->api, ListObjectsApi::V2);
        QCOMPARE(page->name, u"example-bucket"_s);
        QCOMPARE(page->prefix, u"photos/2006/"_s);
        QCOMPARE(page->delimiter, u"/"_s);
        QCOMPARE(page->maxKeys, 1000);
        QCOMPARE(page->keyCount, 3);
        QVERIFY(page->isTruncated);
        QCOMPARE(page->continuationToken, u"1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="_s);
        QCOMPARE(page->nextContinuationToken, u"1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=2"_s);
        QCOMPARE(page->encodingType, KeyEncoding::None);
        QCOMPARE(page->objects.size(), 1);
        const ObjectEntry &o = page->objects[0];
        QCOMPARE(o.key, u"photos/2006/index.html"_s);
        QCOMPARE(o.lastModified, utc(2009, 10, 12, 17, 50, 30));
        QCOMPARE(o.etag, u"\"fba9dede5f27731c9771645a39863328\""_s);
        QCOMPARE(o.size, 434234);
        QCOMPARE(o.storageClass, u"STANDARD"_s);
        QCOMPARE(o.checksumAlgorithms, QStringList{u"CRC64NVME"_s});
        QCOMPARE(o.checksumType, u"FULL_OBJECT"_s);
        QVERIFY(!o.owner.has_value());
        QCOMPARE(page->commonPrefixes, (QStringList{u"photos/2006/February/"_s, u"photos/2006/January/"_s}));
        verifyRoundTrip(page.value(), writeListBucketResult, parseListBucketResult);
    }

    void listObjectsV1()
    {
        const auto page = parseListBucketResult(sample(u"ListBucketResult-v1.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->api, ListObjectsApi::V1);
        QCOMPARE(page->name, u"quotes"_s);
        QCOMPARE(page->prefix, u"N"_s);
        QCOMPARE(page->marker, u"Ned"_s);
        QCOMPARE(page->nextMarker, u"Nelson"_s);
        QCOMPARE(page->maxKeys, 40);
        QVERIFY(page->isTruncated);
        QVERIFY(!page->keyCount.has_value());
        QCOMPARE(page->objects.size(), 2);
        QCOMPARE(page->objects[0].key, u"Nelson"_s);
        QCOMPARE(page->objects[0].size, 5);
        QVERIFY(page->objects[0].owner.has_value());
        QCOMPARE(page->objects[0].owner->id, u"bcaf161ca5fb16fd081034f"_s);
        QCOMPARE(page->objects[1].key, u"Neo"_s);
        QCOMPARE(page->objects[1].etag, u"\"828ef3fdfa96f00ad9f27c383fc9ac7f\""_s);
        verifyRoundTrip(page.value(), writeListBucketResult, parseListBucketResult);
    }

    void urlEncodedListingIsDecoded()
    {
        const auto page = parseListBucketResult(sample(u"ListBucketResult-url.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->encodingType, KeyEncoding::Url);
        QCOMPARE(page->prefix, u"café/"_s);
        QCOMPARE(page->delimiter, u"/"_s);
        QCOMPARE(page->startAfter, u"café/a"_s);
        QCOMPARE(page->objects.size(), 1);
        QCOMPARE(page->objects[0].key, u"café/menu du jour+&<>.txt"_s);
        QCOMPARE(page->commonPrefixes, QStringList{u"café/\u0001ctl/"_s});
        verifyRoundTrip(page.value(), writeListBucketResult, parseListBucketResult);
    }

    void writerEncodesKeysOnlyWhenAsked_data()
    {
        QTest::addColumn<bool>("url");
        QTest::addColumn<QByteArray>("expectedKey");
        QTest::newRow("url") << true << QByteArray("<Key>a%20b/%C3%A9%2B%26</Key>");
        QTest::newRow("none") << false << QByteArray("<Key>a b/\xC3\xA9+&amp;</Key>");
    }

    void writerEncodesKeysOnlyWhenAsked()
    {
        QFETCH(bool, url);
        QFETCH(QByteArray, expectedKey);
        const KeyEncoding encoding = url ? KeyEncoding::Url : KeyEncoding::None;
        ListObjectsPage page;
        page.encodingType = encoding;
        page.objects.append(ObjectEntry{u"a b/é+&"_s, utc(2026, 1, 1, 0, 0, 0), u"\"x\""_s, 1, {}, {}, {}, {}});
        const QByteArray written = writeListBucketResult(page);
        QVERIFY2(written.contains(expectedKey), written.constData());
        QCOMPARE(written.contains("<EncodingType>url</EncodingType>"), encoding == KeyEncoding::Url);
        const auto again = parseListBucketResult(written);
        QVERIFY(again.ok());
        QCOMPARE(again->objects[0].key, u"a b/é+&"_s);
    }

    void keysXmlCannotCarry_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("canTravel");
        QTest::newRow("plain") << u"photos/a b.jpg"_s << true;
        QTest::newRow("tab, LF, CR") << u"a\tb\nc\rd"_s << true;
        QTest::newRow("emoji") << u"\U0001F600.txt"_s << true;
        QTest::newRow("SOH") << u"a\u0001b"_s << false;
        QTest::newRow("NUL") << QString(QChar(u'\0')) << false;
        QTest::newRow("U+FFFE") << u"a\uFFFE"_s << false;
        QTest::newRow("lone surrogate") << QString(QChar(char16_t(0xD800))) << false;
    }

    void keysXmlCannotCarry()
    {
        QFETCH(QString, key);
        QFETCH(bool, canTravel);
        QCOMPARE(canTravelAsXmlText(key), canTravel);
        // Whatever the key, url encoding carries it through unchanged.
        ListObjectsPage page;
        page.encodingType = KeyEncoding::Url;
        page.objects.append(ObjectEntry{key, {}, {}, 0, {}, {}, {}, {}});
        const auto again = parseListBucketResult(writeListBucketResult(page));
        if (QChar::isSurrogate(key.back().unicode()) && key.size() == 1) {
            // A lone surrogate has no UTF-8 form at all; it becomes U+FFFD on the way.
            QVERIFY(again.ok());
            return;
        }
        QVERIFY2(again.ok(), qPrintable(describe(again)));
        QCOMPARE(again->objects[0].key, key);
    }

    void listVersions()
    {
        const auto page = parseListVersionsResult(sample(u"ListVersionsResult.xml"_s));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->name, u"bucket"_s);
        QCOMPARE(page->prefix, u"my"_s);
        QVERIFY(page->keyMarker.isEmpty());
        QVERIFY(page->versionIdMarker.isEmpty());
        QCOMPARE(page->maxKeys, 5);
        QVERIFY(!page->isTruncated);
        QCOMPARE(page->entries.size(), 3);

        const ObjectVersionEntry &first = page->entries[0];
        QVERIFY(!first.isDeleteMarker);
        QCOMPARE(first.key, u"my-image.jpg"_s);
        QCOMPARE(first.versionId, u"3/L4kqtJl40Nr8X8gdRQBpUMLUo"_s);
        QVERIFY(first.isLatest);
        QCOMPARE(first.lastModified, utc(2009, 10, 12, 17, 50, 30));
        QCOMPARE(first.etag, u"\"fba9dede5f27731c9771645a39863328\""_s);
        QCOMPARE(first.size, 434234);
        QCOMPARE(first.owner->displayName, u"mtd@amazon.com"_s);

        const ObjectVersionEntry &marker = page->entries[1];
        QVERIFY(marker.isDeleteMarker);
        QCOMPARE(marker.key, u"my-second-image.jpg"_s);
        QCOMPARE(marker.versionId, u"03jpff543dhffds434rfdsFDN943fdsFkdmqnh892"_s);
        QVERIFY(marker.isLatest);
        QVERIFY(marker.etag.isEmpty());

        const ObjectVersionEntry &older = page->entries[2];
        QVERIFY(!older.isDeleteMarker);
        QVERIFY(!older.isLatest);
        QCOMPARE(older.size, 166434);
        verifyRoundTrip(page.value(), writeListVersionsResult, parseListVersionsResult);
    }

    void missingKeyCountIsFilledIn()
    {
        const auto page = parseListBucketResult(
            "<ListBucketResult><Name>b</Name><StartAfter>a</StartAfter>"
            "<Contents><Key>b</Key><Size>1</Size></Contents>"
            "<CommonPrefixes><Prefix>c/</Prefix></CommonPrefixes></ListBucketResult>");
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->api, ListObjectsApi::V2);
        QCOMPARE(page->keyCount, 2);
    }

    void invalidNumbersAreErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("size not a number") << QByteArray("<ListBucketResult><Contents><Key>a</Key><Size>ten</Size></Contents></ListBucketResult>");
        QTest::newRow("negative size") << QByteArray("<ListBucketResult><Contents><Key>a</Key><Size>-1</Size></Contents></ListBucketResult>");
        QTest::newRow("bad boolean") << QByteArray("<ListBucketResult><IsTruncated>maybe</IsTruncated></ListBucketResult>");
        QTest::newRow("bad timestamp") << QByteArray("<ListBucketResult><Contents><LastModified>yesterday</LastModified></Contents></ListBucketResult>");
        QTest::newRow("unknown encoding") << QByteArray("<ListBucketResult><EncodingType>base64</EncodingType></ListBucketResult>");
    }

    void invalidNumbersAreErrors()
    {
        QFETCH(QByteArray, body);
        const auto page = parseListBucketResult(body);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, XmlError::Kind::InvalidValue);
        QVERIFY2(page.error().message.contains(u"line 1"_s), qPrintable(page.error().message));
    }
};

QTEST_GUILESS_MAIN(TestListingXml)
#include "tst_listingxml.moc"
