#pragma once
// What objects dragged out of the browser carry: the private in-app selection (moves and
// copies inside Coffer), s3:// URIs as text, and file URLs for file managers.
//
// Why a staging folder with delayed file URLs: a file manager takes a drop as a list of
// file URLs and copies those files itself, reading the list at the moment of the drop.
// The platforms' real "promise" mechanisms (XDS direct save on X11, NSFilePromiseProvider
// on macOS, CFSTR_FILECONTENTS with IDataObjectAsyncCapability on Windows) are outside
// Qt's public API, are missing on Wayland, and XDS is honoured by only some file
// managers; answering the URL request by downloading on the spot would block the GUI
// thread, which we never do. So the URL list is produced lazily: the first time another
// application asks for text/uri-list (while the drag hovers over it, or at the drop),
// the objects are queued as ordinary download jobs into a fresh staging folder and the
// URLs of their final names are returned at once. Downloads write name.part and rename
// into place only once verified, so a file manager never copies a half-written file: a
// small object is there by the time the drop completes, and for a large one the file
// manager reports it missing rather than copying garbage, while the job keeps going in
// the Transfers dock (whose "open containing folder" leads to it). In-app drops read
// only the private format, so they never start a download. "Download to…" is the
// dependable path for large objects.

#include "ui/browser/location.h"

#include <QMimeData>
#include <QPointer>
#include <QStringList>

namespace coffer::ui {

class TransferOrders;

class StagedDownloadMime : public QMimeData
{
    Q_OBJECT
public:
    // stagingRoot: where a folder per drag is made (the app's cache).
    StagedDownloadMime(
        TransferOrders *orders, const Location &source, const QStringList &keys, const QString &stagingRoot);

    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;
    // The staging folder, once downloads were queued; empty before.
    QString stagingFolder() const { return m_folder; }

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QList<QUrl> stage() const;

    QPointer<TransferOrders> m_orders;
    Location m_source;
    QStringList m_keys;
    QString m_stagingRoot;
    mutable QString m_folder;
    mutable QList<QUrl> m_urls;
};

} // namespace coffer::ui
