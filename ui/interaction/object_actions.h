#pragma once
// The browser's editing actions, for its context menu and the window's toolbar and
// menus: upload files or a folder, download (to the Downloads folder, or to a folder
// picked in a dialog), new folder, rename, delete (after a counted confirmation), copy
// and paste of keys between prefixes (paste is a server-side copy), copy key / s3:// URI
// / presigned link, properties, and the pane's refresh. Also installs the drag and drop
// (BrowserDragDrop) on the object list and, when asked, on the connections tree.
// Every dialog opens with open(), never exec(): no nested event loop.

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QAction;
class QMenu;
class QPoint;
class QTreeView;

namespace coffer::transfer {
class TransferQueue;
}

namespace coffer::ui {

class BrowserDragDrop;
class BrowserPane;
class ConnectionsModel;
class TransferOrders;
struct Location;

class ObjectActions : public QObject
{
    Q_OBJECT
public:
    ObjectActions(BrowserPane *pane, ConnectionsModel *tree);
    ~ObjectActions() override;

    void setTransferQueue(transfer::TransferQueue *queue);
    // Lets files and objects be dropped on the tree's buckets and prefixes.
    void acceptDropsOn(QTreeView *tree);
    // Where "Download" puts files (default: the user's Downloads folder).
    void setDownloadFolder(const QString &folder) { m_downloadFolder = folder; }
    QString downloadFolder() const { return m_downloadFolder; }

    TransferOrders *orders() const { return m_orders; }
    BrowserDragDrop *dragDrop() const { return m_dragDrop; }

    QAction *uploadFilesAction() const { return m_uploadFiles; }
    QAction *uploadFolderAction() const { return m_uploadFolder; }
    QAction *downloadAction() const { return m_download; }
    QAction *downloadToAction() const { return m_downloadTo; }
    QAction *newFolderAction() const { return m_newFolder; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *copyAction() const { return m_copy; }
    QAction *pasteAction() const { return m_paste; }
    QAction *copyKeyAction() const { return m_copyKey; }
    QAction *copyUriAction() const { return m_copyUri; }
    QAction *copyLinkAction() const { return m_copyLink; }
    QAction *propertiesAction() const { return m_properties; }
    // For a toolbar: upload, download, new folder, delete, refresh (null entries are separators).
    QList<QAction *> toolbarActions() const;
    // Every action of the context menu, in order (null entries are separators).
    QList<QAction *> menuActions() const;
    // A fresh menu with menuActions(), owned by parent.
    QMenu *createMenu(QWidget *parent) const;

    // The selected keys (full keys, prefixes ending in '/'), in view order.
    QStringList selectedKeys() const;

Q_SIGNALS:
    // Something could not be done; the pane's banner shows it too.
    void problem(const QString &message);

private:
    void createActions();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void report(const QString &message);
    void followChange(const Location &location);

    void uploadFiles();
    void uploadFolder();
    void download();
    void downloadTo();
    void newFolder();
    void createFolder(const Location &where, const QString &name);
    void rename();
    void remove();
    void copy();
    void paste();
    void copyKeys();
    void copyUris();
    void copyLinks();
    void showProperties();

    BrowserPane *m_pane;
    QPointer<ConnectionsModel> m_tree; // the window's; may go first
    TransferOrders *m_orders;
    BrowserDragDrop *m_dragDrop;
    QString m_downloadFolder;
    QAction *m_uploadFiles = nullptr;
    QAction *m_uploadFolder = nullptr;
    QAction *m_download = nullptr;
    QAction *m_downloadTo = nullptr;
    QAction *m_newFolder = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_copyKey = nullptr;
    QAction *m_copyUri = nullptr;
    QAction *m_copyLink = nullptr;
    QAction *m_properties = nullptr;
};

} // namespace coffer::ui
