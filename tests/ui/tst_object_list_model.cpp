// The object list against the embedded server: page by page, listing only, folders first.
#include "test_server.h"

#include "client/s3_client.h"
#include "ui/browser/object_list_model.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

class TestObjectListModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<client::S3Client> m_client;
    QStringList m_keys;
    QList<client::HttpActivity> m_requests;
    const QString m_bucket = u"browse"_s;

    static bool settled(const ObjectListModel &model) { return !model.isLoading(); }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<test::TestServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<client::S3Client>(m_server->clientConfig(), &m_network);
        m_keys = test::sampleTree();
        QVERIFY(test::seedBucket(m_client.get(), m_bucket, m_keys));
        connect(m_client.get(), &client::S3Client::activity, this,
            [this](const client::HttpActivity &record) { m_requests.append(record); });
    }

    void init() { m_requests.clear(); }

    void passesTheModelTesterWhileFetching()
    {
        ObjectListModel model;
        model.setPageSize(25);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setLocation(m_client.get(), m_bucket, {});
        // The tester asks for more on every change, so it pulls in every page.
        QTRY_VERIFY_WITH_TIMEOUT(settled(model) && !model.hasMore(), 30000);
        QCOMPARE(model.rowCount(),
            int(test::directFolders(m_keys, {}).size() + test::directObjects(m_keys, {}).size()));
        model.setLocation(m_client.get(), m_bucket, u"alpha/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(model) && !model.hasMore(), 30000);
        QCOMPARE(model.folderCount(), 1);
        model.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(settled(model) && !model.hasMore(), 30000);
        QCOMPARE(model.objectCount(), 60);
    }

    void pagesOnFetchMore_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<int>("pageSize");
        QTest::newRow("root, 50") << QString() << 50;
        QTest::newRow("root, 17") << QString() << 17;
        QTest::newRow("alpha/, 50") << u"alpha/"_s << 50;
        QTest::newRow("zeta/ (folder marker), 50") << u"zeta/"_s << 50;
    }

    void pagesOnFetchMore()
    {
        QFETCH(QString, prefix);
        QFETCH(int, pageSize);
        ObjectListModel model;
        model.setPageSize(pageSize);
        model.setLocation(m_client.get(), m_bucket, prefix);
        QVERIFY(model.isLoading());
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 30000);
        QCOMPARE(model.pagesLoaded(), 1);
        QVERIFY(model.rowCount() <= pageSize);

        int pages = 1;
        while (model.canFetchMore({})) {
            const int before = model.rowCount();
            model.fetchMore({});
            QVERIFY(!model.canFetchMore({})); // one page at a time
            QTRY_VERIFY_WITH_TIMEOUT(settled(model), 30000);
            ++pages;
            QCOMPARE(model.pagesLoaded(), pages);
            QVERIFY(model.rowCount() > before);
            QVERIFY(model.rowCount() - before <= pageSize);
        }
        const QStringList folders = test::directFolders(m_keys, prefix);
        const QStringList objects = test::directObjects(m_keys, prefix);
        QCOMPARE(model.folderCount(), int(folders.size()));
        QCOMPARE(model.objectCount(), int(objects.size()));
        QVERIFY(!model.hasMore());
        QCOMPARE(m_requests.size(), pages);
        // The listing is all it takes: no HEAD (nor anything else) per row.
        for (const client::HttpActivity &request : std::as_const(m_requests)) {
            QCOMPARE(request.method, QByteArray("GET"));
            QVERIFY2(request.url.contains(u"list-type=2"_s), qPrintable(request.url));
        }
        // Folders first, then objects, each in key order.
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown.append(model.keyAt(row));
        QCOMPARE(shown, folders + objects);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(ObjectListModel::IsFolderRole).toBool(), row < folders.size());
    }

    void showsWhatTheListingSays()
    {
        ObjectListModel model;
        model.setLocation(m_client.get(), m_bucket, u"alpha/deep/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 30000);
        QCOMPARE(model.rowCount(), 5);
        const QString key = u"alpha/deep/leaf-0.json"_s;
        const QModelIndex name = model.index(0, ObjectListModel::NameColumn);
        QCOMPARE(name.data().toString(), u"leaf-0.json"_s);
        QCOMPARE(name.data(ObjectListModel::KeyRole).toString(), key);
        const qint64 size = key.toUtf8().size() * 3;
        QCOMPARE(
            model.index(0, ObjectListModel::SizeColumn).data().toString(), QLocale().formattedDataSize(size));
        QCOMPARE(
            model.index(0, ObjectListModel::SizeColumn).data(ObjectListModel::SortRole).toLongLong(), size);
        const QDateTime modified = QDateTime::fromMSecsSinceEpoch(
            model.index(0, ObjectListModel::LastModifiedColumn).data(ObjectListModel::SortRole).toLongLong());
        QVERIFY(qAbs(modified.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
        QCOMPARE(model.index(0, ObjectListModel::LastModifiedColumn).data().toString(),
            QLocale().toString(modified.toLocalTime(), QLocale::ShortFormat));
        QVERIFY(!model.index(0, ObjectListModel::ETagColumn).data().toString().isEmpty());
        QVERIFY(!model.index(0, ObjectListModel::ETagColumn).data().toString().contains(u'"'));
        QCOMPARE(model.headerData(ObjectListModel::StorageClassColumn, Qt::Horizontal).toString(),
            u"Storage class"_s);
    }

    void failuresAreReadableAndTheModelRecovers_data()
    {
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("expectedCode");
        QTest::newRow("no such bucket (404)") << u"no-such-bucket"_s << test::kSecretKey << u"NoSuchBucket"_s;
        QTest::newRow("wrong secret (403)")
            << m_bucket << QByteArray("wrong-secret") << u"SignatureDoesNotMatch"_s;
    }

    void failuresAreReadableAndTheModelRecovers()
    {
        QFETCH(QString, bucket);
        QFETCH(QByteArray, secret);
        QFETCH(QString, expectedCode);
        client::S3Client client(m_server->clientConfig(secret), &m_network);
        ObjectListModel model;
        QSignalSpy failed(&model, &ObjectListModel::pageFailed);
        model.setLocation(&client, bucket, {});
        QTRY_VERIFY_WITH_TIMEOUT(failed.size() == 1, 30000);
        const QString message = failed.first().first().toString();
        QCOMPARE(model.errorMessage(), message);
        QVERIFY2(message.size() > 20 && message.contains(u' '), qPrintable(message));
        // A sentence, not the bare code.
        QVERIFY(message != expectedCode);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isLoading());

        model.setLocation(m_client.get(), m_bucket, u"beta/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 30000);
        QCOMPARE(model.rowCount(), 12);
        QVERIFY(model.errorMessage().isEmpty());
    }

    void aNewLocationDropsTheOldOnesPages()
    {
        ObjectListModel model;
        model.setLocation(m_client.get(), m_bucket, {});
        model.setLocation(m_client.get(), m_bucket, u"beta/"_s); // before the first answered
        QTRY_VERIFY_WITH_TIMEOUT(settled(model), 30000);
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.prefix(), u"beta/"_s);
    }
};

QTEST_MAIN(TestObjectListModel)
#include "tst_object_list_model.moc"
