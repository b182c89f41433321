#pragma once
// The centre of the main window: the path bar, the name filter, the object list of the
// current location and a line saying how much is loaded. Keeps the back history and
// walks up and into prefixes. Failures (a bad path, a listing the server refused) show in
// a banner above the list; the pane stays usable and F5 tries again.

#include "ui/browser/location.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeView;

namespace coffer::transfer {
class TransferQueue;
}

namespace coffer::ui {

class Connection;
class ConnectionsModel;
class ObjectActions;
class ObjectListModel;
class ObjectSortProxy;

class BrowserPane : public QWidget
{
    Q_OBJECT
public:
    // tree: where connections are found and buckets checked (not owned).
    explicit BrowserPane(ConnectionsModel *tree, QWidget *parent = nullptr);
    ~BrowserPane() override;

    Location location() const { return m_location; }
    Connection *connection() const;
    // Goes to location; false (with the banner saying why) when it cannot be shown.
    bool navigate(const Location &location);
    // Reads a typed path for the current connection; false with the reason in the banner.
    bool navigateToPath(const QString &path);
    // Shows nothing (the connection went away).
    void clearLocation();
    void goUp();
    void goBack();
    void refresh();
    void editPath(); // focuses the path bar, text selected
    void editFilter(); // focuses the filter box
    // Opens the row of the view's current index when it is a folder or bucket.
    void openCurrent();

    QString statusText() const;
    QString errorText() const; // the banner's text, empty when hidden
    // Shows message in the banner above the list until the next navigation.
    void showError(const QString &message);

    // The queue that uploads, downloads, moves, renames and folder deletions go to (not
    // owned); without one those actions stay disabled.
    void setTransferQueue(transfer::TransferQueue *queue);
    // Upload, download, new folder, rename, delete, copy/paste, properties: for the
    // window's toolbar and menus (the list's context menu shows them already).
    ObjectActions *objectActions() const { return m_objectActions; }
    // Lets files and objects be dropped on the connections tree's buckets and prefixes
    // (the tree shows this pane's ConnectionsModel).
    void acceptDropsOn(QTreeView *tree);

    ObjectListModel *objects() const { return m_objects; }
    ObjectSortProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *pathBar() const { return m_pathBar; }
    QLineEdit *filterBox() const { return m_filter; }
    QAction *upAction() const { return m_up; }
    QAction *backAction() const { return m_back; }
    QAction *refreshAction() const { return m_refresh; }
    QAction *pathAction() const { return m_editPath; }
    QAction *filterAction() const { return m_editFilter; }

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);

Q_SIGNALS:
    void locationChanged(const coffer::ui::Location &location);
    void statusTextChanged(const QString &text);

private:
    void createActions();
    void showLocation();
    void showBucketList();
    void clearError();
    void updateStatus();
    void updateActions();
    void showHeaderMenu(const QPoint &position);
    void open(const QModelIndex &proxyIndex);

    ConnectionsModel *m_tree;
    ObjectListModel *m_objects;
    ObjectSortProxy *m_proxy;
    QLineEdit *m_pathBar;
    QLineEdit *m_filter;
    QLabel *m_banner;
    QTableView *m_view;
    QLabel *m_status;
    QAction *m_up = nullptr;
    QAction *m_back = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_editPath = nullptr;
    QAction *m_editFilter = nullptr;
    ObjectActions *m_objectActions = nullptr;
    Location m_location;
    QList<Location> m_history;
    QMetaObject::Connection m_waitForConnection;
};

} // namespace coffer::ui
