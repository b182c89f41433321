#include "ui/interaction/object_actions.h"

#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/interaction/browser_drag_drop.h"
#include "ui/interaction/object_deletion.h"
#include "ui/interaction/object_selection.h"
#include "ui/interaction/properties_dialog.h"
#include "ui/interaction/transfer_orders.h"

#include "client/s3_client.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeView>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

// Folder names become one key segment: no '/' inside, nothing empty.
bool isValidName(const QString &name)
{
    return !name.trimmed().isEmpty() && !name.contains(u'/') && name != u"."_s && name != u".."_s;
}

} // namespace

ObjectActions::ObjectActions(BrowserPane *pane, ConnectionsModel *tree)
    : QObject(pane)
    , m_pane(pane)
    , m_tree(tree)
    , m_orders(new TransferOrders(tree, this))
    , m_dragDrop(new BrowserDragDrop(m_orders, pane, this))
    , m_downloadFolder(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
{
    createActions();
    connect(m_orders, &TransferOrders::failed, this, &ObjectActions::report);
    connect(m_orders, &TransferOrders::finished, this, &ObjectActions::followChange);

    QTableView *view = m_pane->view();
    m_pane->objects()->setDragDrop(m_dragDrop);
    view->setDragEnabled(true);
    view->setAcceptDrops(true);
    view->setDragDropMode(QAbstractItemView::DragDrop);
    // Without a modifier an in-app drop moves; Qt turns the platform's copy modifier
    // (Ctrl, or Option on macOS) into a copy.
    view->setDefaultDropAction(Qt::MoveAction);
    view->setDropIndicatorShown(true);
    // Drops on a row land *on* it (into that folder), not between rows.
    view->setDragDropOverwriteMode(true);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, &ObjectActions::showContextMenu);
    connect(
        view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ObjectActions::updateActions);
    connect(view->model(), &QAbstractItemModel::modelReset, this, &ObjectActions::updateActions);
    connect(m_pane, &BrowserPane::locationChanged, this, &ObjectActions::updateActions);
    updateActions();
}

ObjectActions::~ObjectActions()
{
    // The models outlive us (they belong to the pane and the window): unhook them.
    m_pane->objects()->setDragDrop(nullptr);
    if (m_tree)
        m_tree->setDragDrop(nullptr);
}

void ObjectActions::setTransferQueue(transfer::TransferQueue *queue)
{
    m_orders->setQueue(queue);
    updateActions();
}

void ObjectActions::acceptDropsOn(QTreeView *tree)
{
    m_tree->setDragDrop(m_dragDrop);
    tree->setAcceptDrops(true);
    tree->setDragDropMode(QAbstractItemView::DropOnly);
    tree->setDefaultDropAction(Qt::MoveAction);
    tree->setDropIndicatorShown(true);
    tree->setDragDropOverwriteMode(true); // onto a node, never between two
}

