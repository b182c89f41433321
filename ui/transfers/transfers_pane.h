#pragma once
// The Transfers dock's contents: the queue of a TransferCenter as a sortable, filterable
// list with progress bars, per-row and global Pause, Resume, Retry and Cancel, Clear
// finished and Open containing folder; the "interrupted" bar after a restart; and a tab
// with the bucket's unfinished multipart uploads. Put it in a QDockWidget:
//
//   auto *pane = new coffer::ui::TransfersPane(transferCenter, dock);
//   dock->setWidget(pane);
//   pane->orphanedUploads()->setBucket(client, bucket);   // when the browser opens a bucket
//
// The actions act on the selected rows; their shortcuts work while the pane has focus.

#include <QList>
#include <QWidget>

class QAction;
class QComboBox;
class QTabWidget;
class QTreeView;

namespace coffer::transfer {
class TransferJob;
}

namespace coffer::ui {

class InterruptedBar;
class OrphanedUploadsPane;
class TransferCenter;
class TransferFilterProxy;
class TransferListModel;

class TransfersPane : public QWidget
{
    Q_OBJECT
public:
    explicit TransfersPane(TransferCenter *center, QWidget *parent = nullptr);
    ~TransfersPane() override;

    TransferListModel *model() const { return m_model; }
    TransferFilterProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QComboBox *filterBox() const { return m_filter; }
    InterruptedBar *interruptedBar() const { return m_interrupted; }
    OrphanedUploadsPane *orphanedUploads() const { return m_orphans; }
    QTabWidget *tabs() const { return m_tabs; }

    // Per selected row.
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *retryAction() const { return m_retry; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *openFolderAction() const { return m_openFolder; }
    // Every job.
    QAction *pauseAllAction() const { return m_pauseAll; }
    QAction *resumeAllAction() const { return m_resumeAll; }
    QAction *cancelAllAction() const { return m_cancelAll; }
    QAction *clearFinishedAction() const { return m_clearFinished; }

    QList<transfer::TransferJob *> selectedJobs() const;

    void pauseSelected();
    void resumeSelected();
    void retrySelected();
    void cancelSelected();
    // Opens the local folder of the current row's upload or download (QDesktopServices).
    void openContainingFolder();
    // Removes every Completed and Cancelled row (failed ones stay until retried or cancelled).
    void clearFinished();

private:
    QAction *makeAction(const QString &text, const QString &name, const QKeySequence &shortcut,
        void (TransfersPane::*slot)());
    void updateActions();
    void showContextMenu(const QPoint &position);

    TransferCenter *m_center;
    TransferListModel *m_model;
    TransferFilterProxy *m_proxy;
    QTreeView *m_view;
    QComboBox *m_filter;
    InterruptedBar *m_interrupted;
    OrphanedUploadsPane *m_orphans;
    QTabWidget *m_tabs;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_cancelAll = nullptr;
    QAction *m_clearFinished = nullptr;
};

} // namespace coffer::ui
