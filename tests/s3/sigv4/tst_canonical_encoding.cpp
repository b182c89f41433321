// S3's canonical encoding rules: URI encoding of paths and query parameters, query
// ordering, header value canonicalization, and the x-amz-date format.

#include "s3/sigv4/signer.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace coffer::s3::sigv4;

class TestCanonicalEncoding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uriEncode_data();
    void uriEncode();
    void encodePath_data();
    void encodePath();
    void canonicalPathOf_data();
    void canonicalPathOf();
    void percentDecodeRoundTrip_data();
    void percentDecodeRoundTrip();
    void parseQuery_data();
    void parseQuery();
    void canonicalQuery_data();
    void canonicalQuery();
    void canonicalHeaderValue_data();
    void canonicalHeaderValue();
    void signedHeaderNames();
    void amzDate();
    void amzDateTime_data();
    void amzDateTime();
};

void TestCanonicalEncoding::uriEncode_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("encodeSlash");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("space is %20, never +") << QByteArray("a b") << true << QByteArray("a%20b");
    QTest::newRow("plus is %2B") << QByteArray("a+b") << true << QByteArray("a%2Bb");
    QTest::newRow("slash kept in paths") << QByteArray("a/b") << false << QByteArray("a/b");
    QTest::newRow("slash encoded in query") << QByteArray("a/b") << true << QByteArray("a%2Fb");
    QTest::newRow("unreserved stay") << QByteArray("AZaz09-._~") << true << QByteArray("AZaz09-._~");
    QTest::newRow("tilde stays") << QByteArray("~") << true << QByteArray("~");
    QTest::newRow("emoji as UTF-8 bytes") << QByteArray("\xF0\x9F\x98\x80") << true << QByteArray("%F0%9F%98%80");
    QTest::newRow("e acute") << QByteArray("\xC3\xA9") << true << QByteArray("%C3%A9");
    QTest::newRow("double slash kept") << QByteArray("a//b") << false << QByteArray("a//b");
    QTest::newRow("dot dot kept") << QByteArray("..") << false << QByteArray("..");
    QTest::newRow("literal %2F encoded once more") << QByteArray("%2F") << false << QByteArray("%252F");
    QTest::newRow("reserved sub-delims") << QByteArray("!$&'()*,;=:@") << true
                                         << QByteArray("%21%24%26%27%28%29%2A%2C%3B%3D%3A%40");
    QTest::newRow("uppercase hex") << QByteArray("\xFF\x0A") << true << QByteArray("%FF%0A");
    QTest::newRow("NUL byte") << QByteArray("a\0b", 3) << true << QByteArray("a%00b");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
}

void TestCanonicalEncoding::uriEncode()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, encodeSlash);
    QFETCH(QByteArray, expected);
    QCOMPARE(coffer::s3::sigv4::uriEncode(raw, encodeSlash), expected);
}

void TestCanonicalEncoding::encodePath_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("space") << QByteArray("/bucket/a b/c") << QByteArray("/bucket/a%20b/c");
    QTest::newRow("plus") << QByteArray("/bucket/a+b") << QByteArray("/bucket/a%2Bb");
    QTest::newRow("double slash not collapsed") << QByteArray("/bucket/a//b") << QByteArray("/bucket/a//b");
    QTest::newRow("dot segments not resolved") << QByteArray("/bucket/./a/../b") << QByteArray("/bucket/./a/../b");
    QTest::newRow("key ..") << QByteArray("/bucket/..") << QByteArray("/bucket/..");
    QTest::newRow("trailing slash") << QByteArray("/bucket/key/") << QByteArray("/bucket/key/");
    QTest::newRow("literal %2F in key") << QByteArray("/bucket/a%2Fb") << QByteArray("/bucket/a%252Fb");
    QTest::newRow("regression key") << QByteArray("/bucket/&+-\xC3\xA9\"") << QByteArray("/bucket/%26%2B-%C3%A9%22");
    QTest::newRow("emoji") << QByteArray("/bucket/\xF0\x9F\x98\x80.txt") << QByteArray("/bucket/%F0%9F%98%80.txt");
    QTest::newRow("tilde") << QByteArray("/bucket/~user") << QByteArray("/bucket/~user");
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
}

