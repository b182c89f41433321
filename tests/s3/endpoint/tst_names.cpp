// Bucket-name and object-key validation: S3 general-purpose and R2 rules, the 1,024-byte
// key limit, broken Unicode, and the unusual keys that must stay valid.

#include "s3/endpoint/names.h"

#include <QTest>

using namespace coffer::s3;
using namespace Qt::StringLiterals;

class TestNames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void bucketNames_data();
    void bucketNames();
    void validKeys_data();
    void validKeys();
    void invalidKeys_data();
    void invalidKeys();
    void invalidUtf8Bytes_data();
    void invalidUtf8Bytes();
    void keyLengthMessage();
};

void TestNames::initTestCase()
{
    // Messages format numbers with the default locale ("1,025").
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestNames::bucketNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<NameError::Code>("code");

    using Code = NameError::Code;
    const auto s3 = Provider::AwsS3;
    const auto r2 = Provider::CloudflareR2;
    const Code ok = Code::Empty; // unused for valid rows

    QTest::newRow("s3 plain") << u"my-bucket"_s << s3 << true << ok;
    QTest::newRow("s3 dots") << u"my.bucket.example"_s << s3 << true << ok;
    QTest::newRow("s3 digits") << u"123"_s << s3 << true << ok;
    QTest::newRow("s3 3 chars") << u"abc"_s << s3 << true << ok;
    QTest::newRow("s3 63 chars") << QString(63, u'a') << s3 << true << ok;
    QTest::newRow("s3 looks like ip but 5 groups") << u"1.2.3.4.5"_s << s3 << true << ok;
    QTest::newRow("s3 xn in middle") << u"a-xn--b"_s << s3 << true << ok;
    QTest::newRow("s3 empty") << QString() << s3 << false << Code::Empty;
    QTest::newRow("s3 2 chars") << u"ab"_s << s3 << false << Code::TooShort;
    QTest::newRow("s3 64 chars") << QString(64, u'a') << s3 << false << Code::TooLong;
    QTest::newRow("s3 uppercase") << u"MyBucket"_s << s3 << false << Code::InvalidCharacter;
    QTest::newRow("s3 underscore") << u"my_bucket"_s << s3 << false << Code::InvalidCharacter;
    QTest::newRow("s3 space") << u"my bucket"_s << s3 << false << Code::InvalidCharacter;
    QTest::newRow("s3 accent") << u"café"_s << s3 << false << Code::InvalidCharacter;
    QTest::newRow("s3 leading hyphen") << u"-bucket"_s << s3 << false << Code::BadFirstOrLast;
    QTest::newRow("s3 trailing hyphen") << u"bucket-"_s << s3 << false << Code::BadFirstOrLast;
    QTest::newRow("s3 leading dot") << u".bucket"_s << s3 << false << Code::BadFirstOrLast;
    QTest::newRow("s3 trailing dot") << u"bucket."_s << s3 << false << Code::BadFirstOrLast;
    QTest::newRow("s3 double dot") << u"my..bucket"_s << s3 << false << Code::ConsecutiveDots;
    QTest::newRow("s3 ip") << u"192.168.5.4"_s << s3 << false << Code::IpAddress;
    QTest::newRow("s3 xn--") << u"xn--bucket"_s << s3 << false << Code::ReservedPrefix;
    QTest::newRow("s3 sthree-") << u"sthree-bucket"_s << s3 << false << Code::ReservedPrefix;
    QTest::newRow("s3 amzn-s3-demo-") << u"amzn-s3-demo-bucket"_s << s3 << false << Code::ReservedPrefix;
    QTest::newRow("s3 -s3alias") << u"bucket-s3alias"_s << s3 << false << Code::ReservedSuffix;
    QTest::newRow("s3 --ol-s3") << u"bucket--ol-s3"_s << s3 << false << Code::ReservedSuffix;
    QTest::newRow("s3 .mrap") << u"bucket.mrap"_s << s3 << false << Code::ReservedSuffix;
    QTest::newRow("s3 --x-s3") << u"bucket--x-s3"_s << s3 << false << Code::ReservedSuffix;
    QTest::newRow("s3 --table-s3") << u"bucket--table-s3"_s << s3 << false << Code::ReservedSuffix;
    QTest::newRow("minio follows s3") << u"my..bucket"_s << Provider::MinIO << false << Code::ConsecutiveDots;
    QTest::newRow("custom dots ok") << u"a.b.c"_s << Provider::Custom << true << ok;

    QTest::newRow("r2 plain") << u"my-bucket-1"_s << r2 << true << ok;
    QTest::newRow("r2 63 chars") << QString(63, u'7') << r2 << true << ok;
    QTest::newRow("r2 xn-- allowed") << u"xn--bucket"_s << r2 << true << ok;
    QTest::newRow("r2 dots") << u"my.bucket"_s << r2 << false << Code::InvalidCharacter;
    QTest::newRow("r2 uppercase") << u"Bucket"_s << r2 << false << Code::InvalidCharacter;
    QTest::newRow("r2 underscore") << u"my_bucket"_s << r2 << false << Code::InvalidCharacter;
    QTest::newRow("r2 2 chars") << u"ab"_s << r2 << false << Code::TooShort;
    QTest::newRow("r2 64 chars") << QString(64, u'a') << r2 << false << Code::TooLong;
    QTest::newRow("r2 leading hyphen") << u"-abc"_s << r2 << false << Code::BadFirstOrLast;
    QTest::newRow("r2 empty") << QString() << r2 << false << Code::Empty;
}

