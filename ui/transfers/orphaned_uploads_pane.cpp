#include "ui/transfers/orphaned_uploads_pane.h"

#include "ui/transfers/orphaned_uploads_model.h"
#include "ui/transfers/transfer_text.h"

#include "transfer/remote/orphaned_uploads.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {
QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}
} // namespace

OrphanedUploadsPane::OrphanedUploadsPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new OrphanedUploadsModel(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_refresh(new QAction(tr("Refresh"), this))
    , m_abort(new QAction(tr("Abort"), this))
    , m_abortAll(new QAction(tr("Abort All"), this))
{
    setObjectName(u"orphanedUploadsPane"_s);

    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_model);
    sorted->setSortRole(OrphanedUploadsModel::ValueRole);
    m_view->setObjectName(u"orphanedUploadsView"_s);
    m_view->setAccessibleName(tr("Unfinished multipart uploads"));
    m_view->setModel(sorted);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(OrphanedUploadsModel::InitiatedColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setSectionResizeMode(OrphanedUploadsModel::KeyColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    connect(m_view, &QWidget::customContextMenuRequested, this, &OrphanedUploadsPane::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &OrphanedUploadsPane::updateActions);

    m_refresh->setObjectName(u"refreshOrphanedUploads"_s);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_refresh->setToolTip(tr("List the bucket's unfinished uploads again"));
    m_abort->setObjectName(u"abortOrphanedUpload"_s);
    m_abort->setShortcut(QKeySequence::Delete);
    m_abort->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_abort->setToolTip(tr("Abort the selected uploads and delete their parts"));
    m_abortAll->setObjectName(u"abortAllOrphanedUploads"_s);
    m_abortAll->setToolTip(tr("Abort every unfinished upload listed and delete their parts"));
    connect(m_refresh, &QAction::triggered, this, &OrphanedUploadsPane::refresh);
    connect(m_abort, &QAction::triggered, this, &OrphanedUploadsPane::abortSelected);
    connect(m_abortAll, &QAction::triggered, this, &OrphanedUploadsPane::abortAll);
    addActions({ m_refresh, m_abort, m_abortAll });

    m_status->setObjectName(u"orphanedUploadsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setText(tr("Open a bucket to see its unfinished uploads."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    for (QAction *action : { m_refresh, m_abort, m_abortAll }) {
        QToolButton *button = buttonFor(action, this);
        button->setAccessibleName(action->toolTip());
        bar->addWidget(button);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    updateActions();
}

OrphanedUploadsPane::~OrphanedUploadsPane() = default;

void OrphanedUploadsPane::setBucket(client::S3Client *client, const QString &bucket)
{
    delete m_scanner; // cancels its calls
    m_scanner = nullptr;
    m_bucket = bucket;
    m_model->setUploads({});
    if (!client || bucket.isEmpty()) {
        m_status->setText(tr("Open a bucket to see its unfinished uploads."));
        updateActions();
        return;
    }
    m_scanner = new transfer::OrphanedUploads(client, bucket, this);
    connect(m_scanner, &transfer::OrphanedUploads::scanFinished, this, &OrphanedUploadsPane::onScanFinished);
    connect(
        m_scanner, &transfer::OrphanedUploads::abortFinished, this, &OrphanedUploadsPane::onAbortFinished);
    refresh();
}

QString OrphanedUploadsPane::statusText() const
{
    return m_status->text();
}

void OrphanedUploadsPane::refresh()
{
    if (!m_scanner || m_scanner->isBusy())
        return;
    m_status->setText(tr("Looking for unfinished uploads in %1…").arg(m_bucket));
    m_scanner->scan();
    updateActions();
}

void OrphanedUploadsPane::abortSelected()
{
    QList<transfer::OrphanedUpload> chosen;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows) {
        const QModelIndex source
            = qobject_cast<const QSortFilterProxyModel *>(m_view->model())->mapToSource(index);
        chosen.append(m_model->uploadAt(source.row()));
    }
    confirmAbort(chosen);
}

void OrphanedUploadsPane::abortAll()
{
    confirmAbort(m_model->uploads());
}

void OrphanedUploadsPane::confirmAbort(const QList<transfer::OrphanedUpload> &uploads)
{
    if (uploads.isEmpty() || !m_scanner || m_scanner->isBusy() || m_confirmation)
        return;
    qint64 bytes = 0;
    for (const transfer::OrphanedUpload &upload : uploads)
        bytes += upload.bytes;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Abort Uploads"),
        tr("Abort %n unfinished upload(s) in %1 and delete their parts (%2)? "
           "They cannot be resumed afterwards.",
            nullptr, int(uploads.size()))
            .arg(m_bucket, TransferText::size(bytes)),
        QMessageBox::NoButton, this);
    box->setObjectName(u"confirmAbortUploads"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *abort = box->addButton(tr("Abort Uploads"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, abort, uploads] {
        if (box->clickedButton() != abort || !m_scanner)
            return;
        m_status->setText(tr("Aborting %n upload(s)…", nullptr, int(uploads.size())));
        m_scanner->abort(uploads);
        updateActions();
    });
    m_confirmation = box;
    box->open();
}

void OrphanedUploadsPane::onScanFinished()
{
    m_model->setUploads(m_scanner->uploads());
    if (m_scanner->scanError().isError()) {
        m_status->setText(m_scanner->scanError().userMessage());
    } else if (m_model->rowCount() == 0) {
        m_status->setText(tr("No unfinished uploads in %1.").arg(m_bucket));
    } else {
        m_status->setText(tr("%n unfinished upload(s) in %1 hold %2.", nullptr, m_model->rowCount())
                .arg(m_bucket, TransferText::size(m_model->totalBytes())));
    }
    updateActions();
    Q_EMIT updated();
}

void OrphanedUploadsPane::onAbortFinished()
{
    m_model->setUploads(m_scanner->uploads());
    const auto failures = m_scanner->failures();
    if (!failures.isEmpty()) {
        // The first reason is usually every reason (access denied, network down).
        m_status->setText(tr("%n upload(s) could not be aborted: %1", nullptr, int(failures.size()))
                .arg(failures.first().message));
    } else {
        m_status->setText(
            tr("Aborted. %n unfinished upload(s) left in %1.", nullptr, m_model->rowCount()).arg(m_bucket));
    }
    updateActions();
    Q_EMIT updated();
}

void OrphanedUploadsPane::updateActions()
{
    const bool idle = m_scanner && !m_scanner->isBusy();
    m_refresh->setEnabled(idle);
    m_abort->setEnabled(idle && m_view->selectionModel()->hasSelection());
    m_abortAll->setEnabled(idle && m_model->rowCount() > 0);
}

void OrphanedUploadsPane::showContextMenu(const QPoint &position)
{
    // popup(), not exec(): no nested event loop; the menu deletes itself.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_abort);
    menu->addAction(m_abortAll);
    menu->addSeparator();
    menu->addAction(m_refresh);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

} // namespace coffer::ui
