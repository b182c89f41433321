#include "ui/browser/browser_pane.h"

#include "client/s3_client.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/browser/object_sort_proxy.h"
#include "ui/connection/connection.h"
#include "ui/interaction/object_actions.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {
constexpr int kHistoryLimit = 100;
}

BrowserPane::BrowserPane(ConnectionsModel *tree, QWidget *parent)
    : QWidget(parent)
    , m_tree(tree)
    , m_objects(new ObjectListModel(this))
    , m_proxy(new ObjectSortProxy(this))
    , m_pathBar(new QLineEdit(this))
    , m_filter(new QLineEdit(this))
    , m_banner(new QLabel(this))
    , m_view(new QTableView(this))
    , m_status(new QLabel(this))
{
    setObjectName(u"browserPane"_s);
    m_proxy->setSourceModel(m_objects);

    m_pathBar->setObjectName(u"pathBar"_s);
    m_pathBar->setAccessibleName(tr("Path"));
    m_pathBar->setPlaceholderText(tr("bucket/prefix/"));
    m_pathBar->setToolTip(tr("Type a bucket and prefix, then press Enter (Ctrl+L)"));
    m_pathBar->setClearButtonEnabled(true);
    connect(m_pathBar, &QLineEdit::returnPressed, this, [this] { navigateToPath(m_pathBar->text()); });

    m_filter->setObjectName(u"filterBox"_s);
    m_filter->setAccessibleName(tr("Filter by name"));
    m_filter->setPlaceholderText(tr("Filter by name (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(260);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setNameFilter(text);
        updateStatus();
    });

    m_banner->setObjectName(u"errorBanner"_s);
    m_banner->setAccessibleName(tr("Error"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setForegroundRole(QPalette::BrightText);
    m_banner->setBackgroundRole(QPalette::Highlight);
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(6);
    m_banner->hide();

    m_view->setObjectName(u"objectList"_s);
    m_view->setAccessibleName(tr("Objects"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ObjectListModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view then never measures rows, which 200,000 of them need.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ObjectListModel::NameColumn, QHeaderView::Stretch);
    header->setSectionsMovable(true);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setSectionHidden(ObjectListModel::ETagColumn, true);
    header->setSectionHidden(ObjectListModel::ChecksumColumn, true);
    connect(header, &QWidget::customContextMenuRequested, this, &BrowserPane::showHeaderMenu);
    connect(m_view, &QAbstractItemView::activated, this, &BrowserPane::open);

    m_status->setObjectName(u"loadedCount"_s);
    m_status->setAccessibleName(tr("Objects loaded"));

    connect(m_objects, &ObjectListModel::statusChanged, this, &BrowserPane::updateStatus);
    connect(m_objects, &ObjectListModel::pageFailed, this, &BrowserPane::showError);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &BrowserPane::updateStatus);
    // The bucket list comes from the tree: follow it as it loads.
    auto followTree = [this](const QModelIndex &node) {
        if (m_location.isBucketList() && !m_location.connectionId.isEmpty()
            && m_tree->locationOf(node) == m_location)
            showBucketList();
    };
    connect(m_tree, &QAbstractItemModel::rowsInserted, this, followTree);
    connect(m_tree, &QAbstractItemModel::dataChanged, this, followTree);
    connect(m_tree, &ConnectionsModel::listingFailed, this,
        [this](const QModelIndex &index, const QString &message) {
            if (m_location.isBucketList() && m_tree->locationOf(index) == m_location)
                showError(message);
        });

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_pathBar, 1);
    bar->addWidget(m_filter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    createActions();
    m_objectActions = new ObjectActions(this, m_tree);
    updateActions();
    updateStatus();
}

BrowserPane::~BrowserPane()
{
    // Before the models (children created earlier) go: it unhooks itself from them.
    delete m_objectActions;
}

void BrowserPane::setTransferQueue(transfer::TransferQueue *queue)
{
    m_objectActions->setTransferQueue(queue);
}

void BrowserPane::acceptDropsOn(QTreeView *tree)
{
    m_objectActions->acceptDropsOn(tree);
}

void BrowserPane::createActions()
{
    m_up = new QAction(QIcon::fromTheme(u"go-up"_s), tr("&Up"), this);
    m_up->setObjectName(u"goUp"_s);
    m_up->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(m_up, &QAction::triggered, this, &BrowserPane::goUp);
    // Backspace goes up too, but only from the lists: in a text box it deletes.
    auto *upFromList = new QAction(this);
    upFromList->setObjectName(u"goUpFromList"_s);
    upFromList->setShortcut(QKeySequence(Qt::Key_Backspace));
    upFromList->setShortcutContext(Qt::WidgetShortcut);
    connect(upFromList, &QAction::triggered, this, &BrowserPane::goUp);
    m_view->addAction(upFromList);
    // Enter opens a folder on every platform (a table view alone edits on macOS).
    auto *openFromList = new QAction(tr("&Open"), this);
    openFromList->setObjectName(u"openFolder"_s);
    openFromList->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter) });
    openFromList->setShortcutContext(Qt::WidgetShortcut);
    connect(openFromList, &QAction::triggered, this, &BrowserPane::openCurrent);
    m_view->addAction(openFromList);

    m_back = new QAction(QIcon::fromTheme(u"go-previous"_s), tr("&Back"), this);
    m_back->setObjectName(u"goBack"_s);
    m_back->setShortcut(QKeySequence::Back);
    connect(m_back, &QAction::triggered, this, &BrowserPane::goBack);

    m_refresh = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh"), this);
    m_refresh->setObjectName(u"refresh"_s);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, &BrowserPane::refresh);

    m_editPath = new QAction(tr("Edit &Path"), this);
    m_editPath->setObjectName(u"editPath"_s);
    m_editPath->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_editPath, &QAction::triggered, this, &BrowserPane::editPath);

    m_editFilter = new QAction(tr("&Filter"), this);
    m_editFilter->setObjectName(u"editFilter"_s);
    m_editFilter->setShortcut(QKeySequence::Find);
    connect(m_editFilter, &QAction::triggered, this, &BrowserPane::editFilter);

    // Their shortcuts work in the pane on its own too, not only through the window's menus.
    addActions({ m_up, m_back, m_refresh, m_editPath, m_editFilter });
    const QList<QAction *> named { m_up, m_back, m_refresh, m_editPath, m_editFilter, upFromList,
        openFromList };
    upFromList->setText(tr("Up"));
    for (QAction *action : named)
        action->setToolTip(action->text().remove(u'&'));
}

