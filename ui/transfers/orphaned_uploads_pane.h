#pragma once
// Unfinished multipart uploads of one bucket: parts a crashed or cancelled upload left on
// the store, billed until aborted. Lists them (key, started, parts, size) and aborts a
// selection or all of them after a confirmation that says how much is freed. The app
// points it at the bucket in view:
//
//   pane->setBucket(connection->client(), u"photos"_s);   // scans at once
//
// The confirmation is a window-modal QMessageBox opened with open(), never exec(): the
// event loop keeps running and the answer arrives through a signal.

#include <QMessageBox>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QTreeView;

namespace coffer::client {
class S3Client;
}
namespace coffer::transfer {
class OrphanedUploads;
struct OrphanedUpload;
} // namespace coffer::transfer

namespace coffer::ui {

class OrphanedUploadsModel;

class OrphanedUploadsPane : public QWidget
{
    Q_OBJECT
public:
    explicit OrphanedUploadsPane(QWidget *parent = nullptr);
    ~OrphanedUploadsPane() override;

    // The client is not owned and must outlive the pane (or be replaced first).
    void setBucket(client::S3Client *client, const QString &bucket);
    QString bucket() const { return m_bucket; }

    OrphanedUploadsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    QString statusText() const;
    QAction *refreshAction() const { return m_refresh; }
    QAction *abortAction() const { return m_abort; }
    QAction *abortAllAction() const { return m_abortAll; }
    // The open confirmation, if any (tests answer it).
    QMessageBox *confirmation() const { return m_confirmation; }

    void refresh();
    // Asks, then aborts: the selected rows, or every row.
    void abortSelected();
    void abortAll();

Q_SIGNALS:
    // A scan or an abort finished (the rows are current).
    void updated();

private:
    void confirmAbort(const QList<transfer::OrphanedUpload> &uploads);
    void onScanFinished();
    void onAbortFinished();
    void updateActions();
    void showContextMenu(const QPoint &position);

    OrphanedUploadsModel *m_model;
    QTreeView *m_view;
    QLabel *m_status;
    QAction *m_refresh;
    QAction *m_abort;
    QAction *m_abortAll;
    QPointer<QMessageBox> m_confirmation;
    transfer::OrphanedUploads *m_scanner = nullptr;
    QString m_bucket;
};

} // namespace coffer::ui
