// Drag and drop in the browser as a person does it, with real QDropEvents on the object
// list and the connections tree: files from the file manager become uploads with the
// same bytes on the server, a drop of many files asks first, and objects dragged inside
// the app move (or, with the copy modifier, copy).
#include "browser_fixture.h"

#include "ui/interaction/browser_drag_drop.h"
#include "ui/interaction/object_selection.h"

#include <QAbstractButton>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

namespace {

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator { quint32(size) };
    for (char &byte : bytes)
        byte = char(generator.bounded(256));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Sends a drop of data at position on widget, as the platform delivers one.
bool dropOn(QWidget *widget, const QPoint &position, QMimeData *data, Qt::DropAction action)
{
    QDragEnterEvent enter(position, Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(widget, &enter);
    QDragMoveEvent move(position, Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    move.setDropAction(action);
    QCoreApplication::sendEvent(widget, &move);
    QDropEvent drop(position, Qt::CopyAction | Qt::MoveAction, data, Qt::LeftButton, Qt::NoModifier);
    drop.setDropAction(action);
    QCoreApplication::sendEvent(widget, &drop);
    return drop.isAccepted();
}

// A point in the list below every row: the prefix shown, not a folder.
QPoint emptySpot(QTableView *view)
{
    return QPoint(view->viewport()->width() / 2, view->viewport()->height() - 4);
}

} // namespace

class TestBrowserDragDrop : public QObject
{
    Q_OBJECT

private:
    test::BrowserFixture m_fixture;
    QTemporaryDir m_files;
    QList<QList<transfer::JobState>> m_states; // per job added, every state it went through

    void recordStates()
    {
        connect(m_fixture.queue.get(), &transfer::TransferQueue::jobAdded, this,
            [this](transfer::TransferJob *job) {
                const qsizetype slot = m_states.size();
                m_states.append({ job->state() });
                connect(job, &transfer::TransferJob::stateChanged, this,
                    [this, slot](transfer::JobState state) { m_states[slot].append(state); });
            });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QVERIFY2(m_fixture.startServer(), qPrintable(m_fixture.server->errorString()));
        QVERIFY(
            m_fixture.makeBucket(u"drops"_s, { { u"in/.keep"_s, {} }, { u"target/seed.txt"_s, "seed" } }));
        QVERIFY(m_fixture.makeBucket(u"moves"_s,
            { { u"src/a.txt"_s, "alpha" }, { u"src/b.txt"_s, "bravo" }, { u"dst/keep.txt"_s, "keep" } }));
    }

    void init()
    {
        QVERIFY(m_fixture.openPane());
        m_states.clear();
        recordStates();
    }

    void cleanup() { m_fixture.closePane(); }

    void filesDroppedOnListAreUploaded()
    {
        // A folder with nested files, and a single file beside it.
        const QString folder = m_files.filePath(u"album"_s);
        const QMap<QString, QByteArray> tree {
            { u"cover.txt"_s, "front cover" },
            { u"disc1/track01.bin"_s, randomBytes(200'000) },
            { u"disc1/deep/notes.md"_s, "# notes\n" },
            { u"disc2/track01.bin"_s, randomBytes(70'001) },
        };
        for (auto it = tree.cbegin(); it != tree.cend(); ++it)
            QVERIFY(writeFile(folder + u'/' + it.key(), it.value()));
        const QString single = m_files.filePath(u"single.dat"_s);
        const QByteArray singleBytes = randomBytes(123'457);
        QVERIFY(writeFile(single, singleBytes));

        QVERIFY(m_fixture.show(u"drops"_s, u"in/"_s));
        auto *data = new QMimeData;
        data->setUrls({ QUrl::fromLocalFile(folder), QUrl::fromLocalFile(single) });
        std::unique_ptr<QMimeData> owner(data);
        QVERIFY(dropOn(
            m_fixture.pane->view()->viewport(), emptySpot(m_fixture.pane->view()), data, Qt::CopyAction));

        QTRY_COMPARE(m_fixture.queue->jobs().size(), 2);
        QVERIFY(m_fixture.allJobsCompleted());
        for (const QList<transfer::JobState> &states : std::as_const(m_states)) {
            QCOMPARE(states.first(), transfer::JobState::Queued);
            QVERIFY(states.contains(transfer::JobState::Running));
            QCOMPARE(states.last(), transfer::JobState::Completed);
        }
        for (auto it = tree.cbegin(); it != tree.cend(); ++it)
            QCOMPARE(m_fixture.get(u"drops"_s, u"in/album/"_s + it.key()), std::optional(it.value()));
        QCOMPARE(m_fixture.get(u"drops"_s, u"in/single.dat"_s), std::optional(singleBytes));
        // The list shows what arrived.
        QTRY_VERIFY(m_fixture.shownKeys().contains(u"in/album/"_s));
        QVERIFY(m_fixture.shownKeys().contains(u"in/single.dat"_s));
    }

    void fileDroppedOnFolderRowGoesIntoIt()
    {
        const QString file = m_files.filePath(u"row.txt"_s);
        QVERIFY(writeFile(file, "dropped on a row"));
        QVERIFY(m_fixture.show(u"drops"_s));
        const QModelIndex row = m_fixture.rowOf(u"target/"_s);
        QVERIFY(row.isValid());
        auto data = std::make_unique<QMimeData>();
        data->setUrls({ QUrl::fromLocalFile(file) });
        QTableView *view = m_fixture.pane->view();
        QVERIFY(dropOn(view->viewport(), view->visualRect(row).center(), data.get(), Qt::CopyAction));
        QVERIFY(m_fixture.allJobsCompleted());
        QCOMPARE(
            m_fixture.get(u"drops"_s, u"target/row.txt"_s), std::optional(QByteArray("dropped on a row")));
    }

    void fileDroppedOnTreeNodeGoesToThatPrefix()
    {
        const QString file = m_files.filePath(u"tree.txt"_s);
        QVERIFY(writeFile(file, "dropped on the tree"));
        QVERIFY(m_fixture.show(u"drops"_s, u"in/"_s));
        QTreeView treeView;
        treeView.setModel(m_fixture.tree.get());
        m_fixture.pane->acceptDropsOn(&treeView);
        treeView.resize(300, 400);
        treeView.show();
        QVERIFY(QTest::qWaitForWindowExposed(&treeView));
        const QModelIndex bucket
            = m_fixture.tree->indexOf(Location { m_fixture.connection->id(), u"drops"_s, {} });
        QVERIFY(bucket.isValid());
        treeView.expand(m_fixture.tree->index(0, 0));
        treeView.expand(bucket);
        const Location target { m_fixture.connection->id(), u"drops"_s, u"target/"_s };
        QTRY_VERIFY(m_fixture.tree->indexOf(target).isValid());
        const QModelIndex node = m_fixture.tree->indexOf(target);
        auto data = std::make_unique<QMimeData>();
        data->setUrls({ QUrl::fromLocalFile(file) });
        QVERIFY(dropOn(treeView.viewport(), treeView.visualRect(node).center(), data.get(), Qt::CopyAction));
        QVERIFY(m_fixture.allJobsCompleted());
        QCOMPARE(m_fixture.get(u"drops"_s, u"target/tree.txt"_s),
            std::optional(QByteArray("dropped on the tree")));
        // Not where the pane was.
        QVERIFY(!m_fixture.exists(u"drops"_s, u"in/tree.txt"_s));
    }

    void largeDropAsksFirst_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::newRow("declined") << false;
        QTest::newRow("accepted") << true;
    }

    void largeDropAsksFirst()
    {
        QFETCH(bool, accept);
        const QString folder = m_files.filePath(u"many-%1"_s.arg(accept));
        const int count = 1001;
        for (int i = 0; i < count; ++i)
            QVERIFY(writeFile(folder + u"/f%1.txt"_s.arg(i), "x"));
        QVERIFY(m_fixture.show(u"drops"_s, u"in/"_s));
        BrowserDragDrop *dragDrop = m_fixture.actions()->dragDrop();
        QSignalSpy counted(dragDrop, &BrowserDragDrop::dropCounted);
        auto data = std::make_unique<QMimeData>();
        data->setUrls({ QUrl::fromLocalFile(folder) });
        QVERIFY(dropOn(m_fixture.pane->view()->viewport(), emptySpot(m_fixture.pane->view()), data.get(),
            Qt::CopyAction));

        QTRY_COMPARE_WITH_TIMEOUT(counted.size(), 1, 30'000);
        QCOMPARE(counted.first().at(0).toLongLong(), qint64(count));
        QCOMPARE(counted.first().at(1).toLongLong(), qint64(count));
        QTRY_VERIFY(dragDrop->pendingConfirmation());
        QMessageBox *box = dragDrop->pendingConfirmation();
        QVERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QLocale().toString(count)), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QLocale().formattedDataSize(count)), qPrintable(box->text()));
        QCOMPARE(m_fixture.queue->jobs().size(), 0); // nothing before the answer

        QAbstractButton *answer = nullptr;
        for (QAbstractButton *button : box->buttons())
            if (box->buttonRole(button) == (accept ? QMessageBox::AcceptRole : QMessageBox::RejectRole))
                answer = button;
        QVERIFY(answer);
        answer->click();
        QTRY_VERIFY(!dragDrop->pendingConfirmation());
        if (accept) {
            QTRY_COMPARE(m_fixture.queue->jobs().size(), 1);
            m_fixture.queue->cancelAll(); // a thousand tiny uploads prove nothing more
        } else {
            QTest::qWait(0);
            QCOMPARE(m_fixture.queue->jobs().size(), 0);
        }
    }

    void objectsDraggedInsideTheApp_data()
    {
        QTest::addColumn<Qt::DropAction>("action");
        QTest::addColumn<bool>("sourceRemains");
        QTest::newRow("move") << Qt::MoveAction << false;
        QTest::newRow("copy modifier") << Qt::CopyAction << true;
    }

    void objectsDraggedInsideTheApp()
    {
        QFETCH(Qt::DropAction, action);
        QFETCH(bool, sourceRemains);
        const QString key = action == Qt::MoveAction ? u"src/a.txt"_s : u"src/b.txt"_s;
        const QByteArray bytes = *m_fixture.get(u"moves"_s, key);
        QVERIFY(m_fixture.show(u"moves"_s));
        // What the list's drag carries: the pane's own mime data for the selected key.
        std::unique_ptr<QMimeData> data(m_fixture.actions()->dragDrop()->dragData(
            Location { m_fixture.connection->id(), u"moves"_s, u"src/"_s }, { key }));
        QVERIFY(ObjectSelection::readFrom(data.get()).has_value());
        QTableView *view = m_fixture.pane->view();
        const QModelIndex destination = m_fixture.rowOf(u"dst/"_s);
        QVERIFY(destination.isValid());
        QVERIFY(dropOn(view->viewport(), view->visualRect(destination).center(), data.get(), action));
        QVERIFY(m_fixture.allJobsCompleted());
        const QString moved = u"dst/"_s + key.mid(4);
        QCOMPARE(m_fixture.get(u"moves"_s, moved), std::optional(bytes));
        QCOMPARE(m_fixture.exists(u"moves"_s, key), sourceRemains);
        // An in-app drop never stages a download for file managers: the move is the only job.
        QCOMPARE(m_fixture.queue->jobs().size(), 1);
    }

    void dragOutOffersStagedFiles()
    {
        QTemporaryDir staging;
        m_fixture.actions()->dragDrop()->setStagingRoot(staging.path());
        QVERIFY(m_fixture.show(u"moves"_s, u"dst/"_s));
        std::unique_ptr<QMimeData> data(m_fixture.actions()->dragDrop()->dragData(
            Location { m_fixture.connection->id(), u"moves"_s, u"dst/"_s }, { u"dst/keep.txt"_s }));
        QCOMPARE(m_fixture.queue->jobs().size(), 0); // nothing fetched until a file manager asks
        QVERIFY(data->hasUrls());
        const QList<QUrl> urls = data->urls();
        QCOMPARE(urls.size(), 1);
        QVERIFY(urls.first().isLocalFile());
        QVERIFY(urls.first().toLocalFile().startsWith(staging.path()));
        QVERIFY(m_fixture.allJobsCompleted());
        QFile staged(urls.first().toLocalFile());
        QVERIFY(staged.open(QIODevice::ReadOnly));
        QCOMPARE(staged.readAll(), QByteArray("keep"));
        QCOMPARE(data->urls(), urls); // asked again: the same files, no second download
        QCOMPARE(m_fixture.queue->jobs().size(), 1);
    }
};

QTEST_MAIN(TestBrowserDragDrop)
#include "tst_browser_drag_drop.moc"
