#include "ui/main_window.h"

#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CofferTest"_s);
        QCoreApplication::setApplicationName(u"tst_main_window"_s);
        QSettings().clear();
    }

    void showsMenusAndEmptyState()
    {
        coffer::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"Coffer"_s);
        QVERIFY(window.findChild<QMenu *>(u"fileMenu"_s));
        QVERIFY(window.findChild<QMenu *>(u"helpMenu"_s));
        QVERIFY(window.findChild<QWidget *>(u"emptyState"_s));
        QVERIFY(!window.windowIcon().isNull());
    }

    void remembersGeometryAcrossRestarts()
    {
        {
            coffer::ui::MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(640, 480);
            QTRY_COMPARE(window.size(), QSize(640, 480));
            window.close();
        }
        coffer::ui::MainWindow again;
        QCOMPARE(again.size(), QSize(640, 480));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
