#include "ui/inspector/object_inspector.h"

#include "ui/inspector/metadata_view.h"
#include "ui/inspector/presign_panel.h"
#include "ui/inspector/preview_pane.h"
#include "ui/inspector/public_url.h"

#include "client/s3_client.h"

#include <QClipboard>
#include <QFont>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager> // s3_client.h holds a QPointer to one
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

ObjectInspector::ObjectInspector(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_metadata(new MetadataView(this))
    , m_preview(new PreviewPane(this))
    , m_presign(new PresignPanel(this))
    , m_publicRow(new QWidget(this))
    , m_publicUrl(new QLineEdit(this))
{
    setObjectName(u"objectInspector"_s);
    m_title->setObjectName(u"inspectorTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_metadata);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(1, 1);

    m_publicUrl->setObjectName(u"publicUrl"_s);
    m_publicUrl->setAccessibleName(tr("Public URL"));
    m_publicUrl->setReadOnly(true);
    auto *copyPublic = new QPushButton(tr("Copy"), m_publicRow);
    copyPublic->setObjectName(u"copyPublicUrl"_s);
    copyPublic->setAccessibleName(tr("Copy the public URL"));
    connect(copyPublic, &QPushButton::clicked, this, [this] {
        if (!m_publicUrl->text().isEmpty())
            QGuiApplication::clipboard()->setText(m_publicUrl->text());
    });
    auto *publicLayout = new QHBoxLayout(m_publicRow);
    publicLayout->setContentsMargins(0, 0, 0, 0);
    publicLayout->addWidget(new QLabel(tr("Public URL:"), m_publicRow));
    publicLayout->addWidget(m_publicUrl, 1);
    publicLayout->addWidget(copyPublic);
    m_publicRow->hide();

    auto *share = new QGroupBox(tr("Share"), this);
    share->setObjectName(u"shareBox"_s);
    auto *shareLayout = new QVBoxLayout(share);
    shareLayout->addWidget(m_presign);
    shareLayout->addWidget(m_publicRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    layout->addWidget(share);
    setObject({}, {});
}

ObjectInspector::~ObjectInspector()
{
    ++m_generation;
    cancelPending();
}

void ObjectInspector::setClient(client::S3Client *client)
{
    if (client == m_client)
        return;
    m_client = client;
    setObject({}, {});
}

client::S3Client *ObjectInspector::client() const
{
    return m_client;
}

bool ObjectInspector::isLoading() const
{
    return !m_pending.isNull();
}

void ObjectInspector::setObject(const QString &bucket, const QString &key)
{
    ++m_generation; // first: cancel() below answers at once, and that answer is stale
    cancelPending();
    m_bucket = bucket;
    m_key = key.endsWith(u'/') ? QString() : key;
    m_preview->clear();
    m_presign->setTarget(m_client, m_bucket, m_key);
    updatePublicUrl();
    if (m_key.isEmpty()) {
        m_title->setText(key.isEmpty() ? tr("No object selected") : tr("Folder %1").arg(key));
        m_metadata->showMessage(key.isEmpty() ? tr("Select an object to see its details.")
                                              : tr("Folders have no metadata of their own."));
        return;
    }
    m_title->setText(m_key.section(u'/', -1));
    m_title->setToolTip(u"s3://%1/%2"_s.arg(m_bucket, m_key));
    head();
}

void ObjectInspector::head()
{
    if (!m_client) {
        m_metadata->showMessage(tr("Not connected."));
        return;
    }
    m_metadata->showMessage(tr("Loading metadata…"));
    m_preview->clear(tr("Waiting for the metadata…"));
    const quint64 generation = m_generation;
    auto *reply = m_client->headObject({.bucket = m_bucket, .key = m_key});
    m_pending = reply;
    reply->onFinished(this, [this, generation](const client::Result<client::ObjectHead> &result) {
        if (generation != m_generation)
            return;
        m_pending = nullptr;
        if (!result.ok()) {
            const QString reason = result.error().userMessage();
            m_metadata->showMessage(tr("The details could not be loaded: %1").arg(reason));
            m_preview->clear(tr("No preview without the object's details."));
            Q_EMIT headLoaded(false);
            return;
        }
        m_metadata->showHead(result.value());
        m_preview->preview(m_client, m_bucket, m_key, result.value());
        Q_EMIT headLoaded(true);
    });
}

void ObjectInspector::cancelPending()
{
    if (m_pending && !m_pending->isFinished())
        m_pending->cancel();
    m_pending = nullptr;
}

void ObjectInspector::setPublicBaseUrl(const QUrl &base)
{
    m_publicBase = base;
    updatePublicUrl();
}

QString ObjectInspector::publicUrl() const
{
    return m_publicUrl->text();
}

void ObjectInspector::updatePublicUrl()
{
    const QString url = publicObjectUrl(m_publicBase, m_key);
    m_publicUrl->setText(url);
    m_publicUrl->setCursorPosition(0);
    m_publicRow->setVisible(!url.isEmpty());
}

} // namespace coffer::ui
