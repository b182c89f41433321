#include "ui/interaction/properties_dialog.h"

#include "client/s3_client.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::ui {

PropertiesDialog::PropertiesDialog(
    client::S3Client *client, const QString &bucket, const QString &key, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_bucket(bucket)
    , m_key(key)
    , m_contentType(new QLineEdit(this))
    , m_cacheControl(new QLineEdit(this))
    , m_metadata(new QTableWidget(0, 2, this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"propertiesDialog"_s);
    setWindowTitle(tr("Properties of %1").arg(key));
    setAccessibleName(tr("Object properties"));

    m_contentType->setObjectName(u"contentType"_s);
    m_contentType->setAccessibleName(tr("Content-Type"));
    m_contentType->setPlaceholderText(u"application/octet-stream"_s);
    m_cacheControl->setObjectName(u"cacheControl"_s);
    m_cacheControl->setAccessibleName(tr("Cache-Control"));
    m_cacheControl->setPlaceholderText(u"max-age=3600"_s);

    m_metadata->setObjectName(u"userMetadata"_s);
    m_metadata->setAccessibleName(tr("User metadata"));
    m_metadata->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_metadata->horizontalHeader()->setStretchLastSection(true);
    m_metadata->verticalHeader()->hide();
    auto *add = new QPushButton(tr("&Add"), this);
    add->setAccessibleName(tr("Add metadata"));
    connect(add, &QPushButton::clicked, this, [this] {
        m_metadata->insertRow(m_metadata->rowCount());
        m_metadata->setCurrentCell(m_metadata->rowCount() - 1, 0);
        m_metadata->editItem(m_metadata->currentItem());
    });
    auto *remove = new QPushButton(tr("&Remove"), this);
    remove->setAccessibleName(tr("Remove metadata"));
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_metadata->currentRow() >= 0)
            m_metadata->removeRow(m_metadata->currentRow());
    });

    m_status->setObjectName(u"propertiesStatus"_s);
    m_status->setWordWrap(true);
    m_status->setText(tr("Reading the object's properties…"));

    auto *form = new QFormLayout;
    form->addRow(tr("Content-&Type:"), m_contentType);
    form->addRow(tr("&Cache-Control:"), m_cacheControl);
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("User metadata (x-amz-meta-*):"), this));
    layout->addWidget(m_metadata, 1);
    layout->addLayout(rowButtons);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PropertiesDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load();
}

QString PropertiesDialog::statusText() const
{
    return m_status->text();
}

void PropertiesDialog::load()
{
    if (!m_client) {
        showProblem(tr("The connection is closed. Open it again, then retry."));
        return;
    }
    m_client->headObject({ .bucket = m_bucket, .key = m_key })
        ->onFinished(this, [this](const client::Result<client::ObjectHead> &head) {
            if (!head.ok()) {
                showProblem(head.error().userMessage());
                return;
            }
            showHead(head.value());
        });
}

void PropertiesDialog::showHead(const client::ObjectHead &head)
{
    m_head = head;
    m_contentType->setText(head.contentType);
    m_cacheControl->setText(head.cacheControl);
    setMetadata(head.metadata);
    m_loaded = true;
    m_status->clear();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

void PropertiesDialog::setMetadata(const client::MetadataList &metadata)
{
    m_metadata->setRowCount(0);
    for (const auto &[name, value] : metadata) {
        const int row = m_metadata->rowCount();
        m_metadata->insertRow(row);
        m_metadata->setItem(row, 0, new QTableWidgetItem(name));
        m_metadata->setItem(row, 1, new QTableWidgetItem(value));
    }
}

client::MetadataList PropertiesDialog::metadata() const
{
    client::MetadataList list;
    for (int row = 0; row < m_metadata->rowCount(); ++row) {
        const QTableWidgetItem *name = m_metadata->item(row, 0);
        const QTableWidgetItem *value = m_metadata->item(row, 1);
        const QString trimmed = name ? name->text().trimmed().toLower() : QString();
        if (!trimmed.isEmpty())
            list.append({ trimmed, value ? value->text() : QString() });
    }
    return list;
}

void PropertiesDialog::showProblem(const QString &message)
{
    m_status->setText(message);
}

void PropertiesDialog::apply()
{
    if (!m_loaded || !m_client)
        return;
    for (const auto &[name, value] : metadata()) {
        // Header names allow letters, digits and '-' here; anything else is refused by
        // stores in ways that are hard to read, so say it before sending.
        const bool valid = std::all_of(name.cbegin(), name.cend(),
            [](QChar c) { return c.unicode() < 128 && (c.isLetterOrNumber() || c == u'-' || c == u'_'); });
        if (!valid) {
            showProblem(
                tr("The metadata name “%1” may only hold letters, digits, '-' and '_'. Rename it, then "
                   "press OK again.")
                    .arg(name));
            return;
        }
    }
    client::CopyObjectParams params;
    params.source = { .bucket = m_bucket, .key = m_key };
    params.bucket = m_bucket;
    params.key = m_key;
    params.directive = client::MetadataDirective::Replace;
    // Only the exact version read is rewritten: a concurrent change is not overwritten.
    params.sourceConditions.ifMatch = m_head.etag;
    params.attributes.contentType = m_contentType->text().trimmed();
    params.attributes.cacheControl = m_cacheControl->text().trimmed();
    params.attributes.contentDisposition = m_head.contentDisposition;
    params.attributes.contentEncoding = m_head.contentEncoding;
    params.attributes.contentLanguage = m_head.contentLanguage;
    params.attributes.storageClass = m_head.storageClass;
    params.attributes.metadata = metadata();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_status->setText(tr("Saving…"));
    m_client->copyObject(params)->onFinished(
        this, [this](const client::Result<s3::CopyObjectResult> &copied) {
            if (!copied.ok()) {
                showProblem(copied.error().userMessage());
                m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                return;
            }
            Q_EMIT applied();
            accept();
        });
}

} // namespace coffer::ui
