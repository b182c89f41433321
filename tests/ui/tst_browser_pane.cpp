// The centre pane as a person uses it: typing paths, opening folders, going up and back,
// filtering, and failures that leave it usable.
#include "test_server.h"

#include "client/s3_client.h"
#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/browser/object_sort_proxy.h"
#include "ui/connection/connection.h"

#include <QAction>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

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

} // namespace

class TestBrowserPane : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestServer> m_server;
    QNetworkAccessManager m_network;
    QStringList m_keys;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<ConnectionsModel> m_tree;
    std::unique_ptr<BrowserPane> m_pane;

    bool loaded() const { return !m_pane->objects()->isLoading(); }

    void typePath(const QString &path)
    {
        m_pane->pathAction()->trigger();
        QVERIFY(m_pane->pathBar()->hasFocus());
        QVERIFY(m_pane->pathBar()->selectedText() == m_pane->pathBar()->text());
        QTest::keyClicks(m_pane->pathBar(), path);
        QTest::keyClick(m_pane->pathBar(), Qt::Key_Return);
    }

    QStringList shownKeys() const
    {
        QStringList keys;
        for (int row = 0; row < m_pane->proxy()->rowCount(); ++row)
            keys.append(m_pane->proxy()->index(row, 0).data(ObjectListModel::KeyRole).toString());
        return keys;
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<test::TestServer>();
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->errorString()));
        client::S3Client seeder(m_server->clientConfig(), &m_network);
        m_keys = test::sampleTree();
        QVERIFY(test::seedBucket(&seeder, u"browse"_s, m_keys));
    }

    void init()
    {
        m_connection = std::make_unique<Connection>(profileFor(*m_server, u"Local"_s), test::kSecretKey);
        m_tree = std::make_unique<ConnectionsModel>();
        m_tree->addConnection(m_connection.get());
        m_pane = std::make_unique<BrowserPane>(m_tree.get());
        m_pane->resize(800, 600);
        m_pane->show();
        m_pane->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
        // Start at the bucket list, which loads through the tree.
        QVERIFY(m_pane->navigate(Location { m_connection->id(), {}, {} }));
        QTRY_COMPARE(m_pane->objects()->rowCount(), 1);
    }

    void cleanup()
    {
        m_pane.reset();
        m_tree.reset();
        m_connection.reset();
    }

    void pathBarNavigates_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("bucket") << u"browse"_s << u"browse"_s << QString();
        QTest::newRow("prefix") << u"browse/alpha/"_s << u"browse"_s << u"alpha/"_s;
        QTest::newRow("no trailing slash") << u"browse/alpha/deep"_s << u"browse"_s << u"alpha/deep/"_s;
        QTest::newRow("leading slash") << u"/browse/beta/"_s << u"browse"_s << u"beta/"_s;
        QTest::newRow("s3 URI") << u"s3://browse/beta"_s << u"browse"_s << u"beta/"_s;
    }

    void pathBarNavigates()
    {
        QFETCH(QString, typed);
        QFETCH(QString, bucket);
        QFETCH(QString, prefix);
        QSignalSpy moved(m_pane.get(), &BrowserPane::locationChanged);
        typePath(typed);
        QCOMPARE(moved.size(), 1);
        QCOMPARE(m_pane->location().bucket, bucket);
        QCOMPARE(m_pane->location().prefix, prefix);
        QCOMPARE(m_pane->pathBar()->text(), QString(bucket + u'/' + prefix));
        QTRY_VERIFY_WITH_TIMEOUT(loaded() && m_pane->objects()->pagesLoaded() == 1, 30000);
        QCOMPARE(shownKeys(), test::directFolders(m_keys, prefix) + test::directObjects(m_keys, prefix));
        QVERIFY(m_pane->errorText().isEmpty());
        QVERIFY2(m_pane->statusText().contains(QString::number(test::directObjects(m_keys, prefix).size())),
            qPrintable(m_pane->statusText()));
    }

    void badPathsSayWhy_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("uppercase bucket") << u"Browse/alpha/"_s << u"Browse"_s;
        QTest::newRow("too short") << u"ab/"_s << u"ab"_s;
        QTest::newRow("unknown bucket") << u"no-such-bucket/x/"_s << u"no-such-bucket"_s;
    }

    void badPathsSayWhy()
    {
        QFETCH(QString, typed);
        QFETCH(QString, mentions);
        typePath(u"browse/beta/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(), 30000);
        const Location before = m_pane->location();
        typePath(typed);
        QCOMPARE(m_pane->location(), before);
        const QString error = m_pane->errorText();
        QVERIFY2(error.contains(mentions) && error.size() > mentions.size() + 20, qPrintable(error));
        // Still usable: the next good path works and clears the message.
        typePath(u"browse/alpha/"_s);
        QCOMPARE(m_pane->location().prefix, u"alpha/"_s);
        QVERIFY(m_pane->errorText().isEmpty());
    }

    void keyboardOpensGoesUpAndBack()
    {
        typePath(u"browse"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded() && m_pane->objects()->rowCount() > 0, 30000);
        QTableView *view = m_pane->view();
        view->setFocus();
        // The first row is a folder (folders first): Enter opens it.
        view->setCurrentIndex(m_pane->proxy()->index(0, 0));
        QCOMPARE(view->currentIndex().data().toString(), u"alpha"_s);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(m_pane->location().prefix, u"alpha/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded() && m_pane->objects()->rowCount() > 0, 30000);
        view->setCurrentIndex(m_pane->proxy()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Enter);
        QCOMPARE(m_pane->location().prefix, u"alpha/deep/"_s);
        // Backspace goes up from the list; Alt+Up from anywhere in the window.
        QTest::keyClick(view, Qt::Key_Backspace);
        QCOMPARE(m_pane->location().prefix, u"alpha/"_s);
        m_pane->upAction()->trigger();
        QCOMPARE(m_pane->location().prefix, QString());
        QCOMPARE(m_pane->location().bucket, u"browse"_s);
        m_pane->backAction()->trigger();
        QCOMPARE(m_pane->location().prefix, u"alpha/"_s);
        // Backspace in the path bar edits the text, it does not navigate.
        m_pane->pathAction()->trigger();
        QTest::keyClick(m_pane->pathBar(), Qt::Key_End);
        QTest::keyClick(m_pane->pathBar(), Qt::Key_Backspace);
        QCOMPARE(m_pane->location().prefix, u"alpha/"_s);
        QCOMPARE(m_pane->pathBar()->text(), u"browse/alpha"_s);
    }

    void filterBoxFilters()
    {
        typePath(u"browse/alpha/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded() && !m_pane->objects()->hasMore(), 30000);
        m_pane->filterAction()->trigger();
        QVERIFY(m_pane->filterBox()->hasFocus());
        QTest::keyClicks(m_pane->filterBox(), u"PART-1"_s);
        QStringList expected;
        for (const QString &key : test::directObjects(m_keys, u"alpha/"_s)) {
            if (key.contains(u"part-1"_s))
                expected.append(key);
        }
        QCOMPARE(shownKeys(), expected);
        QVERIFY2(m_pane->statusText().contains(QString::number(expected.size())),
            qPrintable(m_pane->statusText()));
    }

    void refreshListsAgain()
    {
        typePath(u"browse/beta/"_s);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(), 30000);
        int lists = 0;
        connect(m_connection->client(), &client::S3Client::activity, this,
            [&](const client::HttpActivity &record) {
                lists += record.url.contains(u"list-type=2"_s) ? 1 : 0;
            });
        m_pane->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(lists == 1 && loaded(), 30000);
        QCOMPARE(m_pane->objects()->rowCount(), 12);
    }

    void serverRefusalShowsInTheBannerAndThePaneStaysUsable()
    {
        // A connection whose secret the server does not accept (403).
        Connection wrong(profileFor(*m_server, u"Wrong key"_s), "wrong-secret");
        m_tree->addConnection(&wrong);
        QVERIFY(m_pane->navigate(Location { wrong.id(), u"browse"_s, {} }));
        QTRY_VERIFY_WITH_TIMEOUT(!m_pane->errorText().isEmpty(), 30000);
        const QString error = m_pane->errorText();
        QVERIFY2(error.size() > 20 && error.contains(u' '), qPrintable(error));
        QCOMPARE(m_pane->objects()->rowCount(), 0);
        // Back to the working connection: it lists, and the banner is gone.
        QVERIFY(m_pane->navigate(Location { m_connection->id(), u"browse"_s, u"beta/"_s }));
        QVERIFY(m_pane->errorText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->objects()->rowCount(), 12, 30000);
        m_tree->removeConnection(&wrong);
    }
};

QTEST_MAIN(TestBrowserPane)
#include "tst_browser_pane.moc"
