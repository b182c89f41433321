// The connections tree against the embedded server: lazy, paged, and honest about failures.
#include "test_server.h"

#include "client/s3_client.h"
#include "ui/browser/connections_model.h"
#include "ui/connection/connection.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using Listing = ConnectionsModel::Listing;

namespace {

profiles::Profile profileFor(const test::TestServer &server, const QString &name)
{
    profiles::Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = name;
    profile.provider = s3::Provider::CofferLocal;
    profile.endpointUrl = server.endpointUrl();
    profile.addressing = s3::AddressingStyle::PathStyle;
    profile.accessKeyId = QString::fromUtf8(test::kAccessKey);
    return profile;
}

Listing listingOf(const QModelIndex &index)
{
    return index.data(ConnectionsModel::ListingRole).value<Listing>();
}

// Asks for pages until the node is fully listed, as a view scrolling to its end would.
bool fetchAll(ConnectionsModel &model, const QModelIndex &index)
{
    for (int round = 0; round < 1000; ++round) {
        if (model.canFetchMore(index))
            model.fetchMore(index);
        if (!QTest::qWaitFor([&] { return listingOf(index) != Listing::Loading; }, 30000))
            return false;
        if (listingOf(index) == Listing::Complete || listingOf(index) == Listing::Failed)
            return listingOf(index) == Listing::Complete;
    }
    return false;
}

QStringList childNames(const ConnectionsModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row)
        names.append(model.index(row, 0, parent).data().toString());
    return names;
}

} // namespace

class TestConnectionsModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServer> m_server;
    QNetworkAccessManager m_network;
    QStringList m_keys;
    const QString m_bucket = u"browse"_s;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<test::TestServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        client::S3Client seeder(m_server->clientConfig(), &m_network);
        m_keys = test::sampleTree();
        QVERIFY(test::seedBucket(&seeder, m_bucket, m_keys));
        QVERIFY(test::seedBucket(&seeder, u"empty"_s, {}));
    }

    void passesTheModelTesterWhileFetching()
    {
        Connection connection(profileFor(*m_server, u"Local"_s), test::kSecretKey);
        ConnectionsModel model;
        model.setPageSize(7);
        // Fatal: any inconsistency (rows announced wrongly, bad parents) aborts the test.
        // The tester also fetches every node it can, which walks the whole tree.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addConnection(&connection);
        const QModelIndex root = model.index(0, 0);
        QVERIFY(fetchAll(model, root));
        const QModelIndex bucket = model.indexOf(Location { connection.id(), m_bucket, {} });
        QVERIFY(bucket.isValid());
        QVERIFY(fetchAll(model, bucket));
        const QModelIndex alpha = model.indexOf(Location { connection.id(), m_bucket, u"alpha/"_s });
        QVERIFY(alpha.isValid());
        QVERIFY(fetchAll(model, alpha));
        QCOMPARE(childNames(model, alpha), QStringList { u"deep"_s });
        model.refresh(bucket);
        QVERIFY(fetchAll(model, bucket));
        QCOMPARE(model.rowCount(bucket), int(test::directFolders(m_keys, {}).size()));
    }

    void listsPrefixesLazilyPageByPage_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<int>("pageSize");
        QTest::newRow("bucket root, 50 a page") << QString() << 50;
        QTest::newRow("bucket root, 1000 a page") << QString() << 1000;
        QTest::newRow("alpha/, 50 a page") << u"alpha/"_s << 50;
        QTest::newRow("alpha/, 13 a page") << u"alpha/"_s << 13;
    }

    void listsPrefixesLazilyPageByPage()
    {
        QFETCH(QString, prefix);
        QFETCH(int, pageSize);
        Connection connection(profileFor(*m_server, u"Local"_s), test::kSecretKey);
        ConnectionsModel model;
        model.setPageSize(pageSize);
        model.addConnection(&connection);
        const QModelIndex root = model.index(0, 0);
        QVERIFY(model.hasChildren(root));
        QCOMPARE(model.rowCount(root), 0); // nothing asked yet
        QVERIFY(fetchAll(model, root));
        QCOMPARE(childNames(model, root), (QStringList { m_bucket, u"empty"_s }));

        QList<QString> listRequests;
        connect(
            connection.client(), &client::S3Client::activity, this, [&](const client::HttpActivity &record) {
                if (record.url.contains(u"list-type=2"_s))
                    listRequests.append(record.url);
            });

        // Walk down to the prefix, listing each level on the way.
        QModelIndex node = model.indexOf(Location { connection.id(), m_bucket, {} });
        QVERIFY(model.hasChildren(node));
        QCOMPARE(model.rowCount(node), 0);
        QVERIFY(listRequests.isEmpty());
        if (!prefix.isEmpty()) {
            QVERIFY(fetchAll(model, node));
            node = model.indexOf(Location { connection.id(), m_bucket, prefix });
            QVERIFY(node.isValid());
            QVERIFY(model.hasChildren(node)); // not listed yet, so it may have children
            QCOMPARE(model.rowCount(node), 0);
            listRequests.clear();
        }

        QVERIFY(fetchAll(model, node));
        const QStringList folders = test::directFolders(m_keys, prefix);
        QStringList expectedNames;
        for (const QString &folder : folders)
            expectedNames.append(folder.mid(prefix.size()).chopped(1));
        QCOMPARE(childNames(model, node), expectedNames);

        // One request per page: a page holds up to pageSize objects and prefixes together.
        const qsizetype entries
            = folders.size() + test::directObjects(m_keys, prefix).size() + (m_keys.contains(prefix) ? 1 : 0);
        const int pages = int(std::ceil(double(entries) / pageSize));
        QCOMPARE(listRequests.size(), pages);
        // The subfolders themselves were not listed: they still only claim children.
        for (int row = 0; row < model.rowCount(node); ++row) {
            const QModelIndex child = model.index(row, 0, node);
            QCOMPARE(listingOf(child), Listing::NotListed);
            QVERIFY(model.hasChildren(child));
        }
        QVERIFY(!model.canFetchMore(node));
    }

    void pathLookupFindsLoadedNodes()
    {
        Connection connection(profileFor(*m_server, u"Local"_s), test::kSecretKey);
        ConnectionsModel model;
        model.addConnection(&connection);
        QVERIFY(fetchAll(model, model.index(0, 0)));
        const Location deep { connection.id(), m_bucket, u"alpha/deep/"_s };
        QVERIFY(!model.indexOf(deep).isValid()); // not loaded yet
        QVERIFY(fetchAll(model, model.indexOf(Location { connection.id(), m_bucket, {} })));
        QVERIFY(fetchAll(model, model.indexOf(Location { connection.id(), m_bucket, u"alpha/"_s })));
        const QModelIndex found = model.indexOf(deep);
        QVERIFY(found.isValid());
        QCOMPARE(found.data().toString(), u"deep"_s);
        QCOMPARE(model.locationOf(found), deep);
        bool complete = false;
        QCOMPARE(model.buckets(connection.id(), &complete), (QStringList { m_bucket, u"empty"_s }));
        QVERIFY(complete);
    }

    void wrongSecretShowsAReadableErrorOnTheRow()
    {
        Connection wrong(profileFor(*m_server, u"Wrong key"_s), "not-the-secret");
        Connection right(profileFor(*m_server, u"Right key"_s), test::kSecretKey);
        ConnectionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy failures(&model, &ConnectionsModel::listingFailed);
        model.addConnection(&wrong);
        model.addConnection(&right);
        const QModelIndex bad = model.index(0, 0);
        QVERIFY(!fetchAll(model, bad));
        QCOMPARE(listingOf(bad), Listing::Failed);
        const QString message = bad.data(ConnectionsModel::ErrorRole).toString();
        QVERIFY2(message.size() > 20 && message.contains(u' '), qPrintable(message));
        QCOMPARE(bad.data(Qt::ToolTipRole).toString(), message);
        QVERIFY(failures.size() >= 1);
        QCOMPARE(failures.first().at(1).toString(), message);
        // The model goes on serving the other connection.
        const QModelIndex good = model.index(1, 0);
        QVERIFY(fetchAll(model, good));
        QCOMPARE(model.rowCount(good), 2);
        // The failed row looks different from a working one.
        QVERIFY(bad.data(Qt::DecorationRole).value<QIcon>().cacheKey()
            != good.data(Qt::DecorationRole).value<QIcon>().cacheKey());
    }

    void removingAConnectionDropsItsNodes()
    {
        auto connection = std::make_unique<Connection>(profileFor(*m_server, u"Local"_s), test::kSecretKey);
        ConnectionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addConnection(connection.get());
        QVERIFY(fetchAll(model, model.index(0, 0)));
        const QString id = connection->id();
        connection.reset();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.indexOf(Location { id, m_bucket, {} }).isValid());
    }
};

QTEST_MAIN(TestConnectionsModel)
#include "tst_connections_model.moc"
