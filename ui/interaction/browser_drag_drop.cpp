#include "ui/interaction/browser_drag_drop.h"

#include "ui/interaction/dropped_files.h"
#include "ui/interaction/object_selection.h"
#include "ui/interaction/staged_download_mime.h"
#include "ui/interaction/transfer_orders.h"

#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

QStringList localPaths(const QMimeData *data)
{
    QStringList paths;
    if (!data->hasUrls())
        return paths;
    for (const QUrl &url : data->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    return paths;
}

} // namespace

BrowserDragDrop::BrowserDragDrop(TransferOrders *orders, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_orders(orders)
    , m_dialogParent(dialogParent)
    , m_stagingRoot(
          QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).filePath(u"drag-out"_s))
{ }

QStringList BrowserDragDrop::dropMimeTypes() const
{
    return { QString::fromLatin1(kObjectSelectionMime), u"text/uri-list"_s };
}

bool BrowserDragDrop::canDrop(const QMimeData *data, const Location &target) const
{
    if (!data || target.bucket.isEmpty())
        return false;
    // The private format first: our own drags also offer file URLs, for file managers.
    if (data->hasFormat(QString::fromLatin1(kObjectSelectionMime)))
        return ObjectSelection::readFrom(data).has_value();
    return !localPaths(data).isEmpty();
}

bool BrowserDragDrop::drop(const QMimeData *data, Qt::DropAction action, const Location &target)
{
    if (!canDrop(data, target))
        return false;
    if (const std::optional<ObjectSelection> selection = ObjectSelection::readFrom(data))
        return m_orders->transfer(*selection, target, action == Qt::MoveAction);
    uploadDropped(localPaths(data), target);
    return true;
}

void BrowserDragDrop::uploadDropped(const QStringList &localPaths, const Location &target)
{
    countDroppedFilesAsync(localPaths, this, [this, localPaths, target](const DroppedFiles &tally) {
        Q_EMIT dropCounted(tally.files, tally.bytes);
        if (m_confirmAbove > 0 && tally.files > m_confirmAbove)
            confirmUpload(localPaths, target, tally.files, tally.bytes);
        else
            m_orders->upload(localPaths, target);
    });
}

void BrowserDragDrop::confirmUpload(
    const QStringList &localPaths, const Location &target, qint64 files, qint64 bytes)
{
    // open(), not exec(): the question waits without a nested event loop, and the
    // upload is queued from the button's signal.
    auto *box = new QMessageBox(m_dialogParent);
    box->setObjectName(u"largeDropConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Upload Many Files?"));
    box->setText(tr("Upload %1 files (%2) to %3?")
            .arg(QLocale().toString(files), QLocale().formattedDataSize(bytes), target.path()));
    box->setInformativeText(tr("They are queued in Transfers, where you can pause or cancel them."));
    QPushButton *upload = box->addButton(tr("&Upload"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(upload);
    box->setAccessibleName(tr("Confirm upload"));
    connect(
        box, &QMessageBox::buttonClicked, this, [this, upload, localPaths, target](QAbstractButton *button) {
            if (button == upload)
                m_orders->upload(localPaths, target);
        });
    m_confirmation = box;
    box->open();
}

QMimeData *BrowserDragDrop::dragData(const Location &source, const QStringList &keys)
{
    return new StagedDownloadMime(m_orders, source, keys, m_stagingRoot);
}

} // namespace coffer::ui
