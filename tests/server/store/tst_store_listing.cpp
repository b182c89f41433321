// ListObjects over the store: bytewise order, prefix/delimiter roll-up, markers and paging.
#include "store_fixture.h"

#include "server/store/list_token.h"

using namespace Qt::StringLiterals;
using namespace coffer::server;
using coffer::server::testing::TempStore;

class TestStoreListing : public QObject
{
    Q_OBJECT

private slots:
    void rollUp_data();
    void rollUp();
    void pagingAcrossKeys_data();
    void pagingAcrossKeys();
    void bigFolderIsOneEntry();
    void listUploads();
    void continuationTokens_data();
    void continuationTokens();
    void badTokens_data();
    void badTokens();
};

// "objects|prefixes" with entries separated by commas, for compact tables.
static QString describe(const ListResult &result)
{
    QStringList objects;
    for (const ObjectSummary &o : result.objects)
        objects.append(QString::fromUtf8(o.key));
    QStringList prefixes;
    for (const QByteArray &p : result.commonPrefixes)
        prefixes.append(QString::fromUtf8(p));
    return objects.join(u',') + u'|' + prefixes.join(u',');
}

void TestStoreListing::rollUp_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QByteArray>("startAfter");
    QTest::addColumn<QString>("expected");
    // Keys: a, a/b, a/b/c, a//d, a0, b/, b/x, c.d.e, c.f, z
    QTest::newRow("everything") << QByteArray() << QByteArray() << QByteArray()
                                << u"a,a//d,a/b,a/b/c,a0,b/,b/x,c.d.e,c.f,z|"_s;
    QTest::newRow("top level /") << QByteArray() << QByteArray("/") << QByteArray()
                                 << u"a,a0,c.d.e,c.f,z|a/,b/"_s;
    QTest::newRow("inside a/") << QByteArray("a/") << QByteArray("/") << QByteArray()
                               << u"a/b|a//,a/b/"_s;
    QTest::newRow("prefix a, no delimiter") << QByteArray("a") << QByteArray() << QByteArray()
                                            << u"a,a//d,a/b,a/b/c,a0|"_s;
    QTest::newRow("prefix a with /") << QByteArray("a") << QByteArray("/") << QByteArray()
                                     << u"a,a0|a/"_s;
    QTest::newRow("key ending in /") << QByteArray("b/") << QByteArray("/") << QByteArray()
                                     << u"b/,b/x|"_s;
    QTest::newRow("dot delimiter") << QByteArray("c") << QByteArray(".") << QByteArray()
                                   << u"|c."_s;
    QTest::newRow("multi-byte delimiter") << QByteArray() << QByteArray("/b") << QByteArray()
                                          << u"a,a//d,a0,b/,b/x,c.d.e,c.f,z|a/b"_s;
    QTest::newRow("start after a/b inside a/") << QByteArray() << QByteArray("/")
                                               << QByteArray("a/b") << u"a0,c.d.e,c.f,z|b/"_s;
    QTest::newRow("start after a") << QByteArray() << QByteArray() << QByteArray("a")
                                   << u"a//d,a/b,a/b/c,a0,b/,b/x,c.d.e,c.f,z|"_s;
    QTest::newRow("start after before prefix") << QByteArray("c") << QByteArray()
                                               << QByteArray("b") << u"c.d.e,c.f|"_s;
    QTest::newRow("start after past prefix") << QByteArray("a") << QByteArray()
                                             << QByteArray("b") << u"|"_s;
    QTest::newRow("no match") << QByteArray("q") << QByteArray("/") << QByteArray() << u"|"_s;
}

void TestStoreListing::rollUp()
{
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, delimiter);
    QFETCH(QByteArray, startAfter);
    QFETCH(QString, expected);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    for (const char *key : {"a", "a/b", "a/b/c", "a//d", "a0", "b/", "b/x", "c.d.e", "c.f", "z"})
        QVERIFY(s->putObject(u"b"_s, key, {}, key).ok());
    ListRequest request{prefix, delimiter, startAfter, 1000};
    StoreResult<ListResult> result = s->listObjects(u"b"_s, request);
    QVERIFY(result.ok());
    QCOMPARE(describe(result.value()), expected);
    QVERIFY(!result->isTruncated);
}

void TestStoreListing::pagingAcrossKeys_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::newRow("1000, flat") << 1000 << QByteArray();
    QTest::newRow("333, flat") << 333 << QByteArray();
    QTest::newRow("7, with /") << 7 << QByteArray("/");
    QTest::newRow("1000, with /") << 1000 << QByteArray("/");
}

