#include "ui/main_window.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/connection/connection.h"
#include "ui/connection/local_server_status.h"
#include "ui/connection/local_session.h"
#include "ui/connection/sample_bucket.h"
#include "ui/welcome/welcome_page.h"
#include "ui/activity/activity_pane.h"
#include "ui/inspector/object_inspector.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {
const QString kLastConnection = u"browser/lastConnection"_s;
const QString kLastPath = u"browser/lastPath"_s;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(MainWindowOptions {}, parent)
{ }

MainWindow::MainWindow(const MainWindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Coffer"));
    setWindowIcon(QIcon(u":/icons/coffer.svg"_s));

    if (m_options.useKeychain)
        m_secrets = new profiles::SecretStore(this);
    m_profiles = new profiles::ProfileStore(std::make_unique<QSettings>(), this);
    m_connections = new ConnectionsModel(this);
    QString localDirectory = m_options.localServerDirectory;
    if (localDirectory.isEmpty())
        localDirectory
            = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/local-server"_s;
    m_local = new LocalSession(localDirectory, m_secrets, this);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"connectionTree"_s);
    m_tree->setAccessibleName(tr("Connections"));
    m_tree->setModel(m_connections);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Navigate on what the user does: a click, Enter, or moving the current row with the
    // keyboard. Not when the view picks a first current row by itself on focus.
    connect(m_tree, &QAbstractItemView::clicked, this, &MainWindow::treeActivated);
    connect(m_tree, &QAbstractItemView::activated, this, &MainWindow::treeActivated);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current, const QModelIndex &previous) {
            if (previous.isValid() && m_tree->hasFocus() && !m_marking)
                treeActivated(current);
        });
    // Rows the tree loads later may be the place shown: mark it when it appears.
    connect(m_connections, &QAbstractItemModel::rowsInserted, this, &MainWindow::markLocationInTree);

    m_browser = new BrowserPane(m_connections, this);
    connect(m_browser, &BrowserPane::locationChanged, this, &MainWindow::followLocation);
    connect(m_browser->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &MainWindow::emitSelection);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"browserSplitter"_s);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 280, 900 });

    m_welcome = new WelcomePage(this);
    connect(m_welcome, &WelcomePage::tryLocalRequested, this, &MainWindow::startLocalServer);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(splitter);
    setCentralWidget(m_stack);

    connect(m_local, &LocalSession::ready, this, [this](Connection *connection) {
        addConnection(connection);
        showBrowser();
        QSettings settings;
        Location where { connection->id(), kSampleBucket.toString(), {} };
        if (settings.value(kLastConnection).toString() == connection->id()) {
            QString error;
            if (auto last = parsePath(settings.value(kLastPath).toString(), connection->id(),
                    connection->profile().provider, &error))
                where = *last;
        }
        m_tree->expand(m_connections->indexOf(Location { connection->id(), {}, {} }));
        m_browser->navigate(where);
    });
    connect(m_local, &LocalSession::closing, this, [this](Connection *connection) {
        Q_EMIT connectionRemoved(connection);
        m_connections->removeConnection(connection);
        if (m_browser->location().connectionId == connection->id())
            m_browser->clearLocation();
    });
    connect(m_local, &LocalSession::failed, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });

    m_connectionStatus = new QLabel(this);
    m_connectionStatus->setObjectName(u"connectionStatus"_s);
    m_connectionStatus->setAccessibleName(tr("Current connection"));
    statusBar()->addWidget(m_connectionStatus, 1);
    m_localStatus = new LocalServerStatus(m_local, this);
    statusBar()->addPermanentWidget(m_localStatus);
    connect(m_browser, &BrowserPane::statusTextChanged, this, &MainWindow::updateConnectionStatus);

    createDocks();
    fillDocks();
    createMenus();
    loadProfiles();
    restoreWindowState();
    updateConnectionStatus();

    if (m_options.startLocalServer)
        startLocalServer();
    else if (!m_connections->connections().isEmpty())
        showBrowser();
}

MainWindow::~MainWindow() = default;

QList<Connection *> MainWindow::openConnections() const
{
    return m_connections->connections();
}

void MainWindow::startLocalServer()
{
    if (m_local->connection()) {
        showBrowser();
        m_browser->navigate({ m_local->connection()->id(), kSampleBucket.toString(), {} });
        return;
    }
    m_local->start();
}

void MainWindow::loadProfiles()
{
    for (const profiles::Profile &profile : m_profiles->profiles())
        addConnection(new Connection(profile, m_secrets, this));
    const QString last = QSettings().value(kLastConnection).toString();
    if (Connection *connection = m_connections->connection(last)) {
        QString error;
        if (auto where = parsePath(
                QSettings().value(kLastPath).toString(), last, connection->profile().provider, &error))
            m_browser->navigate(*where);
    }
}

void MainWindow::addConnection(Connection *connection)
{
    m_connections->addConnection(connection);
    connect(connection, &Connection::stateChanged, this, &MainWindow::updateConnectionStatus);
    Q_EMIT connectionAdded(connection);
}

void MainWindow::showBrowser()
{
    m_stack->setCurrentIndex(1);
}

void MainWindow::treeActivated(const QModelIndex &index)
{
    const Location location = m_connections->locationOf(index);
    if (location.connectionId.isEmpty() || location == m_browser->location())
        return;
    m_browser->navigate(location);
}

void MainWindow::markLocationInTree()
{
    // Keep the tree's current row on the place shown, when the tree has loaded it.
    const QModelIndex node = m_connections->indexOf(m_browser->location());
    if (node.isValid() && m_tree->currentIndex() != node) {
        m_marking = true; // marking the place, not navigating to it
        m_tree->setCurrentIndex(node);
        m_marking = false;
        m_tree->scrollTo(node);
    }
}

