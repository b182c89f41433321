// PrefixDeletion against the embedded server: every key under the prefix goes, in pages of
// 1,000, and keys outside the prefix stay.
#include "local_store.h"

#include "transfer/remote/prefix_deletion.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::transfer;
using coffer::transfer::testing::LocalStore;

class TestPrefixDeletion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void deletesEverythingUnderPrefix_data();
    void deletesEverythingUnderPrefix();
    void missingBucketFailsClearly();

private:
    std::unique_ptr<LocalStore> m_store;
};

void TestPrefixDeletion::initTestCase()
{
    m_store = std::make_unique<LocalStore>();
    QVERIFY2(m_store->isRunning(), qPrintable(m_store->errorString()));
}

void TestPrefixDeletion::deletesEverythingUnderPrefix_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("deleteRequests");
    QTest::newRow("none") << 0 << 0;
    QTest::newRow("a few, odd keys") << 5 << 1;
    QTest::newRow("more than one page") << 1001 << 2;
}

void TestPrefixDeletion::deletesEverythingUnderPrefix()
{
    QFETCH(int, count);
    QFETCH(int, deleteRequests);
    const QString bucket = u"del-%1"_s.arg(count);
    QVERIFY(m_store->createBucket(bucket));
    const QStringList odd{u"gone/a//b"_s, u"gone/%2F"_s, u"gone/x "_s, u"gone/é😀"_s, u"gone/dir/"_s};
    for (int i = 0; i < count; ++i) {
        const QString key = i < odd.size() ? odd.at(i) : u"gone/n/%1"_s.arg(i, 5, 10, QChar(u'0'));
        QVERIFY2(m_store->put(bucket, key, QByteArray::number(i)), qPrintable(key));
    }
    QVERIFY(m_store->put(bucket, u"kept/1"_s, "k"));
    QVERIFY(m_store->put(bucket, u"gonex"_s, "k")); // shares the letters, not the prefix

    int posts = 0;
    QObject context;
    QObject::connect(m_store->client(), &client::S3Client::activity, &context,
                     [&posts](const client::HttpActivity &record) { posts += record.method == "POST"; });
    PrefixDeletion deletion(m_store->client(), bucket, u"gone/"_s);
    QSignalSpy finished(&deletion, &PrefixDeletion::finished);
    deletion.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(!deletion.error().isError(), qPrintable(deletion.error().userMessage()));
    QCOMPARE(deletion.deletedCount(), count);
    QVERIFY(deletion.failures().isEmpty());
    QCOMPARE(posts, deleteRequests);
    QVERIFY(m_store->keys(bucket, u"gone/"_s).isEmpty());
    QCOMPARE(m_store->keys(bucket), (QStringList{u"gonex"_s, u"kept/1"_s}));
}

void TestPrefixDeletion::missingBucketFailsClearly()
{
    PrefixDeletion deletion(m_store->client(), u"no-such-bucket"_s, u"x/"_s);
    QSignalSpy finished(&deletion, &PrefixDeletion::finished);
    deletion.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(deletion.error().httpStatus, 404);
    QVERIFY(deletion.error().userMessage().contains(u"no-such-bucket"_s));
}

QTEST_GUILESS_MAIN(TestPrefixDeletion)
#include "tst_prefix_deletion.moc"
