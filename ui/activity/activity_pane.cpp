#include "ui/activity/activity_pane.h"

#include "ui/activity/activity_model.h"

#include "client/curl_command.h"
#include "client/s3_client.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QNetworkAccessManager> // s3_client.h holds a QPointer to one
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

ActivityPane::ActivityPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new ActivityModel(this))
    , m_view(new QTableView(this))
    , m_reveal(new QCheckBox(tr("Reveal keys in copied commands"), this))
    , m_count(new QLabel(this))
{
    setObjectName(u"activityPane"_s);

    m_view->setObjectName(u"activityView"_s);
    m_view->setAccessibleName(tr("HTTP activity"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Uniform rows: the view never measures 10,000 rows to lay them out.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(ActivityModel::UrlColumn, QHeaderView::Stretch);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ActivityPane::showContextMenu);

    // Keep the newest row in sight unless the user scrolled up to read older ones.
    QScrollBar *scroll = m_view->verticalScrollBar();
    connect(scroll, &QScrollBar::valueChanged, this,
            [this, scroll](int value) { m_followNewest = value == scroll->maximum(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followNewest)
            m_view->scrollToBottom();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ActivityPane::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ActivityPane::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ActivityPane::updateCount);

    m_reveal->setObjectName(u"revealKeys"_s);
    m_reveal->setAccessibleName(tr("Reveal keys in copied commands"));
    m_reveal->setToolTip(tr("When off, copied commands read the keys from $AWS_ACCESS_KEY_ID and "
                            "$AWS_SECRET_ACCESS_KEY."));
    m_reveal->setChecked(false);

    auto *clear = new QPushButton(tr("Clear"), this);
    clear->setObjectName(u"clearActivity"_s);
    clear->setAccessibleName(tr("Clear the activity log"));
    connect(clear, &QPushButton::clicked, m_model, &ActivityModel::clear);

    m_count->setObjectName(u"activityCount"_s);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_reveal);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(bar);
    updateCount();
}

ActivityPane::~ActivityPane() = default;

void ActivityPane::setClient(client::S3Client *client)
{
    disconnect(m_connection);
    m_client = client;
    if (client)
        m_connection = connect(client, &client::S3Client::activity, this, &ActivityPane::record);
}

client::S3Client *ActivityPane::client() const
{
    return m_client;
}

bool ActivityPane::revealKeys() const
{
    return m_reveal->isChecked();
}

void ActivityPane::setRevealKeys(bool reveal)
{
    m_reveal->setChecked(reveal);
}

void ActivityPane::record(const client::HttpActivity &activity)
{
    m_model->append(activity, m_client ? m_client->config().region : QByteArray());
}

QString ActivityPane::curlCommandFor(int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const QModelIndex index = m_model->index(row, 0);
    client::CurlOptions options;
    options.region = index.data(ActivityModel::RegionRole).toByteArray();
    if (options.region.isEmpty())
        options.region = "us-east-1";
    if (m_client) {
        const auto &keys = m_client->config().credentials;
        options.sessionToken = !keys.sessionToken.isEmpty();
        if (revealKeys())
            options.revealedKeys = keys;
    }
    return client::curlCommand(client::curlRequestFor(m_model->record(row)), options);
}

void ActivityPane::copyCurlCommand(int row) const
{
    const QString command = curlCommandFor(row);
    if (!command.isEmpty())
        QGuiApplication::clipboard()->setText(command);
}

void ActivityPane::copyUrl(int row) const
{
    if (row >= 0 && row < m_model->rowCount())
        QGuiApplication::clipboard()->setText(m_model->record(row).url);
}

void ActivityPane::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    // A persistent index follows the row while older rows leave from the top.
    const QPersistentModelIndex row(index);
    // Not exec(): the menu is shown and deletes itself, no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *curl = menu->addAction(tr("Copy as curl"), this, [this, row] { copyCurlCommand(row.isValid() ? row.row() : -1); });
    curl->setObjectName(u"copyAsCurl"_s);
    QAction *url = menu->addAction(tr("Copy URL"), this, [this, row] { copyUrl(row.isValid() ? row.row() : -1); });
    url->setObjectName(u"copyUrl"_s);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void ActivityPane::updateCount()
{
    m_count->setText(tr("%n request(s)", nullptr, m_model->rowCount()));
}

} // namespace coffer::ui
