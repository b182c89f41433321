// parseLocation(): s3:// paths, PROFILE: paths, local paths and "-".

#include "location.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::cli;

Q_DECLARE_METATYPE(coffer::cli::Location::Kind)

class TestLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("profilePaths");
        QTest::addColumn<Location::Kind>("kind");
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("display");
        using K = Location::Kind;
        QTest::newRow("bucket") << u"s3://b"_s << false << K::Remote << QString() << u"b"_s << QString()
                                << u"s3://b"_s;
        QTest::newRow("bucket slash")
            << u"s3://b/"_s << false << K::Remote << QString() << u"b"_s << QString() << u"s3://b"_s;
        QTest::newRow("key") << u"s3://b/a/c.txt"_s << false << K::Remote << QString() << u"b"_s
                             << u"a/c.txt"_s << u"s3://b/a/c.txt"_s;
        QTest::newRow("prefix") << u"s3://b/a/"_s << false << K::Remote << QString() << u"b"_s << u"a/"_s
                                << u"s3://b/a/"_s;
        QTest::newRow("odd key kept") << u"s3://b/a//..//x "_s << false << K::Remote << QString() << u"b"_s
                                      << u"a//..//x "_s << u"s3://b/a//..//x "_s;
        QTest::newRow("upper scheme")
            << u"S3://b/k"_s << false << K::Remote << QString() << u"b"_s << u"k"_s << u"s3://b/k"_s;
        QTest::newRow("profile path")
            << u"work:b/k"_s << true << K::Remote << u"work"_s << u"b"_s << u"k"_s << u"work:b/k"_s;
        QTest::newRow("profile with space")
            << u"My R2:b"_s << true << K::Remote << u"My R2"_s << u"b"_s << QString() << u"My R2:b"_s;
        QTest::newRow("profile off") << u"work:b/k"_s << false << K::Local << QString() << QString()
                                     << QString() << u"work:b/k"_s;
        QTest::newRow("drive letter")
            << u"C:/data/x"_s << true << K::Local << QString() << QString() << QString() << u"C:/data/x"_s;
        QTest::newRow("colon after slash")
            << u"dir/a:b"_s << true << K::Local << QString() << QString() << QString() << u"dir/a:b"_s;
        QTest::newRow("dot path") << u"./a:b"_s << true << K::Local << QString() << QString() << QString()
                                  << u"./a:b"_s;
        QTest::newRow("local") << u"/tmp/x"_s << false << K::Local << QString() << QString() << QString()
                               << u"/tmp/x"_s;
        QTest::newRow("stream") << u"-"_s << true << K::Stream << QString() << QString() << QString()
                                << u"-"_s;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, profilePaths);
        QFETCH(Location::Kind, kind);
        QFETCH(QString, connection);
        QFETCH(QString, bucket);
        QFETCH(QString, key);
        QFETCH(QString, display);
        QString error;
        const auto location = parseLocation(text, profilePaths, &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(location->kind, kind);
        QCOMPARE(location->connection, connection);
        QCOMPARE(location->bucket, bucket);
        QCOMPARE(location->key, key);
        if (kind == Location::Kind::Local)
            QCOMPARE(location->localPath, text);
        QCOMPARE(location->display(), display);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("profilePaths");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("no bucket") << u"s3://"_s << false;
        QTest::newRow("no bucket slash") << u"s3:///k"_s << false;
        QTest::newRow("profile without bucket") << u"work:/k"_s << true;
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(bool, profilePaths);
        QString error;
        QVERIFY(!parseLocation(text, profilePaths, &error));
        QVERIFY(!error.isEmpty());
    }

    void withKey()
    {
        const Location base = *parseLocation(u"work:b/a"_s, true);
        const Location moved = base.withKey(u"z/y"_s);
        QCOMPARE(moved.connection, u"work"_s);
        QCOMPARE(moved.bucket, u"b"_s);
        QCOMPARE(moved.display(), u"work:b/z/y"_s);
    }
};

QTEST_GUILESS_MAIN(TestLocation)
#include "tst_location.moc"