Connection *BrowserPane::connection() const
{
    return m_tree->connection(m_location.connectionId);
}

bool BrowserPane::navigate(const Location &location)
{
    Connection *target = m_tree->connection(location.connectionId);
    if (!target) {
        showError(tr("That connection is not open. Pick one on the left."));
        return false;
    }
    if (!location.isBucketList()) {
        bool complete = false;
        const QStringList buckets = m_tree->buckets(location.connectionId, &complete);
        if (complete && !buckets.contains(location.bucket)) {
            showError(tr("There is no bucket “%1” on %2. Check the name, or pick a bucket on the left.")
                    .arg(location.bucket, target->displayName()));
            return false;
        }
    }
    if (m_location != location && !m_location.connectionId.isEmpty()) {
        m_history.append(m_location);
        if (m_history.size() > kHistoryLimit)
            m_history.removeFirst();
    }
    m_location = location;
    showLocation();
    return true;
}

bool BrowserPane::navigateToPath(const QString &path)
{
    Connection *current = connection();
    if (!current) {
        showError(tr("Pick a connection on the left before typing a path."));
        return false;
    }
    QString error;
    const std::optional<Location> location
        = parsePath(path, current->id(), current->profile().provider, &error);
    if (!location) {
        showError(error);
        return false;
    }
    return navigate(*location);
}

void BrowserPane::showLocation()
{
    clearError();
    m_pathBar->setText(m_location.path());
    m_filter->clear();
    m_objects->setConnectionId(m_location.connectionId);
    Connection *current = connection();
    disconnect(m_waitForConnection);
    if (m_location.isBucketList()) {
        showBucketList();
    } else if (current && current->state() == Connection::State::Ready) {
        m_objects->setLocation(current->client(), m_location.bucket, m_location.prefix);
    } else {
        m_objects->clear();
        if (current) {
            // Not connected yet: list once the connection is ready (or say why it is not).
            m_waitForConnection = connect(current, &Connection::stateChanged, this, [this, current] {
                if (current->state() == Connection::State::Connecting)
                    return;
                disconnect(m_waitForConnection);
                if (current->state() == Connection::State::Ready)
                    m_objects->setLocation(current->client(), m_location.bucket, m_location.prefix);
                else
                    showError(current->errorMessage());
            });
            current->open();
        }
    }
    updateActions();
    updateStatus();
    Q_EMIT locationChanged(m_location);
}

