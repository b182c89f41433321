#include "ui/transfers/transfers_pane.h"

#include "ui/transfers/interrupted_bar.h"
#include "ui/transfers/local_side.h"
#include "ui/transfers/orphaned_uploads_pane.h"
#include "ui/transfers/transfer_center.h"
#include "ui/transfers/transfer_filter_proxy.h"
#include "ui/transfers/transfer_list_model.h"
#include "ui/transfers/transfer_progress_delegate.h"

#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

using transfer::JobState;
using transfer::TransferJob;

TransfersPane::TransfersPane(TransferCenter *center, QWidget *parent)
    : QWidget(parent)
    , m_center(center)
    , m_model(new TransferListModel(this))
    , m_proxy(new TransferFilterProxy(this))
    , m_view(new QTreeView(this))
    , m_filter(new QComboBox(this))
    , m_interrupted(new InterruptedBar(center, this))
    , m_orphans(new OrphanedUploadsPane(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"transfersPane"_s);
    m_model->setQueue(center->queue());
    m_proxy->setSourceModel(m_model);

    m_view->setObjectName(u"transfersView"_s);
    m_view->setAccessibleName(tr("Transfers"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new TransferProgressDelegate(m_view));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true); // the view never measures every row
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    // Unsorted until the person clicks a header: the queue's order.
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->header()->setSectionResizeMode(TransferListModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TransfersPane::showContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, &TransfersPane::openContainingFolder);

    m_filter->setObjectName(u"transfersFilter"_s);
    m_filter->setAccessibleName(tr("Show transfers"));
    m_filter->addItem(tr("All"), QVariant::fromValue(TransferFilterProxy::Filter::All));
    m_filter->addItem(tr("Active"), QVariant::fromValue(TransferFilterProxy::Filter::Active));
    m_filter->addItem(tr("Finished"), QVariant::fromValue(TransferFilterProxy::Filter::Finished));
    m_filter->addItem(tr("Failed"), QVariant::fromValue(TransferFilterProxy::Filter::Failed));
    connect(m_filter, &QComboBox::currentIndexChanged, this,
        [this] { m_proxy->setFilter(m_filter->currentData().value<TransferFilterProxy::Filter>()); });

    m_pause = makeAction(
        tr("Pause"), u"pauseTransfer"_s, QKeySequence(Qt::CTRL | Qt::Key_P), &TransfersPane::pauseSelected);
    m_resume = makeAction(tr("Resume"), u"resumeTransfer"_s, QKeySequence(Qt::CTRL | Qt::Key_R),
        &TransfersPane::resumeSelected);
    m_retry = makeAction(tr("Retry"), u"retryTransfer"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
        &TransfersPane::retrySelected);
    m_cancel
        = makeAction(tr("Cancel"), u"cancelTransfer"_s, QKeySequence::Delete, &TransfersPane::cancelSelected);
    m_openFolder = makeAction(tr("Open Containing Folder"), u"openTransferFolder"_s,
        QKeySequence(Qt::CTRL | Qt::Key_Return), &TransfersPane::openContainingFolder);
    m_pauseAll = makeAction(
        tr("Pause All"), u"pauseAllTransfers"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), nullptr);
    m_resumeAll = makeAction(tr("Resume All"), u"resumeAllTransfers"_s, {}, nullptr);
    m_cancelAll = makeAction(tr("Cancel All"), u"cancelAllTransfers"_s, {}, nullptr);
    m_clearFinished = makeAction(tr("Clear Finished"), u"clearFinishedTransfers"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &TransfersPane::clearFinished);
    transfer::TransferQueue *queue = center->queue();
    connect(m_pauseAll, &QAction::triggered, queue, &transfer::TransferQueue::pauseAll);
    connect(m_resumeAll, &QAction::triggered, queue, &transfer::TransferQueue::resumeAll);
    connect(m_cancelAll, &QAction::triggered, queue, &transfer::TransferQueue::cancelAll);
    m_pause->setToolTip(tr("Pause the selected transfers; finished parts are kept"));
    m_resume->setToolTip(tr("Resume the selected transfers where they stopped"));
    m_retry->setToolTip(tr("Try the selected failed transfers again"));
    m_cancel->setToolTip(tr("Stop the selected transfers for good and remove their partial uploads"));
    m_openFolder->setToolTip(tr("Show the local file or folder of the transfer"));
    m_pauseAll->setToolTip(tr("Pause every transfer"));
    m_resumeAll->setToolTip(tr("Resume every paused transfer"));
    m_cancelAll->setToolTip(tr("Stop every unfinished transfer for good"));
    m_clearFinished->setToolTip(tr("Remove completed and cancelled transfers from the list"));

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &TransfersPane::updateActions);
    // Row states change under the selection; dataChanged comes at most ~10x/s per row.
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &TransfersPane::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TransfersPane::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TransfersPane::updateActions);

    auto *bar = new QHBoxLayout;
    auto *showLabel = new QLabel(tr("&Show:"), this);
    showLabel->setBuddy(m_filter);
    bar->addWidget(showLabel);
    bar->addWidget(m_filter);
    bar->addStretch(1);
    for (QAction *action :
        { m_pause, m_resume, m_retry, m_cancel, m_pauseAll, m_resumeAll, m_clearFinished }) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAccessibleName(action->toolTip());
        bar->addWidget(button);
    }

    auto *queuePage = new QWidget(this);
    auto *queueLayout = new QVBoxLayout(queuePage);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    queueLayout->addWidget(m_interrupted);
    queueLayout->addLayout(bar);
    queueLayout->addWidget(m_view, 1);

    m_tabs->setObjectName(u"transfersTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(queuePage, tr("&Queue"));
    m_tabs->addTab(m_orphans, tr("&Unfinished Uploads"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    updateActions();
}

TransfersPane::~TransfersPane() = default;

QAction *TransfersPane::makeAction(
    const QString &text, const QString &name, const QKeySequence &shortcut, void (TransfersPane::*slot)())
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    // Only while the Transfers pane has focus: Delete elsewhere belongs to the browser.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    if (slot)
        connect(action, &QAction::triggered, this, slot);
    addAction(action);
    return action;
}

QList<TransferJob *> TransfersPane::selectedJobs() const
{
    QList<TransferJob *> jobs;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        if (auto *job = index.data(TransferListModel::JobRole).value<TransferJob *>())
            jobs.append(job);
    }
    return jobs;
}

