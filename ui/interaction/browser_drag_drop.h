#pragma once
// The browser's drag and drop, behind the tree and the object list: files and folders
// from the file manager become uploads to the bucket and prefix dropped on (a drop of
// more than a thousand files asks first, showing their total size, counted off the GUI
// thread); objects dragged inside Coffer move between prefixes and buckets of one
// connection, or copy to another connection; the platform's copy modifier (Ctrl on
// Linux and Windows, Option on macOS, which Qt turns into Qt::CopyAction) copies instead
// of moving; objects dragged out are downloaded (see StagedDownloadMime).

#include "ui/browser/object_drag_drop.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QWidget;

namespace coffer::ui {

class TransferOrders;

class BrowserDragDrop : public QObject, public ObjectDragDrop
{
    Q_OBJECT
public:
    // dialogParent: where the confirmation opens (not owned).
    BrowserDragDrop(TransferOrders *orders, QWidget *dialogParent, QObject *parent = nullptr);

    // Drops of more than this many files ask first (1,000 by default; 0 never asks).
    void setConfirmAbove(qint64 files) { m_confirmAbove = files; }
    // Where dragged-out objects are downloaded, a folder per drag (default: the app's cache).
    void setStagingRoot(const QString &folder) { m_stagingRoot = folder; }

    // Uploads the local files and folders to target, after counting them and asking when
    // there are many. Returns at once; the count and the question are asynchronous.
    void uploadDropped(const QStringList &localPaths, const Location &target);
    // The question of the drop being confirmed, while it is open.
    QMessageBox *pendingConfirmation() const { return m_confirmation; }

    QStringList dropMimeTypes() const override;
    bool canDrop(const QMimeData *data, const Location &target) const override;
    bool drop(const QMimeData *data, Qt::DropAction action, const Location &target) override;
    QMimeData *dragData(const Location &source, const QStringList &keys) override;

Q_SIGNALS:
    // A drop was counted and is about to be queued (or to ask first).
    void dropCounted(qint64 files, qint64 bytes);

private:
    void confirmUpload(const QStringList &localPaths, const Location &target, qint64 files, qint64 bytes);

    TransferOrders *m_orders;
    QPointer<QWidget> m_dialogParent;
    QPointer<QMessageBox> m_confirmation;
    qint64 m_confirmAbove = 1000;
    QString m_stagingRoot;
};

} // namespace coffer::ui