void ObjectActions::createActions()
{
    auto make = [this](const QString &objectName, const QString &text, const QString &icon,
                    const QKeySequence &shortcut, void (ObjectActions::*slot)()) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(objectName);
        action->setShortcut(shortcut);
        // Active while focus is in the pane (its list, path bar, filter box): a text box
        // still keeps Delete, Ctrl+C and Ctrl+V for itself, and the tree's Delete does
        // not delete what the list has selected.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_pane->addAction(action);
        return action;
    };
    m_uploadFiles
        = make(u"uploadFiles"_s, tr("&Upload Files…"), u"document-send"_s, {}, &ObjectActions::uploadFiles);
    m_uploadFolder
        = make(u"uploadFolder"_s, tr("Upload F&older…"), u"folder-cloud"_s, {}, &ObjectActions::uploadFolder);
    m_download = make(u"download"_s, tr("&Download"), u"download"_s, {}, &ObjectActions::download);
    m_downloadTo
        = make(u"downloadTo"_s, tr("Download &To…"), u"document-save-as"_s, {}, &ObjectActions::downloadTo);
    m_newFolder = make(u"newFolder"_s, tr("&New Folder…"), u"folder-new"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), &ObjectActions::newFolder);
    m_rename = make(
        u"rename"_s, tr("Re&name…"), u"edit-rename"_s, QKeySequence(Qt::Key_F2), &ObjectActions::rename);
    m_delete
        = make(u"delete"_s, tr("&Delete…"), u"edit-delete"_s, QKeySequence::Delete, &ObjectActions::remove);
    m_copy = make(u"copy"_s, tr("&Copy"), u"edit-copy"_s, QKeySequence::Copy, &ObjectActions::copy);
    m_paste = make(u"paste"_s, tr("&Paste"), u"edit-paste"_s, QKeySequence::Paste, &ObjectActions::paste);
    m_copyKey = make(u"copyKey"_s, tr("Copy &Key"), {}, {}, &ObjectActions::copyKeys);
    m_copyUri = make(u"copyUri"_s, tr("Copy &URI"), {}, {}, &ObjectActions::copyUris);
    m_copyLink = make(u"copyPresignedLink"_s, tr("Copy Presigned &Link"), u"emblem-shared"_s, {},
        &ObjectActions::copyLinks);
    m_properties = make(u"properties"_s, tr("P&roperties…"), u"document-properties"_s,
        QKeySequence(Qt::ALT | Qt::Key_Return), &ObjectActions::showProperties);
    const QList<QAction *> all { m_uploadFiles, m_uploadFolder, m_download, m_downloadTo, m_newFolder,
        m_rename, m_delete, m_copy, m_paste, m_copyKey, m_copyUri, m_copyLink, m_properties };
    for (QAction *action : all) {
        // Screen readers read the text without the mnemonic and the ellipsis.
        action->setToolTip(action->text().remove(u'&').remove(u'…'));
        action->setWhatsThis(action->toolTip());
    }
}

QList<QAction *> ObjectActions::toolbarActions() const
{
    return { m_uploadFiles, m_uploadFolder, m_download, nullptr, m_newFolder, m_delete, nullptr,
        m_pane->refreshAction() };
}

QList<QAction *> ObjectActions::menuActions() const
{
    return { m_download, m_downloadTo, nullptr, m_uploadFiles, m_uploadFolder, m_newFolder, nullptr, m_copy,
        m_paste, m_rename, m_delete, nullptr, m_copyKey, m_copyUri, m_copyLink, nullptr, m_properties,
        m_pane->refreshAction() };
}

QMenu *ObjectActions::createMenu(QWidget *parent) const
{
    auto *menu = new QMenu(parent);
    menu->setAccessibleName(tr("Object actions"));
    for (QAction *action : menuActions()) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
    }
    return menu;
}

void ObjectActions::showContextMenu(const QPoint &position)
{
    QMenu *menu = createMenu(m_pane);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_pane->view()->viewport()->mapToGlobal(position)); // popup(): no nested loop
}

QStringList ObjectActions::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList rows = m_pane->view()->selectionModel()->selectedRows(ObjectListModel::NameColumn);
    for (const QModelIndex &row : rows)
        keys.append(row.data(ObjectListModel::KeyRole).toString());
    return keys;
}

