// Hostile and broken input: every case is a typed error, never a crash, a hang or a
// partial value.

#include "samples.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;
using namespace coffer::s3;
using namespace coffer::s3::xml;
using namespace coffer::s3::xml::test;

Q_DECLARE_METATYPE(coffer::s3::xml::XmlError::Kind)

namespace {

QByteArray billionLaughs()
{
    QByteArray dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i < 10; ++i) {
        dtd += " <!ENTITY lol" + QByteArray::number(i) + " \"";
        for (int j = 0; j < 10; ++j)
            dtd += "&lol" + (i == 1 ? QByteArray() : QByteArray::number(i - 1)) + ";";
        dtd += "\">\n";
    }
    return dtd + "]>\n<ListBucketResult><Name>&lol9;</Name></ListBucketResult>";
}

QByteArray deeplyNested(int depth)
{
    QByteArray body = "<ListBucketResult>";
    for (int i = 0; i < depth; ++i)
        body += "<Contents>";
    for (int i = 0; i < depth; ++i)
        body += "</Contents>";
    return body + "</ListBucketResult>";
}

} // namespace

class TestHostileXml : public QObject
{
    Q_OBJECT

private slots:
    void rejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<XmlError::Kind>("kind");

        const QByteArray v2 = sample(u"ListBucketResult-v2.xml"_s);
        QTest::newRow("empty") << QByteArray() << XmlError::Kind::Truncated;
        QTest::newRow("truncated in a key") << v2.left(v2.indexOf("index.html")) << XmlError::Kind::Truncated;
        QTest::newRow("truncated before the end tag") << v2.left(v2.lastIndexOf("</ListBucketResult>")) << XmlError::Kind::Truncated;
        QTest::newRow("billion laughs") << billionLaughs() << XmlError::Kind::Doctype;
        QTest::newRow("external entity")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                          "<ListBucketResult><Name>&xxe;</Name></ListBucketResult>")
            << XmlError::Kind::Doctype;
        QTest::newRow("undeclared entity") << QByteArray("<ListBucketResult><Name>&xxe;</Name></ListBucketResult>")
                                           << XmlError::Kind::Malformed;
        QTest::newRow("wrong namespace")
            << QByteArray("<ListBucketResult xmlns=\"http://example.com/evil\"><Name>b</Name></ListBucketResult>")
            << XmlError::Kind::WrongNamespace;
        QTest::newRow("wrong root") << sample(u"ListVersionsResult.xml"_s) << XmlError::Kind::WrongRoot;
        QTest::newRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>") << XmlError::Kind::WrongRoot;
        QTest::newRow("huge depth") << deeplyNested(100000) << XmlError::Kind::TooDeep;
        QTest::newRow("one level too deep") << deeplyNested(kMaxDepth) << XmlError::Kind::TooDeep;
        QTest::newRow("url key not UTF-8")
            << QByteArray("<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>bad%FF%FEkey</Key></Contents></ListBucketResult>")
            << XmlError::Kind::InvalidKeyEncoding;
        QTest::newRow("url prefix overlong UTF-8")
            << QByteArray("<ListBucketResult><EncodingType>url</EncodingType><CommonPrefixes><Prefix>%C0%AF</Prefix></CommonPrefixes></ListBucketResult>")
            << XmlError::Kind::InvalidKeyEncoding;
        QTest::newRow("garbage") << QByteArray("\x00\x01\x02garbage\xff\xfe", 12) << XmlError::Kind::Malformed;
        QTest::newRow("json") << QByteArray("{\"Contents\":[]}") << XmlError::Kind::Malformed;
        QTest::newRow("mismatched tags") << QByteArray("<ListBucketResult><Name>b</Prefix></ListBucketResult>") << XmlError::Kind::Malformed;
        QTest::newRow("two roots") << QByteArray("<ListBucketResult/><ListBucketResult/>") << XmlError::Kind::Malformed;
        QTest::newRow("too large") << QByteArray(kMaxDocumentSize + 1, ' ') << XmlError::Kind::TooLarge;
        QTest::newRow("too many elements")
            << QByteArray("<ListBucketResult>" + QByteArray("<a/>").repeated(kMaxElements) + "</ListBucketResult>")
            << XmlError::Kind::TooLarge;
    }

    void rejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(XmlError::Kind, kind);
        const auto page = parseListBucketResult(body);
        QVERIFY(!page.ok());
        QCOMPARE(page.error().kind, kind);
        QVERIFY(!page.error().message.isEmpty());
    }

    void errorsSayWhereAndWhat()
    {
        const auto page = parseListBucketResult("<ListBucketResult>\n  <Name>b</Nme>\n</ListBucketResult>");
        QVERIFY(!page.ok());
        QCOMPARE(page.error().line, 2);
        QVERIFY2(page.error().message.contains(u"line 2"_s), qPrintable(page.error().message));
        QVERIFY2(page.error().message.contains(u"<ListBucketResult>"_s), qPrintable(page.error().message));
    }

    void undecodableKeyIsNamed()
    {
        const auto page = parseListBucketResult(
            "<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>a%FFb</Key></Contents></ListBucketResult>");
        QVERIFY(!page.ok());
        QCOMPARE(page.error().rawBytes, QByteArray("a\xFF" "b"));
        QVERIFY2(page.error().message.contains(u"a%FFb"_s), qPrintable(page.error().message));
        QVERIFY2(page.error().message.contains(u"61 ff 62"_s), qPrintable(page.error().message));
    }

    void withoutNamespaceIsAccepted()
    {
        const auto page = parseListBucketResult("<ListBucketResult><Name>b</Name></ListBucketResult>");
        QVERIFY2(page.ok(), qPrintable(describe(page)));
        QCOMPARE(page->name, u"b"_s);
    }

    void maximumDepthIsAccepted()
    {
        // Unknown elements nested up to the limit are skipped, not refused.
        const auto page = parseListBucketResult(deeplyNested(kMaxDepth - 1));
        QVERIFY2(page.ok(), qPrintable(describe(page)));
    }
};

QTEST_GUILESS_MAIN(TestHostileXml)
#include "tst_hostilexml.moc"
