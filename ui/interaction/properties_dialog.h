#pragma once
// Edits what an object carries besides its bytes: Content-Type, Cache-Control and user
// metadata. Opens with the values HeadObject reports and applies the change with a
// CopyObject of the object onto itself with the REPLACE directive (the only way S3
// changes metadata); the other stored headers (Content-Disposition, -Encoding,
// -Language) are carried over unchanged so that REPLACE does not drop them.
// Non-modal and asynchronous: it reads, then writes, without blocking anything.

#include "client/operation_params.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace coffer::client {
class S3Client;
}

namespace coffer::ui {

class PropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    // client is not owned; the dialog stops working (with a message) if it goes away.
    PropertiesDialog(
        client::S3Client *client, const QString &bucket, const QString &key, QWidget *parent = nullptr);

    QLineEdit *contentTypeEdit() const { return m_contentType; }
    QLineEdit *cacheControlEdit() const { return m_cacheControl; }
    QTableWidget *metadataTable() const { return m_metadata; }
    QString statusText() const;
    bool isLoaded() const { return m_loaded; }
    // Sets metadata rows (name, value) in the table, replacing what it shows.
    void setMetadata(const client::MetadataList &metadata);
    client::MetadataList metadata() const;

    // Applies the edits (what OK does); the dialog closes once the server took them.
    void apply();

Q_SIGNALS:
    // The server stored the new properties.
    void applied();

private:
    void load();
    void showHead(const client::ObjectHead &head);
    void showProblem(const QString &message);

    QPointer<client::S3Client> m_client;
    QString m_bucket;
    QString m_key;
    client::ObjectHead m_head;
    bool m_loaded = false;
    QLineEdit *m_contentType;
    QLineEdit *m_cacheControl;
    QTableWidget *m_metadata;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace coffer::ui