void TransfersPane::pauseSelected()
{
    for (TransferJob *job : selectedJobs())
        job->pause();
}

void TransfersPane::resumeSelected()
{
    for (TransferJob *job : selectedJobs())
        job->resume();
}

void TransfersPane::retrySelected()
{
    for (TransferJob *job : selectedJobs())
        job->retry();
}

void TransfersPane::cancelSelected()
{
    for (TransferJob *job : selectedJobs())
        job->cancel();
}

void TransfersPane::openContainingFolder()
{
    const QModelIndex current = m_view->currentIndex();
    const auto *job = current.data(TransferListModel::JobRole).value<TransferJob *>();
    if (!job)
        return;
    if (const auto folder = containingFolder(*job))
        QDesktopServices::openUrl(QUrl::fromLocalFile(*folder));
}

void TransfersPane::clearFinished()
{
    transfer::TransferQueue *queue = m_center->queue();
    for (TransferJob *job : queue->jobs()) {
        if (job->state() == JobState::Completed || job->state() == JobState::Cancelled)
            queue->remove(job);
    }
}

void TransfersPane::updateActions()
{
    bool canPause = false;
    bool canResume = false;
    bool canRetry = false;
    bool canCancel = false;
    for (const TransferJob *job : selectedJobs()) {
        const JobState state = job->state();
        canPause |= state == JobState::Queued || state == JobState::Running || state == JobState::Verifying;
        canResume |= state == JobState::Paused;
        canRetry |= state == JobState::Failed;
        canCancel |= !transfer::isFinished(state);
    }
    m_pause->setEnabled(canPause);
    m_resume->setEnabled(canResume);
    m_retry->setEnabled(canRetry);
    m_cancel->setEnabled(canCancel);
    const auto *current = m_view->currentIndex().data(TransferListModel::JobRole).value<TransferJob *>();
    m_openFolder->setEnabled(current && containingFolder(*current).has_value());
}

void TransfersPane::showContextMenu(const QPoint &position)
{
    // popup(), not exec(): no nested event loop; the menu deletes itself.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({ m_pause, m_resume, m_retry, m_cancel });
    menu->addSeparator();
    menu->addAction(m_openFolder);
    menu->addSeparator();
    menu->addActions({ m_pauseAll, m_resumeAll, m_cancelAll, m_clearFinished });
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace coffer::ui
