// The Transfers pane offscreen against the embedded server: its actions follow the
// selection, act on the selected jobs, clear finished rows, open the local folder, and the
// interrupted bar appears after a restart and resumes on request.

#include "transfers_fixture.h"

#include "ui/transfers/interrupted_bar.h"
#include "ui/transfers/transfer_center.h"
#include "ui/transfers/transfer_filter_proxy.h"
#include "ui/transfers/transfer_list_model.h"
#include "ui/transfers/transfers_pane.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using transfer::JobState;

// Receives what QDesktopServices would hand to the file manager.
class FolderOpener : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl &url) { opened.append(url); }
};

class TestTransfersPane : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void actionsFollowTheSelection();
    void clearFinishedKeepsTheRest();
    void openContainingFolder();
    void filterBoxFiltersTheView();
    void interruptedBarOffersToResume();
    void everyActionIsNamed();

private:
    transfer::TransferJob *upload(TransferCenter &center, const QString &name, qint64 size);
    void select(TransfersPane &pane, const transfer::TransferJob *job);

    std::unique_ptr<test::TransfersFixture> m_fixture;
};

void TestTransfersPane::init()
{
    m_fixture = std::make_unique<test::TransfersFixture>();
    QVERIFY(m_fixture->start());
}

void TestTransfersPane::cleanup()
{
    m_fixture.reset();
}

transfer::TransferJob *TestTransfersPane::upload(TransferCenter &center, const QString &name, qint64 size)
{
    const QString file = m_fixture->writeFile(name, size);
    return center.queue()->add(std::make_unique<transfer::UploadFileJob>(
        file, transfer::ObjectLocation { test::kConnection, test::kBucket, name }));
}