void TestNames::bucketNames()
{
    QFETCH(QString, name);
    QFETCH(Provider, provider);
    QFETCH(bool, valid);
    QFETCH(NameError::Code, code);

    const std::optional<NameError> error = validateBucketName(name, provider);
    if (valid) {
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->code, code);
    QVERIFY2(error->message.endsWith(u'.'), qPrintable(error->message));
    if (code == NameError::Code::InvalidCharacter && name.toLower() != name) {
        // The advice offers the lowercase name.
        QVERIFY2(error->message.contains(name.toLower()), qPrintable(error->message));
    }
}

void TestNames::validKeys_data()
{
    QTest::addColumn<QString>("key");

    QTest::newRow("plain") << u"photo.jpg"_s;
    QTest::newRow("double slash") << u"a//b"_s;
    QTest::newRow("dot dot") << u".."_s;
    QTest::newRow("dot") << u"."_s;
    QTest::newRow("percent 2F") << u"%2F"_s;
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("plus") << u"a+b"_s;
    QTest::newRow("emoji") << u"😀/🎉.txt"_s;
    QTest::newRow("folder marker") << u"key/"_s;
    QTest::newRow("leading slash") << u"/abs"_s;
    QTest::newRow("punctuation") << u"&+-é\"/…"_s;
    QTest::newRow("1,024 ascii bytes") << QString(1024, u'k');
    // 256 four-byte characters = 1,024 bytes in UTF-8, only 512 UTF-16 units.
    QString emoji;
    for (int i = 0; i < 256; ++i)
        emoji += u"😀"_s;
    QTest::newRow("1,024 bytes of emoji") << emoji;
}

void TestNames::validKeys()
{
    QFETCH(QString, key);
    const std::optional<NameError> error = validateObjectKey(key);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
    QCOMPARE(validateObjectKey(QByteArrayView(key.toUtf8())), std::nullopt);
}

void TestNames::invalidKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<NameError::Code>("code");

    using Code = NameError::Code;
    QTest::newRow("empty") << QString() << Code::Empty;
    QTest::newRow("1,025 ascii bytes") << QString(1025, u'k') << Code::TooLong;
    // 1,023 ASCII bytes plus a two-byte "é": 1,024 characters but 1,025 bytes.
    QTest::newRow("1,025 bytes, 1,024 chars") << QString(1023, u'k') + u"é"_s << Code::TooLong;
    QTest::newRow("lone high surrogate") << u"a"_s + QChar(0xD83D) + u"b"_s << Code::InvalidUtf8;
    QTest::newRow("lone low surrogate") << QString(QChar(0xDE00)) << Code::InvalidUtf8;
    QTest::newRow("high at end") << u"abc"_s + QChar(0xD83D) << Code::InvalidUtf8;
    QTest::newRow("reversed pair") << QString(QChar(0xDE00)) + QChar(0xD83D) << Code::InvalidUtf8;
}

void TestNames::invalidKeys()
{
    QFETCH(QString, key);
    QFETCH(NameError::Code, code);

    const std::optional<NameError> error = validateObjectKey(key);
    QVERIFY(error);
    QCOMPARE(error->code, code);
    QVERIFY2(error->message.endsWith(u'.'), qPrintable(error->message));
}

void TestNames::invalidUtf8Bytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<NameError::Code>("code");

    using Code = NameError::Code;
    QTest::newRow("empty") << QByteArray() << Code::Empty;
    QTest::newRow("1,025 bytes") << QByteArray(1025, 'x') << Code::TooLong;
    QTest::newRow("latin-1 byte") << QByteArray("caf\xe9") << Code::InvalidUtf8;
    QTest::newRow("truncated sequence") << QByteArray("a\xf0\x9f\x98") << Code::InvalidUtf8;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << Code::InvalidUtf8;
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80") << Code::InvalidUtf8;
    QTest::newRow("stray continuation") << QByteArray("\x80x") << Code::InvalidUtf8;
}

void TestNames::invalidUtf8Bytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(NameError::Code, code);

    const std::optional<NameError> error = validateObjectKey(QByteArrayView(bytes));
    QVERIFY(error);
    QCOMPARE(error->code, code);
    QVERIFY(!error->message.isEmpty());
}

void TestNames::keyLengthMessage()
{
    const std::optional<NameError> error = validateObjectKey(QString(1025, u'k'));
    QVERIFY(error);
    QCOMPARE(error->message,
             u"The key is 1,025 bytes long; S3 allows at most 1,024 bytes in UTF-8. Shorten the name "
             "or its folder path."_s);
}

QTEST_GUILESS_MAIN(TestNames)
#include "tst_names.moc"
