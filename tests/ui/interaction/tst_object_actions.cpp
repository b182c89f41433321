// The browser's editing actions and keyboard against the embedded server: new folder,
// rename, delete after a counted confirmation, copy and paste between prefixes,
// properties read back with HeadObject, and every shortcut reaching its action.
#include "browser_fixture.h"

#include "ui/interaction/properties_dialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

class TestObjectActions : public QObject
{
    Q_OBJECT

private:
    test::BrowserFixture m_fixture;

    template<typename Dialog> Dialog *openDialog(const QString &objectName)
    {
        Dialog *found = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            found = m_fixture.pane->findChild<Dialog *>(objectName);
            return found && found->isVisible();
        });
        return shown ? found : nullptr;
    }

    void closeDialogs()
    {
        for (QDialog *dialog : m_fixture.pane->findChildren<QDialog *>())
            dialog->reject();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.startServer(), qPrintable(m_fixture.server->errorString()));
        QVERIFY(m_fixture.makeBucket(u"edits"_s,
            {
                { u"docs/readme.txt"_s, "read me" },
                { u"docs/old/a.txt"_s, "a" },
                { u"docs/old/b/c.txt"_s, "c" },
                { u"trash/one.txt"_s, "1" },
                { u"trash/two.txt"_s, "2" },
                { u"trash/sub/three.txt"_s, "3" },
                { u"trash/sub/four.txt"_s, "4" },
                { u"trash/sub/deeper/five.txt"_s, "5" },
                { u"clip/from/photo.jpg"_s, "jpeg bytes" },
                { u"clip/to/.keep"_s, {} },
                { u"props/page.html"_s, "<p>hi</p>" },
                { u"keys/k.txt"_s, "k" },
                { u"keys/folder/x.txt"_s, "x" },
            }));
    }

    void init() { QVERIFY(m_fixture.openPane()); }

    void cleanup()
    {
        closeDialogs();
        m_fixture.closePane();
    }

    void newFolderCreatesAZeroByteMarker()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"docs/"_s));
        m_fixture.actions()->newFolderAction()->trigger();
        auto *dialog = openDialog<QInputDialog>(u"newFolderDialog"_s);
        QVERIFY(dialog);
        dialog->setTextValue(u"fresh"_s);
        dialog->accept();
        QTRY_VERIFY(m_fixture.exists(u"edits"_s, u"docs/fresh/"_s));
        QCOMPARE(m_fixture.get(u"edits"_s, u"docs/fresh/"_s), std::optional(QByteArray()));
        QTRY_VERIFY(m_fixture.shownKeys().contains(u"docs/fresh/"_s));
    }

    void newFolderRefusesASlash()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"docs/"_s));
        m_fixture.actions()->newFolderAction()->trigger();
        auto *dialog = openDialog<QInputDialog>(u"newFolderDialog"_s);
        QVERIFY(dialog);
        dialog->setTextValue(u"a/b"_s);
        dialog->accept();
        QVERIFY(!m_fixture.pane->errorText().isEmpty());
        QVERIFY(!m_fixture.exists(u"edits"_s, u"docs/a/b/"_s));
    }

    void renameMovesTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("newName");
        QTest::addColumn<QStringList>("expected"); // keys under the new name afterwards
        QTest::newRow("object") << u"docs/readme.txt"_s << u"README.md"_s
                                << QStringList { u"docs/README.md"_s };
        QTest::newRow("folder") << u"docs/old/"_s << u"archive"_s
                                << QStringList { u"docs/archive/a.txt"_s, u"docs/archive/b/c.txt"_s };
    }

    void renameMovesTheKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, newName);
        QFETCH(QStringList, expected);
        const QStringList before = m_fixture.keys(u"edits"_s, key);
        QVERIFY(!before.isEmpty());
        QVERIFY(m_fixture.show(u"edits"_s, u"docs/"_s));
        QVERIFY(m_fixture.select({ key }));
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_F2);
        auto *dialog = openDialog<QInputDialog>(u"renameDialog"_s);
        QVERIFY(dialog);
        QCOMPARE(dialog->textValue(), key.section(u'/', -1, -1, QString::SectionSkipEmpty));
        dialog->setTextValue(newName);
        dialog->accept();
        QVERIFY(m_fixture.allJobsCompleted());
        for (const QString &moved : expected)
            QVERIFY2(m_fixture.exists(u"edits"_s, moved), qPrintable(moved));
        QCOMPARE(m_fixture.keys(u"edits"_s, key), QStringList());
        QTRY_VERIFY(!m_fixture.shownKeys().contains(key));
    }

    void deleteCountsThenDeletes()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"trash/"_s));
        QVERIFY(m_fixture.select({ u"trash/one.txt"_s, u"trash/sub/"_s }));
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_Delete);
        auto *box = openDialog<QMessageBox>(u"deleteConfirmation"_s);
        QVERIFY(box);
        // one.txt plus the three objects under sub/.
        QVERIFY2(box->text().contains(u"4 object"_s), qPrintable(box->text()));
        QVERIFY(m_fixture.exists(u"edits"_s, u"trash/one.txt"_s)); // nothing before the answer
        QAbstractButton *confirm = nullptr;
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                confirm = button;
        QVERIFY(confirm);
        confirm->click();
        QTRY_COMPARE(m_fixture.keys(u"edits"_s, u"trash/sub/"_s), QStringList());
        QTRY_VERIFY(!m_fixture.exists(u"edits"_s, u"trash/one.txt"_s));
        QVERIFY(m_fixture.exists(u"edits"_s, u"trash/two.txt"_s)); // not selected, kept
        QTRY_VERIFY(!m_fixture.shownKeys().contains(u"trash/one.txt"_s));
    }

    void deleteDeclinedKeepsEverything()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"trash/"_s));
        QVERIFY(m_fixture.select({ u"trash/two.txt"_s }));
        m_fixture.actions()->deleteAction()->trigger();
        auto *box = openDialog<QMessageBox>(u"deleteConfirmation"_s);
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_fixture.pane->findChild<QMessageBox *>(u"deleteConfirmation"_s));
        QVERIFY(m_fixture.exists(u"edits"_s, u"trash/two.txt"_s));
    }

    void copyAndPasteBetweenPrefixes()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"clip/from/"_s));
        QVERIFY(m_fixture.select({ u"clip/from/photo.jpg"_s }));
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_C, Qt::ControlModifier);
        QVERIFY(m_fixture.show(u"edits"_s, u"clip/to/"_s));
        m_fixture.pane->view()->setFocus();
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_V, Qt::ControlModifier);
        QVERIFY(m_fixture.allJobsCompleted());
        QCOMPARE(m_fixture.get(u"edits"_s, u"clip/to/photo.jpg"_s), std::optional(QByteArray("jpeg bytes")));
        QVERIFY(m_fixture.exists(u"edits"_s, u"clip/from/photo.jpg"_s)); // a copy, not a move
        QTRY_VERIFY(m_fixture.shownKeys().contains(u"clip/to/photo.jpg"_s));
    }

    void propertiesAreStoredWithReplace()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"props/"_s));
        QVERIFY(m_fixture.select({ u"props/page.html"_s }));
        m_fixture.actions()->propertiesAction()->trigger();
        auto *dialog = openDialog<PropertiesDialog>(u"propertiesDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isLoaded());
        dialog->contentTypeEdit()->setText(u"text/html; charset=utf-8"_s);
        dialog->cacheControlEdit()->setText(u"max-age=60"_s);
        dialog->setMetadata({ { u"owner"_s, u"ann"_s }, { u"reviewed"_s, u"yes"_s } });
        QSignalSpy applied(dialog, &PropertiesDialog::applied);
        dialog->apply();
        QVERIFY(applied.wait());
        const auto head = m_fixture.wait(
            m_fixture.store->headObject({ .bucket = u"edits"_s, .key = u"props/page.html"_s }));
        QVERIFY(head && head->ok());
        QCOMPARE(head->value().contentType, u"text/html; charset=utf-8"_s);
        QCOMPARE(head->value().cacheControl, u"max-age=60"_s);
        QVERIFY(head->value().metadata.contains(std::pair(u"owner"_s, u"ann"_s)));
        QVERIFY(head->value().metadata.contains(std::pair(u"reviewed"_s, u"yes"_s)));
        QCOMPARE(m_fixture.get(u"edits"_s, u"props/page.html"_s), std::optional(QByteArray("<p>hi</p>")));
    }

    void shortcutsTriggerTheirActions_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<QString>("action"); // objectName, in the pane
        QTest::newRow("Delete") << int(Qt::Key_Delete) << 0 << u"delete"_s;
        QTest::newRow("F2") << int(Qt::Key_F2) << 0 << u"rename"_s;
        QTest::newRow("F5") << int(Qt::Key_F5) << 0 << u"refresh"_s;
        QTest::newRow("Ctrl+L") << int(Qt::Key_L) << int(Qt::ControlModifier) << u"editPath"_s;
        QTest::newRow("Ctrl+F") << int(Qt::Key_F) << int(Qt::ControlModifier) << u"editFilter"_s;
        QTest::newRow("Ctrl+C") << int(Qt::Key_C) << int(Qt::ControlModifier) << u"copy"_s;
        QTest::newRow("Ctrl+V") << int(Qt::Key_V) << int(Qt::ControlModifier) << u"paste"_s;
        QTest::newRow("Alt+Up") << int(Qt::Key_Up) << int(Qt::AltModifier) << u"goUp"_s;
    }

    void shortcutsTriggerTheirActions()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QFETCH(QString, action);
        QVERIFY(m_fixture.show(u"edits"_s, u"keys/"_s));
        QVERIFY(m_fixture.select({ u"keys/k.txt"_s }));
        auto *target = m_fixture.pane->findChild<QAction *>(action);
        QVERIFY2(target, qPrintable(action));
        QVERIFY(!target->text().isEmpty());
        QVERIFY(!target->toolTip().isEmpty()); // what a screen reader says
        QSignalSpy triggered(target, &QAction::triggered);
        QTest::keyClick(m_fixture.pane->view(), Qt::Key(key), Qt::KeyboardModifiers(modifiers));
        QCOMPARE(triggered.size(), 1);
    }

    void enterOpensAPrefixAndBackspaceGoesUp()
    {
        QVERIFY(m_fixture.show(u"edits"_s, u"keys/"_s));
        QVERIFY(m_fixture.select({ u"keys/folder/"_s }));
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_Return);
        QCOMPARE(m_fixture.pane->location().prefix, u"keys/folder/"_s);
        QTRY_VERIFY(m_fixture.shownKeys().contains(u"keys/folder/x.txt"_s));
        m_fixture.pane->view()->setFocus();
        QTest::keyClick(m_fixture.pane->view(), Qt::Key_Backspace);
        QCOMPARE(m_fixture.pane->location().prefix, u"keys/"_s);
    }
};

QTEST_MAIN(TestObjectActions)
#include "tst_object_actions.moc"