void TestCanonicalEncoding::encodePath()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QCOMPARE(coffer::s3::sigv4::encodePath(raw), expected);
    // Encoding exactly once: decoding gives the key back.
    QCOMPARE(percentDecode(expected), raw);
}

void TestCanonicalEncoding::canonicalPathOf_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("already canonical") << QByteArray("/bucket/a%20b/c") << QByteArray("/bucket/a%20b/c");
    QTest::newRow("lowercase escape") << QByteArray("/bucket/%e1%88%b4") << QByteArray("/bucket/%E1%88%B4");
    QTest::newRow("escaped tilde") << QByteArray("/bucket/%7Euser") << QByteArray("/bucket/~user");
    QTest::newRow("encoded slash stays encoded") << QByteArray("/bucket/a%2fb") << QByteArray("/bucket/a%2Fb");
    QTest::newRow("double slash kept") << QByteArray("/bucket/a//b") << QByteArray("/bucket/a//b");
    QTest::newRow("dot segments kept") << QByteArray("/bucket/./a/../b") << QByteArray("/bucket/./a/../b");
    QTest::newRow("escaped percent kept") << QByteArray("/bucket/a%252F") << QByteArray("/bucket/a%252F");
    QTest::newRow("trailing slash") << QByteArray("/bucket/dir/") << QByteArray("/bucket/dir/");
    QTest::newRow("root") << QByteArray("/") << QByteArray("/");
}

void TestCanonicalEncoding::canonicalPathOf()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, expected);
    QCOMPARE(coffer::s3::sigv4::canonicalPathOf(target), expected);
    // What a client encodes with encodePath is verified as it was signed (an encoded
    // slash is the one thing a decoded path cannot carry).
    const QByteArray key = percentDecode(expected);
    if (!expected.contains("%2F"))
        QCOMPARE(coffer::s3::sigv4::canonicalPathOf(coffer::s3::sigv4::encodePath(key)), expected);
}

void TestCanonicalEncoding::percentDecodeRoundTrip_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("decoded");

    QTest::newRow("lowercase hex") << QByteArray("%e1%88%b4") << QByteArray("\xE1\x88\xB4");
    QTest::newRow("plus stays plus") << QByteArray("a+b") << QByteArray("a+b");
    QTest::newRow("lone percent kept") << QByteArray("100%") << QByteArray("100%");
    QTest::newRow("bad escape kept") << QByteArray("%zz%4") << QByteArray("%zz%4");
    QTest::newRow("escaped percent") << QByteArray("%252F") << QByteArray("%2F");
}

void TestCanonicalEncoding::percentDecodeRoundTrip()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, decoded);
    QCOMPARE(percentDecode(encoded), decoded);
}

void TestCanonicalEncoding::parseQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QueryList>("expected");

    QTest::newRow("empty") << QByteArray() << QueryList();
    QTest::newRow("pairs in order") << QByteArray("b=2&a=1") << QueryList{{"b", "2"}, {"a", "1"}};
    QTest::newRow("flag without value") << QByteArray("uploads") << QueryList{{"uploads", ""}};
    QTest::newRow("empty value") << QByteArray("prefix=") << QueryList{{"prefix", ""}};
    QTest::newRow("empty pieces skipped") << QByteArray("a=1&&b=2&") << QueryList{{"a", "1"}, {"b", "2"}};
    QTest::newRow("decoded") << QByteArray("key=a%20b%2Fc&x=%2B") << QueryList{{"key", "a b/c"}, {"x", "+"}};
    QTest::newRow("equals in value") << QByteArray("a=b=c") << QueryList{{"a", "b=c"}};
}

void TestCanonicalEncoding::parseQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(QueryList, expected);
    QCOMPARE(coffer::s3::sigv4::parseQuery(query), expected);
}

