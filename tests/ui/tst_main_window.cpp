// The main window: first run, "Try it offline", remembered state and accessibility.
#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/connection/connection.h"
#include "ui/connection/local_server_status.h"
#include "ui/connection/local_session.h"
#include "ui/main_window.h"
#include "ui/welcome/welcome_page.h"
#include "ui/activity/activity_model.h"
#include "ui/activity/activity_pane.h"
#include "ui/inspector/object_inspector.h"

#include <QAccessible>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_localData;

    MainWindowOptions options(bool local = false) const
    {
        MainWindowOptions o;
        o.startLocalServer = local;
        o.localServerDirectory = m_localData.path();
        o.useKeychain = false; // no keychain in the test environment: keys in the folder
        return o;
    }

    static bool sampleLoaded(const MainWindow &window)
    {
        const ObjectListModel *objects = window.browser()->objects();
        return window.browser()->location().bucket == u"sample"_s && !objects->isLoading()
            && objects->pagesLoaded() > 0;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CofferTest"_s);
        QCoreApplication::setApplicationName(u"tst_main_window"_s);
        QSettings().clear();
    }

    void firstRunOffersTheLocalServer()
    {
        MainWindow window(options());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"Coffer"_s);
        QVERIFY(window.findChild<QMenu *>(u"fileMenu"_s));
        QVERIFY(window.findChild<QMenu *>(u"helpMenu"_s));
        QVERIFY(!window.windowIcon().isNull());
        QVERIFY(window.welcomePage()->isVisible());
        QVERIFY(!window.welcomePage()->addConnectionButton()->isEnabled());
        QVERIFY(!window.welcomePage()->addConnectionButton()->toolTip().isEmpty());
        // The inspector on the right; activity and transfers tabbed below.
        for (const QString &dock : { u"inspectorDock"_s, u"activityDock"_s, u"transfersDock"_s })
            QVERIFY2(window.findChild<QDockWidget *>(dock), qPrintable(dock));
        QCOMPARE(window.dockWidgetArea(window.findChild<QDockWidget *>(u"inspectorDock"_s)),
            Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(window.findChild<QDockWidget *>(u"activityDock"_s)),
            Qt::BottomDockWidgetArea);

        QTest::mouseClick(window.welcomePage()->tryLocalButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
        QVERIFY(!window.welcomePage()->isVisible());
        QVERIFY(window.browser()->isVisible());
        QStringList shown;
        for (int row = 0; row < window.browser()->objects()->rowCount(); ++row)
            shown.append(window.browser()->objects()->keyAt(row));
        QVERIFY2(shown.contains(u"README.txt"_s) && shown.contains(u"docs/"_s), qPrintable(shown.join(u' ')));
        // The tree holds the local connection and the status bar says the server runs.
        QCOMPARE(window.connections()->rowCount(), 1);
        QCOMPARE(window.connections()->index(0, 0).data().toString(),
            window.localSession()->connection()->displayName());
        auto *status = window.findChild<LocalServerStatus *>();
        QVERIFY(status);
        QVERIFY2(status->text().contains(window.localSession()->server()->endpointUrl()),
            qPrintable(status->text()));
        auto *current = window.findChild<QLabel *>(u"connectionStatus"_s);
        QVERIFY2(current->text().contains(window.localSession()->connection()->displayName()),
            qPrintable(current->text()));
    }

    void remembersTheLastLocation()
    {
        {
            MainWindow window(options(true));
            window.show();
            QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
            QVERIFY(window.browser()->navigateToPath(u"sample/docs/"_s));
            QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
            window.close();
        }
        MainWindow again(options(true));
        again.show();
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(again), 30000);
        QCOMPARE(again.browser()->location().prefix, u"docs/"_s);
        QCOMPARE(again.browser()->objects()->keyAt(0), u"docs/guides/"_s);
    }

    void shortcutsReachTheBrowser()
    {
        MainWindow window(options(true));
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
        window.browser()->view()->setFocus();
        QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(window.browser()->pathBar()->hasFocus());
        QTest::keySequence(&window, QKeySequence::Find);
        QVERIFY(window.browser()->filterBox()->hasFocus());
    }

    void docksFollowTheBrowser()
    {
        MainWindow window(options(true));
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
        QVERIFY(window.browser()->navigateToPath(u"sample/"_s)); // an earlier test left it in docs/
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window) && window.browser()->location().prefix.isEmpty(), 30000);
        // The listing that filled the view went through the client the Activity dock logs.
        QTRY_VERIFY(window.activity()->model()->rowCount() > 0);
        QCOMPARE(window.activity()->client(), window.localSession()->connection()->client());

        ObjectListModel *objects = window.browser()->objects();
        int readme = -1;
        for (int row = 0; row < objects->rowCount(); ++row) {
            if (objects->keyAt(row) == u"README.txt"_s)
                readme = row;
        }
        QVERIFY(readme >= 0);
        QTableView *view = window.browser()->view();
        const QModelIndex proxyRow = view->model()->index(0, 0).isValid()
            ? view->model()->match(view->model()->index(0, 0), Qt::DisplayRole, u"README.txt"_s, 1,
                                   Qt::MatchExactly).value(0)
            : QModelIndex();
        QVERIFY(proxyRow.isValid());
        view->selectionModel()->select(proxyRow, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_COMPARE(window.inspector()->key(), u"README.txt"_s);
        QCOMPARE(window.inspector()->client(), window.localSession()->connection()->client());

        // A folder selected: the inspector shows no object.
        const QModelIndex folder = view->model()->match(view->model()->index(0, 0), Qt::DisplayRole, u"docs"_s, 1,
                                                        Qt::MatchStartsWith).value(0);
        QVERIFY(folder.isValid());
        view->selectionModel()->select(folder, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(window.inspector()->key().isEmpty());
    }

    void everyControlHasAnAccessibleName()
    {
        MainWindow window(options(true));
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(sampleLoaded(window), 30000);
        const QList<QWidget *> widgets = window.findChildren<QWidget *>();
        int checked = 0;
        for (QWidget *widget : widgets) {
            if (!widget->isVisible() || !(widget->focusPolicy() & Qt::TabFocus))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            QVERIFY(accessible);
            QVERIFY2(!accessible->text(QAccessible::Name).isEmpty(),
                qPrintable(u"%1 (%2) has no accessible name"_s.arg(
                    widget->objectName(), QString::fromLatin1(widget->metaObject()->className()))));
            ++checked;
        }
        QVERIFY(checked >= 4); // tree, list, path bar, filter box at least
    }

    void remembersGeometryAcrossRestarts()
    {
        {
            MainWindow window(options());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(640, 480);
            QTRY_COMPARE(window.size(), QSize(640, 480));
            window.close();
        }
        MainWindow again(options());
        QCOMPARE(again.size(), QSize(640, 480));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
