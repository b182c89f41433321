#pragma once

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QStackedWidget;
class QTreeView;

namespace coffer::profiles {
class ProfileStore;
class SecretStore;
} // namespace coffer::profiles

namespace coffer::ui {

class ActivityPane;
class BrowserPane;
class ObjectInspector;
class Connection;
class ConnectionsModel;
class LocalServerStatus;
class LocalSession;
class WelcomePage;
struct Location;

struct MainWindowOptions {
    bool startLocalServer = false; // coffer --local
    // Where the local server keeps its data; empty: AppLocalDataLocation + "/local-server".
    QString localServerDirectory;
    // Leave the keychain alone (the local server's keys then stay in its folder).
    bool useKeychain = true;
};

// The top-level window: connections on the left, the object list in the centre,
// the inspector on the right, transfers and activity docked below.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(const MainWindowOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The docks' contents: each replaces a placeholder and is owned by the window.
    void setInspectorWidget(QWidget *widget);
    void setActivityWidget(QWidget *widget);
    void setTransfersWidget(QWidget *widget);

    BrowserPane *browser() const { return m_browser; }
    ConnectionsModel *connections() const { return m_connections; }
    QTreeView *connectionTree() const { return m_tree; }
    ObjectInspector *inspector() const { return m_inspector; }
    ActivityPane *activity() const { return m_activity; }
    LocalSession *localSession() const { return m_local; }
    WelcomePage *welcomePage() const { return m_welcome; }
    QList<Connection *> openConnections() const;

    // Starts the local server and opens its sample bucket (the welcome page's offer).
    void startLocalServer();

Q_SIGNALS:
    // A connection joined the tree: the Activity dock listens to its client's activity
    // (connection->client() once its state is Ready).
    void connectionAdded(coffer::ui::Connection *connection);
    // It is about to leave; stop using it.
    void connectionRemoved(coffer::ui::Connection *connection);
    // The objects selected in the list (full keys; prefixes end in '/'), for the inspector.
    void selectionChanged(coffer::ui::Connection *connection, const QString &bucket, const QStringList &keys);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void createDocks();
    void fillDocks();
    void followConnectionInDocks();
    QDockWidget *addDock(const QString &objectName, const QString &title, Qt::DockWidgetArea area);
    void setDockWidget(QDockWidget *dock, QWidget *widget);
    void addConnection(Connection *connection);
    void loadProfiles();
    void showBrowser();
    void followLocation(const Location &location);
    void markLocationInTree();
    void treeActivated(const QModelIndex &index);
    void emitSelection();
    void updateConnectionStatus();
    void restoreWindowState();

    MainWindowOptions m_options;
    profiles::SecretStore *m_secrets = nullptr;
    profiles::ProfileStore *m_profiles = nullptr;
    ConnectionsModel *m_connections = nullptr;
    LocalSession *m_local = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    QTreeView *m_tree = nullptr;
    BrowserPane *m_browser = nullptr;
    QLabel *m_connectionStatus = nullptr;
    LocalServerStatus *m_localStatus = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_activityDock = nullptr;
    QDockWidget *m_transfersDock = nullptr;
    ObjectInspector *m_inspector = nullptr;
    ActivityPane *m_activity = nullptr;
    bool m_marking = false;
};

} // namespace coffer::ui
