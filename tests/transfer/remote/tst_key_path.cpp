// The key -> local path mapping: odd but legal keys land inside the destination under a
// documented name, or are refused with a sentence; nothing escapes the folder.
#include "transfer/remote/key_path.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::transfer;

class TestKeyPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsKeys_data();
    void mapsKeys();
    void refusesKeys_data();
    void refusesKeys();
    void staysInsideRoot_data();
    void staysInsideRoot();
    void refusesSymlinkEscape();
    void claimsDetectCollisions();
};

void TestKeyPath::mapsKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("directoryOnly");
    QTest::newRow("plain") << u"photos/2024/a.jpg"_s << u"photos/2024/a.jpg"_s << false;
    QTest::newRow("double slash") << u"a//b"_s << u"a/b"_s << false;
    QTest::newRow("absolute-looking") << u"/etc/passwd"_s << u"etc/passwd"_s << false;
    QTest::newRow("dot dot") << u".."_s << u"%2E%2E"_s << false;
    QTest::newRow("dot dot inside") << u"a/../../b"_s << u"a/%2E%2E/%2E%2E/b"_s << false;
    QTest::newRow("single dot") << u"./x"_s << u"%2E/x"_s << false;
    QTest::newRow("trailing spaces") << u"report  "_s << u"report%20%20"_s << false;
    QTest::newRow("trailing dot") << u"dir./f"_s << u"dir%2E/f"_s << false;
    QTest::newRow("inner spaces kept") << u"my file.txt"_s << u"my file.txt"_s << false;
    QTest::newRow("control char") << u"a\u0001b"_s << u"a%01b"_s << false;
    QTest::newRow("backslash") << u"a\\b"_s << u"a%5Cb"_s << false;
    QTest::newRow("folder marker") << u"folder/"_s << u"folder"_s << true;
    QTest::newRow("lone slash: the destination itself") << u"/"_s << QString() << true;
    QTest::newRow("unicode") << u"é/😀.txt"_s << u"é/😀.txt"_s << false;
}

void TestKeyPath::mapsKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, path);
    QFETCH(bool, directoryOnly);
    const KeyMapping mapping = mapKeyToPath(key);
    QVERIFY2(mapping.ok(), qPrintable(mapping.refusal));
    QCOMPARE(mapping.relativePath, path);
    QCOMPARE(mapping.directoryOnly, directoryOnly);
}

void TestKeyPath::refusesKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("empty") << QString();
    QTest::newRow("segment too long") << QString(300, u'x');
}

void TestKeyPath::refusesKeys()
{
    QFETCH(QString, key);
    const KeyMapping mapping = mapKeyToPath(key);
    QVERIFY(!mapping.ok());
    QVERIFY(mapping.refusal.contains(u"key"_s));
}

void TestKeyPath::staysInsideRoot_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("inside");
    QTest::newRow("plain") << u"a/b"_s << true;
    QTest::newRow("parent") << u"../x"_s << false;
    QTest::newRow("hidden parent") << u"a/../../x"_s << false;
    QTest::newRow("absolute") << u"/tmp/x"_s << false;
    QTest::newRow("mapped dot dot") << mapKeyToPath(u"../x"_s).relativePath << true;
}

void TestKeyPath::staysInsideRoot()
{
    QFETCH(QString, relative);
    QFETCH(bool, inside);
    QTemporaryDir root;
    const QString path = pathInside(root.path(), relative);
    QCOMPARE(!path.isEmpty(), inside);
    if (inside)
        QVERIFY(path.startsWith(QDir(root.path()).absolutePath() + u'/'));
}

void TestKeyPath::refusesSymlinkEscape()
{
    QTemporaryDir root;
    QTemporaryDir outside;
    QVERIFY(QFile::link(outside.path(), root.filePath(u"link"_s)));
    QVERIFY(pathInside(root.path(), u"link/file"_s).isEmpty());
    QVERIFY(!pathInside(root.path(), u"real/file"_s).isEmpty());
}

void TestKeyPath::claimsDetectCollisions()
{
    PathClaims claims;
    QVERIFY(claims.claim(u"/d/a/b"_s, u"a/b"_s).isEmpty());
    QCOMPARE(claims.claim(u"/d/a/b"_s, u"a//b"_s), u"a/b"_s);
    QVERIFY(claims.claim(u"/d/a/b"_s, u"a/b"_s).isEmpty()); // the same key again is fine
}

QTEST_GUILESS_MAIN(TestKeyPath)
#include "tst_key_path.moc"