void BrowserPane::showBucketList()
{
    const QModelIndex node = m_tree->indexOf(m_location);
    if (m_tree->canFetchMore(node))
        m_tree->fetchMore(node);
    m_objects->showBuckets(m_tree->buckets(m_location.connectionId));
}

void BrowserPane::clearLocation()
{
    disconnect(m_waitForConnection);
    m_location = {};
    m_history.clear();
    m_objects->clear();
    m_objects->setConnectionId({});
    m_pathBar->clear();
    updateActions();
    updateStatus();
    Q_EMIT locationChanged(m_location);
}

void BrowserPane::goUp()
{
    if (m_location.connectionId.isEmpty() || m_location.isBucketList())
        return;
    navigate(m_location.parent());
}

void BrowserPane::goBack()
{
    if (m_history.isEmpty())
        return;
    m_location = m_history.takeLast();
    showLocation();
}

void BrowserPane::refresh()
{
    if (m_location.connectionId.isEmpty())
        return;
    clearError();
    if (m_location.isBucketList()) {
        m_tree->refresh(m_tree->indexOf(m_location));
        showBucketList();
        return;
    }
    showLocation();
}

void BrowserPane::editPath()
{
    m_pathBar->setFocus(Qt::ShortcutFocusReason);
    m_pathBar->selectAll();
}

void BrowserPane::editFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void BrowserPane::openCurrent()
{
    open(m_view->currentIndex());
}

void BrowserPane::open(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid() || !proxyIndex.data(ObjectListModel::IsFolderRole).toBool())
        return;
    const QString key = proxyIndex.data(ObjectListModel::KeyRole).toString();
    Location next = m_location;
    if (m_location.isBucketList())
        next.bucket = key;
    else
        next.prefix = key;
    navigate(next);
}

void BrowserPane::showError(const QString &message)
{
    m_banner->setText(message);
    m_banner->show();
}

void BrowserPane::clearError()
{
    m_banner->clear();
    m_banner->hide();
}

QString BrowserPane::errorText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

QString BrowserPane::statusText() const
{
    return m_status->text();
}

void BrowserPane::updateStatus()
{
    QString text;
    if (m_location.connectionId.isEmpty()) {
        text = tr("Pick a connection on the left.");
    } else if (m_location.isBucketList()) {
        text = tr("%n bucket(s)", nullptr, m_objects->folderCount());
    } else if (m_objects->isLoading() && m_objects->rowCount() == 0) {
        text = tr("Loading…");
    } else {
        text = tr("%n object(s) loaded", nullptr, m_objects->objectCount());
        if (m_objects->folderCount() > 0)
            text = tr("%n folder(s), ", nullptr, m_objects->folderCount()) + text;
        if (m_objects->hasMore())
            text += tr(" (more available: scroll down)");
        else if (m_objects->isLoading())
            text += tr(" (loading more…)");
    }
    if (!m_filter->text().isEmpty())
        text += tr(" · %n shown", nullptr, m_proxy->rowCount());
    if (m_status->text() == text)
        return;
    m_status->setText(text);
    Q_EMIT statusTextChanged(text);
}

void BrowserPane::updateActions()
{
    const bool inBucket = !m_location.connectionId.isEmpty() && !m_location.isBucketList();
    m_up->setEnabled(inBucket);
    m_back->setEnabled(!m_history.isEmpty());
    m_refresh->setEnabled(!m_location.connectionId.isEmpty());
}

void BrowserPane::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_view->horizontalHeader();
    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int column = ObjectListModel::SizeColumn; column < ObjectListModel::ColumnCount; ++column) {
        QAction *toggle = menu->addAction(m_objects->headerData(column, Qt::Horizontal).toString());
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(column));
        connect(toggle, &QAction::toggled, header,
            [header, column](bool shown) { header->setSectionHidden(column, !shown); });
    }
    menu->popup(header->mapToGlobal(position));
}

QByteArray BrowserPane::saveHeaderState() const
{
    return m_view->horizontalHeader()->saveState();
}

void BrowserPane::restoreHeaderState(const QByteArray &state)
{
    m_view->horizontalHeader()->restoreState(state);
}

} // namespace coffer::ui