void TestTransfersPane::select(TransfersPane &pane, const transfer::TransferJob *job)
{
    const int sourceRow = pane.model()->rowOf(job);
    QVERIFY(sourceRow >= 0);
    const QModelIndex index = pane.proxy()->mapFromSource(pane.model()->index(sourceRow, 0));
    pane.view()->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void TestTransfersPane::actionsFollowTheSelection()
{
    auto center = m_fixture->makeCenter(test::slowSettings());
    TransfersPane pane(center.get());
    pane.show();
    transfer::TransferJob *job = upload(*center, u"slow.bin"_s, 16 * transfer::kMiB);
    QVERIFY(!pane.pauseAction()->isEnabled()); // nothing selected
    select(pane, job);
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Running, 30'000);
    QTRY_VERIFY(pane.pauseAction()->isEnabled());
    QVERIFY(!pane.resumeAction()->isEnabled());
    QVERIFY(!pane.retryAction()->isEnabled());
    QVERIFY(pane.cancelAction()->isEnabled());

    pane.pauseAction()->trigger();
    QCOMPARE(job->state(), JobState::Paused);
    QTRY_VERIFY(pane.resumeAction()->isEnabled());
    QVERIFY(!pane.pauseAction()->isEnabled());

    pane.resumeAction()->trigger();
    QVERIFY(job->state() == JobState::Queued || job->state() == JobState::Running);

    pane.cancelAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Cancelled, 30'000);
    QTRY_VERIFY(!pane.cancelAction()->isEnabled());
}

void TestTransfersPane::clearFinishedKeepsTheRest()
{
    auto center = m_fixture->makeCenter();
    TransfersPane pane(center.get());
    transfer::TransferJob *done = upload(*center, u"done.bin"_s, 2000);
    transfer::TransferJob *held = upload(*center, u"held.bin"_s, 2000);
    held->pause();
    QTRY_COMPARE_WITH_TIMEOUT(done->state(), JobState::Completed, 30'000);
    QCOMPARE(pane.model()->rowCount(), 2);
    pane.clearFinishedAction()->trigger();
    QCOMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->jobAt(0), held);
    QCOMPARE(center->queue()->jobs().size(), 1);
}

void TestTransfersPane::openContainingFolder()
{
    FolderOpener opener;
    QDesktopServices::setUrlHandler(u"file"_s, &opener, "open");
    auto center = m_fixture->makeCenter();
    TransfersPane pane(center.get());
    transfer::TransferJob *job = upload(*center, u"here.bin"_s, 2000);
    select(pane, job);
    QVERIFY(pane.openFolderAction()->isEnabled());
    pane.openFolderAction()->trigger();
    QDesktopServices::unsetUrlHandler(u"file"_s);
    QCOMPARE(opener.opened.size(), 1);
    QCOMPARE(opener.opened.first().toLocalFile(), QFileInfo(m_fixture->path(u"here.bin"_s)).absolutePath());
}

void TestTransfersPane::filterBoxFiltersTheView()
{
    auto center = m_fixture->makeCenter();
    TransfersPane pane(center.get());
    transfer::TransferJob *done = upload(*center, u"done.bin"_s, 2000);
    upload(*center, u"held.bin"_s, 2000)->pause();
    QTRY_COMPARE_WITH_TIMEOUT(done->state(), JobState::Completed, 30'000);
    QCOMPARE(pane.view()->model()->rowCount(), 2);
    pane.filterBox()->setCurrentIndex(
        pane.filterBox()->findData(QVariant::fromValue(TransferFilterProxy::Filter::Active)));
    QCOMPARE(pane.proxy()->filter(), TransferFilterProxy::Filter::Active);
    QCOMPARE(pane.view()->model()->rowCount(), 1);
    QCOMPARE(pane.view()->model()->index(0, TransferListModel::NameColumn).data().toString(), u"held.bin"_s);
}

void TestTransfersPane::interruptedBarOffersToResume()
{
    {
        auto center = m_fixture->makeCenter(test::slowSettings());
        transfer::TransferJob *a = upload(*center, u"a.bin"_s, 12 * transfer::kMiB);
        transfer::TransferJob *b = upload(*center, u"b.bin"_s, 12 * transfer::kMiB);
        QTRY_VERIFY_WITH_TIMEOUT(a->progress().bytesDone > 0 && b->progress().bytesDone > 0, 30'000);
    } // the app goes away mid-transfer

    auto center = m_fixture->makeCenter();
    TransfersPane pane(center.get());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QVERIFY(pane.interruptedBar()->isVisible());
    QVERIFY2(
        pane.interruptedBar()->text().contains(u"2 transfer"_s), qPrintable(pane.interruptedBar()->text()));
    for (transfer::TransferJob *job : center->queue()->jobs())
        QCOMPARE(job->state(), JobState::Paused);

    QTest::mouseClick(pane.interruptedBar()->resumeButton(), Qt::LeftButton);
    QVERIFY(!pane.interruptedBar()->isVisible());
    for (transfer::TransferJob *job : center->queue()->jobs())
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Completed, 60'000);
    for (const QString &name : { u"a.bin"_s, u"b.bin"_s })
        QVERIFY(m_fixture->objectMatchesFile(name));
}

void TestTransfersPane::everyActionIsNamed()
{
    auto center = m_fixture->makeCenter();
    TransfersPane pane(center.get());
    const QList<QAction *> actions { pane.pauseAction(), pane.resumeAction(), pane.retryAction(),
        pane.cancelAction(), pane.openFolderAction(), pane.pauseAllAction(), pane.resumeAllAction(),
        pane.cancelAllAction(), pane.clearFinishedAction() };
    QSet<QKeySequence> shortcuts;
    for (QAction *action : actions) {
        QVERIFY(!action->text().isEmpty());
        QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->text()));
        QVERIFY(!action->objectName().isEmpty());
        QCOMPARE(action->shortcutContext(), Qt::WidgetWithChildrenShortcut);
        if (!action->shortcut().isEmpty()) {
            QVERIFY2(!shortcuts.contains(action->shortcut()), qPrintable(action->text()));
            shortcuts.insert(action->shortcut());
        }
    }
    QVERIFY(!pane.view()->accessibleName().isEmpty());
    QVERIFY(!pane.filterBox()->accessibleName().isEmpty());
}

QTEST_MAIN(TestTransfersPane)
#include "tst_transfers_pane.moc"