void TestStoreListing::pagingAcrossKeys()
{
    QFETCH(int, pageSize);
    QFETCH(QByteArray, delimiter);
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    // 2,500 keys: 2,000 flat ones, plus 10 folders of 50.
    QList<QByteArray> keys;
    for (int i = 0; i < 2000; ++i)
        keys.append("k" + QByteArray::number(i * 7919 % 2000));
    for (int f = 0; f < 10; ++f) {
        for (int i = 0; i < 50; ++i)
            keys.append("dir" + QByteArray::number(f) + "/" + QByteArray::number(i));
    }
    QCOMPARE(coffer::server::testing::putConcurrently(*s.store, u"b"_s, keys), 0);

    QList<QByteArray> expected;
    for (const QByteArray &key : keys) {
        const qsizetype slash = delimiter.isEmpty() ? -1 : key.indexOf(delimiter);
        expected.append(slash < 0 ? key : key.left(slash + 1));
    }
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());

    QList<QByteArray> seen;
    ListRequest request;
    request.delimiter = delimiter;
    request.maxKeys = pageSize;
    int pages = 0;
    for (;;) {
        StoreResult<ListResult> page = s->listObjects(u"b"_s, request);
        QVERIFY(page.ok());
        ++pages;
        QVERIFY(page->objects.size() + page->commonPrefixes.size() <= pageSize);
        // Merge the page's objects and prefixes back into key order.
        QList<QByteArray> entries;
        for (const ObjectSummary &o : page->objects)
            entries.append(o.key);
        entries += page->commonPrefixes;
        std::sort(entries.begin(), entries.end());
        seen += entries;
        if (!page->isTruncated) {
            QVERIFY(page->nextStartAfter.isEmpty());
            break;
        }
        QCOMPARE(page->nextStartAfter, entries.last());
        request.startAfter = page->nextStartAfter;
        QVERIFY(pages < 10000);
    }
    QCOMPARE(seen, expected);
    QCOMPARE(pages, int((expected.size() + pageSize - 1) / pageSize));
}

void TestStoreListing::bigFolderIsOneEntry()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QList<QByteArray> folder;
    for (int i = 0; i < 3000; ++i)
        folder.append("big/" + QByteArray::number(i));
    QCOMPARE(coffer::server::testing::putConcurrently(*s.store, u"b"_s, folder), 0);
    QVERIFY(s->putObject(u"b"_s, "after", {}, "x").ok());
    QVERIFY(s->putObject(u"b"_s, "\xff\xff/x", {}, "x").ok()); // high bytes sort last
    ListRequest request{{}, "/", {}, 2};
    StoreResult<ListResult> first = s->listObjects(u"b"_s, request);
    QCOMPARE(describe(first.value()), u"after|big/"_s);
    QVERIFY(first->isTruncated);
    request.startAfter = first->nextStartAfter;
    StoreResult<ListResult> second = s->listObjects(u"b"_s, request);
    QCOMPARE(second->commonPrefixes, QList<QByteArray>{QByteArray("\xff\xff/")});
    QVERIFY(!second->isTruncated);
}

void TestStoreListing::listUploads()
{
    TempStore s;
    QVERIFY(!s->createBucket(u"b"_s, {}).isError());
    QStringList ids;
    for (const char *key : {"a", "a", "dir/x", "dir/y", "z"})
        ids.append(s->createMultipartUpload(u"b"_s, key, {})->uploadId);
    UploadListRequest request;
    request.delimiter = "/";
    request.maxUploads = 2;
    StoreResult<UploadPage> page = s->listUploads(u"b"_s, request);
    QVERIFY(page.ok());
    QCOMPARE(page->uploads.size(), 2);
    QCOMPARE(page->uploads[0].uploadId, ids[0]); // same key: in creation order
    QCOMPARE(page->uploads[1].uploadId, ids[1]);
    QVERIFY(page->isTruncated);
    request.keyMarker = page->nextKeyMarker;
    request.uploadIdMarker = page->nextUploadIdMarker;
    page = s->listUploads(u"b"_s, request);
    QCOMPARE(page->commonPrefixes, QList<QByteArray>{"dir/"});
    QCOMPARE(page->uploads.size(), 1);
    QCOMPARE(page->uploads[0].key, QByteArray("z"));
    QVERIFY(!page->isTruncated);
    UploadListRequest inDir;
    inDir.prefix = "dir/";
    QCOMPARE(s->listUploads(u"b"_s, inDir)->uploads.size(), 2);
}

void TestStoreListing::continuationTokens_data()
{
    QTest::addColumn<QByteArray>("startAfter");
    QTest::newRow("plain") << QByteArray("photos/2024/img_0001.jpg");
    QTest::newRow("common prefix") << QByteArray("a//");
    QTest::newRow("binary") << QByteArray("\x00\xff+/=", 6);
    QTest::newRow("1024 bytes") << QByteArray(1024, '\xfe');
}

void TestStoreListing::continuationTokens()
{
    QFETCH(QByteArray, startAfter);
    const QString token = continuationToken(startAfter);
    // URL- and XML-safe: no characters that need escaping.
    for (QChar c : token)
        QVERIFY2(c.isLetterOrNumber() || c == u'-' || c == u'_', qPrintable(token));
    QCOMPARE(startAfterFromToken(token), std::optional<QByteArray>(startAfter));
}

void TestStoreListing::badTokens_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("not base64") << u"***"_s;
    QTest::newRow("wrong version") << QString::fromLatin1(QByteArray("\x02key").toBase64());
    QTest::newRow("too long") << continuationToken(QByteArray(1025, 'k'));
}

void TestStoreListing::badTokens()
{
    QFETCH(QString, token);
    QCOMPARE(startAfterFromToken(token), std::nullopt);
}

QTEST_GUILESS_MAIN(TestStoreListing)
#include "tst_store_listing.moc"