void ObjectActions::updateActions()
{
    const Location where = m_pane->location();
    const bool inBucket = !where.connectionId.isEmpty() && !where.isBucketList();
    const bool queued = m_orders->queue() != nullptr;
    const QStringList keys = inBucket ? selectedKeys() : QStringList();
    const bool one = keys.size() == 1;
    const bool oneObject = one && !keys.first().endsWith(u'/');
    m_uploadFiles->setEnabled(inBucket && queued);
    m_uploadFolder->setEnabled(inBucket && queued);
    m_download->setEnabled(!keys.isEmpty() && queued);
    m_downloadTo->setEnabled(!keys.isEmpty() && queued);
    m_newFolder->setEnabled(inBucket);
    m_rename->setEnabled(one && queued);
    m_delete->setEnabled(!keys.isEmpty());
    m_copy->setEnabled(!keys.isEmpty());
    m_paste->setEnabled(inBucket && queued);
    m_copyKey->setEnabled(!keys.isEmpty());
    m_copyUri->setEnabled(!keys.isEmpty());
    m_copyLink->setEnabled(!keys.isEmpty()
        && std::none_of(keys.cbegin(), keys.cend(), [](const QString &key) { return key.endsWith(u'/'); }));
    m_properties->setEnabled(oneObject);
}

void ObjectActions::report(const QString &message)
{
    m_pane->showError(message);
    Q_EMIT problem(message);
}

void ObjectActions::followChange(const Location &location)
{
    if (location == m_pane->location())
        m_pane->refresh();
    if (!m_tree)
        return;
    const QModelIndex node = m_tree->indexOf(location);
    if (node.isValid()
        && m_tree->data(node, ConnectionsModel::ListingRole).value<ConnectionsModel::Listing>()
            != ConnectionsModel::Listing::NotListed)
        m_tree->refresh(node);
}

// --- Uploads and downloads -------------------------------------------------

void ObjectActions::uploadFiles()
{
    const Location where = m_pane->location();
    auto *dialog = new QFileDialog(m_pane, tr("Upload Files to %1").arg(where.path()));
    dialog->setObjectName(u"uploadFilesDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this,
        [this, where](const QStringList &files) { m_dragDrop->uploadDropped(files, where); });
    dialog->open();
}

void ObjectActions::uploadFolder()
{
    const Location where = m_pane->location();
    auto *dialog = new QFileDialog(m_pane, tr("Upload a Folder to %1").arg(where.path()));
    dialog->setObjectName(u"uploadFolderDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this,
        [this, where](const QString &folder) { m_dragDrop->uploadDropped({ folder }, where); });
    dialog->open();
}

void ObjectActions::download()
{
    m_orders->download(m_pane->location(), selectedKeys(), m_downloadFolder);
}

void ObjectActions::downloadTo()
{
    const Location where = m_pane->location();
    const QStringList keys = selectedKeys();
    auto *dialog = new QFileDialog(m_pane, tr("Download To"), m_downloadFolder);
    dialog->setObjectName(u"downloadToDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this,
        [this, where, keys](const QString &folder) { m_orders->download(where, keys, folder); });
    dialog->open();
}

// --- Folders, rename, delete ------------------------------------------------

void ObjectActions::newFolder()
{
    const Location where = m_pane->location();
    if (where.isBucketList())
        return;
    auto *dialog = new QInputDialog(m_pane);
    dialog->setObjectName(u"newFolderDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New Folder"));
    dialog->setLabelText(tr("Name of the new folder in %1:").arg(where.path()));
    dialog->setAccessibleName(tr("New folder name"));
    connect(dialog, &QInputDialog::textValueSelected, this,
        [this, where](const QString &name) { createFolder(where, name.trimmed()); });
    dialog->open();
}

void ObjectActions::createFolder(const Location &where, const QString &name)
{
    if (!isValidName(name)) {
        report(tr("“%1” cannot name a folder: use a name without '/'.").arg(name));
        return;
    }
    client::S3Client *client = m_orders->client(where.connectionId);
    if (!client) {
        report(tr("That connection is not ready. Wait until it has connected, then try again."));
        return;
    }
    // A folder is a zero-byte object whose key ends in '/', as the S3 consoles make them.
    auto *empty = new QBuffer(this);
    empty->open(QIODevice::ReadOnly);
    client::PutObjectParams params;
    params.bucket = where.bucket;
    params.key = where.prefix + name + u'/';
    params.body = empty;
    params.size = 0;
    client->putObject(params)->onFinished(
        this, [this, empty, where](const client::Result<client::PutObjectResult> &put) {
            empty->deleteLater();
            if (!put.ok()) {
                report(put.error().userMessage());
                return;
            }
            followChange(where);
        });
}