void MainWindow::followLocation(const Location &location)
{
    markLocationInTree();
    if (!location.connectionId.isEmpty()) {
        QSettings settings;
        settings.setValue(kLastConnection, location.connectionId);
        settings.setValue(kLastPath, location.path());
    }
    updateConnectionStatus();
    emitSelection();
}

void MainWindow::emitSelection()
{
    QStringList keys;
    const QModelIndexList rows
        = m_browser->view()->selectionModel()->selectedRows(ObjectListModel::NameColumn);
    for (const QModelIndex &row : rows)
        keys.append(row.data(ObjectListModel::KeyRole).toString());
    Q_EMIT selectionChanged(m_browser->connection(), m_browser->location().bucket, keys);
}

void MainWindow::updateConnectionStatus()
{
    Connection *connection = m_browser->connection();
    QString text;
    if (!connection) {
        text = tr("Not connected");
    } else {
        switch (connection->state()) {
        case Connection::State::Connecting:
            text = tr("%1: connecting…").arg(connection->displayName());
            break;
        case Connection::State::Ready:
            text = tr("%1 (%2) · %3")
                       .arg(connection->displayName(), connection->profile().endpointUrl,
                           m_browser->statusText());
            break;
        case Connection::State::Failed:
            text = tr("%1: %2").arg(connection->displayName(), connection->errorMessage());
            break;
        }
    }
    m_connectionStatus->setText(text);
    if (m_activity)
        followConnectionInDocks();
}

QDockWidget *MainWindow::addDock(const QString &objectName, const QString &title, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setAccessibleName(title);
    auto *placeholder = new QLabel(tr("Nothing here yet."), dock);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setEnabled(false);
    dock->setWidget(placeholder);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_inspectorDock = addDock(u"inspectorDock"_s, tr("Inspector"), Qt::RightDockWidgetArea);
    m_transfersDock = addDock(u"transfersDock"_s, tr("Transfers"), Qt::BottomDockWidgetArea);
    m_activityDock = addDock(u"activityDock"_s, tr("Activity"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_transfersDock, m_activityDock);
    m_transfersDock->raise();
}

void MainWindow::fillDocks()
{
    m_inspector = new ObjectInspector(m_inspectorDock);
    setInspectorWidget(m_inspector);
    m_activity = new ActivityPane(m_activityDock);
    setActivityWidget(m_activity);
    // The inspector shows one selected object; several, or a folder, show nothing.
    connect(this, &MainWindow::selectionChanged, this,
            [this](Connection *, const QString &bucket, const QStringList &keys) {
                followConnectionInDocks();
                const bool oneObject = keys.size() == 1 && !keys.first().endsWith(u'/');
                m_inspector->setObject(bucket, oneObject ? keys.first() : QString());
            });
}

void MainWindow::followConnectionInDocks()
{
    // The docks follow the connection being browsed, once its client exists.
    Connection *connection = m_browser->connection();
    client::S3Client *client = connection && connection->state() == Connection::State::Ready
        ? connection->client() : nullptr;
    if (m_inspector->client() != client)
        m_inspector->setClient(client);
    if (client && m_activity->client() != client)
        m_activity->setClient(client);
}

void MainWindow::setDockWidget(QDockWidget *dock, QWidget *widget)
{
    QWidget *old = dock->widget();
    dock->setWidget(widget);
    if (old != widget)
        delete old;
}

void MainWindow::setInspectorWidget(QWidget *widget)
{
    setDockWidget(m_inspectorDock, widget);
}

void MainWindow::setActivityWidget(QWidget *widget)
{
    setDockWidget(m_activityDock, widget);
}

void MainWindow::setTransfersWidget(QWidget *widget)
{
    setDockWidget(m_transfersDock, widget);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(u"fileMenu"_s);
    QAction *local = file->addAction(tr("Try the &Local Server"), this, &MainWindow::startLocalServer);
    local->setObjectName(u"startLocalServer"_s);
    QAction *add = file->addAction(tr("&Add Connection…"));
    add->setObjectName(u"addConnectionAction"_s);
    add->setEnabled(false);
    add->setToolTip(tr("The connection dialog is not available in this version yet."));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->setObjectName(u"goMenu"_s);
    go->addAction(m_browser->backAction());
    go->addAction(m_browser->upAction());
    go->addAction(m_browser->refreshAction());
    go->addSeparator();
    go->addAction(m_browser->pathAction());
    go->addAction(m_browser->filterAction());
    QAction *open = go->addAction(tr("&Open"), this, [this] { m_browser->openCurrent(); });
    open->setObjectName(u"openSelected"_s);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(u"viewMenu"_s);
    view->addAction(m_inspectorDock->toggleViewAction());
    view->addAction(m_transfersDock->toggleViewAction());
    view->addAction(m_activityDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(u"helpMenu"_s);
    QAction *about = help->addAction(tr("&About Coffer"), this, [this] {
        // open(), not exec(): the about box must not run an event loop of its own.
        auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Coffer"),
            tr("<h3>Coffer %1</h3><p>A desktop bucket browser and storage manager "
               "for Cloudflare R2 and S3-compatible stores.</p>")
                .arg(QApplication::applicationVersion()),
            QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_browser->restoreHeaderState(settings.value(u"browser/header"_s).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"browser/header"_s, m_browser->saveHeaderState());
    event->accept();
}

} // namespace coffer::ui