void TestCanonicalEncoding::canonicalQuery_data()
{
    QTest::addColumn<QueryList>("query");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("sorted by name") << QueryList{{"b", "1"}, {"a", "2"}} << QByteArray("a=2&b=1");
    QTest::newRow("same name sorted by value") << QueryList{{"a", "2"}, {"a", "1"}} << QByteArray("a=1&a=2");
    QTest::newRow("empty value keeps =") << QueryList{{"uploads", ""}} << QByteArray("uploads=");
    // Sorting is on the encoded form: "a%20b" < "a-b" because '%' < '-'.
    QTest::newRow("sorted after encoding") << QueryList{{"a-b", "1"}, {"a b", "2"}} << QByteArray("a%20b=2&a-b=1");
    QTest::newRow("uppercase before lowercase") << QueryList{{"b", ""}, {"B", ""}} << QByteArray("B=&b=");
    QTest::newRow("values fully encoded") << QueryList{{"prefix", "a/b c+d"}} << QByteArray("prefix=a%2Fb%20c%2Bd");
    QTest::newRow("empty") << QueryList() << QByteArray();
}

void TestCanonicalEncoding::canonicalQuery()
{
    QFETCH(QueryList, query);
    QFETCH(QByteArray, expected);
    QCOMPARE(coffer::s3::sigv4::canonicalQuery(query), expected);
}

void TestCanonicalEncoding::canonicalHeaderValue_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("trimmed") << QByteArray("  value1  ") << QByteArray("value1");
    QTest::newRow("inner runs collapsed") << QByteArray("\"a   b   c\"") << QByteArray("\"a b c\"");
    QTest::newRow("tabs and folds") << QByteArray("value1\n  value2\t\tvalue3") << QByteArray("value1 value2 value3");
    QTest::newRow("case kept") << QByteArray("VALUE1") << QByteArray("VALUE1");
    QTest::newRow("only spaces") << QByteArray("   ") << QByteArray();
}

void TestCanonicalEncoding::canonicalHeaderValue()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(coffer::s3::sigv4::canonicalHeaderValue(value), expected);
}

void TestCanonicalEncoding::signedHeaderNames()
{
    const HeaderList headers{{"X-Amz-Date", "1"}, {"Host", "h"}, {"my-header", "a"}, {"My-Header", "b"}};
    QCOMPARE(coffer::s3::sigv4::signedHeaderNames(headers), QByteArray("host;my-header;x-amz-date"));

    // Duplicate headers are joined with commas in the order they were sent.
    CanonicalInput input{"GET", "/", {}, headers, "UNSIGNED-PAYLOAD"};
    const QByteArray request = canonicalRequest(input, "host;my-header;x-amz-date");
    QVERIFY2(request.contains("\nmy-header:a,b\n"), request.constData());
}

void TestCanonicalEncoding::amzDate()
{
    const QDateTime utc(QDate(2015, 8, 30), QTime(12, 36, 0), QTimeZone::UTC);
    QCOMPARE(coffer::s3::sigv4::amzDate(utc), QByteArray("20150830T123600Z"));
    // A local time is converted, not printed as if it were UTC.
    QCOMPARE(coffer::s3::sigv4::amzDate(utc.toTimeZone(QTimeZone::fromSecondsAheadOfUtc(3600))),
             QByteArray("20150830T123600Z"));
    QCOMPARE(coffer::s3::sigv4::amzDateTime("20150830T123600Z").value_or(QDateTime()), utc);
}

void TestCanonicalEncoding::amzDateTime_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("extended ISO form") << QByteArray("2015-08-30T12:36:00Z");
    QTest::newRow("no Z") << QByteArray("20150830T1236000");
    QTest::newRow("month 13") << QByteArray("20151330T123600Z");
    QTest::newRow("hour 24") << QByteArray("20150830T243600Z");
    QTest::newRow("hex digit") << QByteArray("2015083aT123600Z");
    QTest::newRow("non-ASCII byte in the year") << QByteArray("202\xB6" "0223T082420Z");
    QTest::newRow("sign in the year") << QByteArray("-015" "0830T123600Z");
    QTest::newRow("empty") << QByteArray();
}

void TestCanonicalEncoding::amzDateTime()
{
    QFETCH(QByteArray, text);
    QVERIFY(!coffer::s3::sigv4::amzDateTime(text).has_value());
}

QTEST_GUILESS_MAIN(TestCanonicalEncoding)
#include "tst_canonical_encoding.moc"
