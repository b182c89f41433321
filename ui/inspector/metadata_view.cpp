#include "ui/inspector/metadata_view.h"

#include "client/operation_params.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

MetadataView::MetadataView(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_message->setObjectName(u"metadataMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tree->setObjectName(u"metadataTree"_s);
    m_tree->setAccessibleName(tr("Object metadata"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Name"), tr("Value")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_tree, 1);
    showMessage(tr("Nothing selected."));
}

void MetadataView::showMessage(const QString &message)
{
    m_tree->clear();
    m_system = m_user = nullptr;
    m_tree->hide();
    m_message->setText(message);
    m_message->show();
}

QString MetadataView::message() const
{
    return m_tree->isHidden() ? m_message->text() : QString();
}

QTreeWidgetItem *MetadataView::addRow(QTreeWidgetItem *section, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(section, {name, value});
    item->setToolTip(1, value);
    return item;
}

void MetadataView::showHead(const client::ObjectHead &head)
{
    m_tree->clear();
    m_message->hide();
    m_tree->show();
    const QLocale locale;

    m_system = new QTreeWidgetItem(m_tree, {tr("System")});
    m_system->setFirstColumnSpanned(true);
    const qint64 size = head.objectSize();
    addRow(m_system, tr("Size"), tr("%1 (%2 bytes)")
                                     .arg(locale.formattedDataSize(size, 1, QLocale::DataSizeTraditionalFormat),
                                          locale.toString(size)));
    if (head.lastModified.isValid())
        addRow(m_system, tr("Last modified"), locale.toString(head.lastModified.toLocalTime(), QLocale::LongFormat));
    addRow(m_system, tr("ETag"), head.etag);
    addRow(m_system, tr("Content type"), head.contentType.isEmpty() ? tr("(not set)") : head.contentType);
    // S3 leaves the header out for STANDARD.
    addRow(m_system, tr("Storage class"), head.storageClass.isEmpty() ? u"STANDARD"_s : head.storageClass);
    const std::pair<QString, QString> optional[] = {
        {tr("Cache control"), head.cacheControl},
        {tr("Content encoding"), head.contentEncoding},
        {tr("Content disposition"), head.contentDisposition},
        {tr("Content language"), head.contentLanguage},
        {tr("Version ID"), head.versionId},
        {tr("Checksum CRC32"), head.checksums.crc32},
        {tr("Checksum CRC32C"), head.checksums.crc32c},
        {tr("Checksum CRC64NVME"), head.checksums.crc64nvme},
        {tr("Checksum SHA-1"), head.checksums.sha1},
        {tr("Checksum SHA-256"), head.checksums.sha256},
        {tr("Checksum type"), head.checksumType},
    };
    for (const auto &[name, value] : optional) {
        if (!value.isEmpty())
            addRow(m_system, name, value);
    }

    m_user = new QTreeWidgetItem(m_tree, {tr("User metadata")});
    m_user->setFirstColumnSpanned(true);
    for (const auto &[name, value] : head.metadata)
        addRow(m_user, name, value);
    if (head.metadata.isEmpty()) {
        auto *none = new QTreeWidgetItem(m_user, {tr("(none)")});
        none->setFlags(none->flags() & ~Qt::ItemIsSelectable);
    }
    m_tree->expandAll();
}

QString MetadataView::valueIn(const QTreeWidgetItem *section, const QString &name)
{
    if (!section)
        return {};
    for (int i = 0; i < section->childCount(); ++i) {
        if (section->child(i)->text(0) == name)
            return section->child(i)->text(1);
    }
    return {};
}

QString MetadataView::systemValue(const QString &name) const
{
    return valueIn(m_system, name);
}

QString MetadataView::userValue(const QString &name) const
{
    return valueIn(m_user, name);
}

} // namespace coffer::ui