void ObjectActions::rename()
{
    const Location where = m_pane->location();
    const QStringList keys = selectedKeys();
    if (keys.size() != 1)
        return;
    const QString key = keys.first();
    const bool folder = key.endsWith(u'/');
    QString name = TransferOrders::lastName(key);
    if (folder)
        name.chop(1);
    auto *dialog = new QInputDialog(m_pane);
    dialog->setObjectName(u"renameDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename"));
    dialog->setLabelText(tr("New name for “%1”:").arg(name));
    dialog->setAccessibleName(tr("New name"));
    dialog->setTextValue(name);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, where, key, folder](const QString &typed) {
        const QString newName = typed.trimmed();
        if (!isValidName(newName)) {
            report(tr("“%1” cannot be a name: use a name without '/'.").arg(typed));
            return;
        }
        const QString parent = key.left(key.size() - TransferOrders::lastName(key).size());
        m_orders->rename(where, key, parent + newName + (folder ? u"/"_s : QString()));
    });
    dialog->open();
}

void ObjectActions::remove()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty() || m_pane->location().isBucketList())
        return;
    const Location where = m_pane->location();
    auto *deletion = new ObjectDeletion(m_orders, where, keys, m_pane);
    connect(deletion, &ObjectDeletion::failed, this, &ObjectActions::report);
    connect(deletion, &ObjectDeletion::done, this, [this, where] { followChange(where); });
}

// --- Clipboard ----------------------------------------------------------------

void ObjectActions::copy()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    auto *data = new QMimeData;
    ObjectSelection { m_pane->location().connectionId, m_pane->location().bucket, keys }.writeTo(data);
    QGuiApplication::clipboard()->setMimeData(data);
}

void ObjectActions::paste()
{
    const Location where = m_pane->location();
    if (where.isBucketList())
        return;
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    if (const std::optional<ObjectSelection> selection = ObjectSelection::readFrom(data)) {
        m_orders->transfer(*selection, where, false);
        return;
    }
    // Files copied in a file manager paste as uploads.
    if (data && m_dragDrop->canDrop(data, where)) {
        m_dragDrop->drop(data, Qt::CopyAction, where);
        return;
    }
    report(tr("The clipboard holds no objects or files. Copy some first (Ctrl+C), then paste."));
}

void ObjectActions::copyKeys()
{
    QGuiApplication::clipboard()->setText(selectedKeys().join(u'\n'));
}

void ObjectActions::copyUris()
{
    QStringList uris;
    for (const QString &key : selectedKeys())
        uris.append(u"s3://"_s + m_pane->location().bucket + u'/' + key);
    QGuiApplication::clipboard()->setText(uris.join(u'\n'));
}

void ObjectActions::copyLinks()
{
    client::S3Client *client = m_orders->client(m_pane->location().connectionId);
    if (!client)
        return;
    QStringList links;
    for (const QString &key : selectedKeys()) {
        // An hour: long enough to paste into a message, short enough to leak little.
        const client::Result<QUrl> url = client->presign({ .bucket = m_pane->location().bucket, .key = key });
        if (!url.ok()) {
            report(url.error().userMessage());
            return;
        }
        links.append(url->toString(QUrl::FullyEncoded));
    }
    QGuiApplication::clipboard()->setText(links.join(u'\n'));
}

void ObjectActions::showProperties()
{
    const QStringList keys = selectedKeys();
    client::S3Client *client = m_orders->client(m_pane->location().connectionId);
    if (keys.size() != 1 || keys.first().endsWith(u'/') || !client)
        return;
    auto *dialog = new PropertiesDialog(client, m_pane->location().bucket, keys.first(), m_pane);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace coffer::ui
