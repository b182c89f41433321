#pragma once
// The inspector pane for the selected object: its metadata from one HeadObject, a
// preview, a presigned link generator and, where the bucket is public, its public URL.
// Put it in a QDockWidget and feed it the selection:
//
//   auto *inspector = new coffer::ui::ObjectInspector(dock);
//   inspector->setClient(client);                 // when the connection changes
//   inspector->setObject(bucket, key);            // on selection change; key "" clears
//   inspector->setPublicBaseUrl(QUrl(...));       // bucket settings; QUrl() when private
//   dock->setWidget(inspector);
//
// One HEAD per setObject() (never per listed row); a newer selection cancels the older
// requests and their late answers are dropped.

#include "client/operation_params.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace coffer::client {
class S3Call;
class S3Client;
}

namespace coffer::ui {

class MetadataView;
class PresignPanel;
class PreviewPane;

class ObjectInspector : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectInspector(QWidget *parent = nullptr);
    ~ObjectInspector() override;

    // Not owned. Setting another client clears the selection.
    void setClient(client::S3Client *client);
    client::S3Client *client() const;

    // The selected object; an empty key (or one ending in '/', a folder) shows no object.
    void setObject(const QString &bucket, const QString &key);
    QString bucket() const { return m_bucket; }
    QString key() const { return m_key; }

    // The bucket's public base URL (custom domain, r2.dev, ...), or an empty QUrl.
    void setPublicBaseUrl(const QUrl &base);
    QString publicUrl() const;

    bool isLoading() const; // a HeadObject is in flight
    MetadataView *metadata() const { return m_metadata; }
    PreviewPane *preview() const { return m_preview; }
    PresignPanel *presign() const { return m_presign; }

Q_SIGNALS:
    // After each HeadObject answer (ok or not) for the current selection.
    void headLoaded(bool ok);

private:
    void head();
    void cancelPending();
    void updatePublicUrl();

    QLabel *m_title = nullptr;
    MetadataView *m_metadata = nullptr;
    PreviewPane *m_preview = nullptr;
    PresignPanel *m_presign = nullptr;
    QWidget *m_publicRow = nullptr;
    QLineEdit *m_publicUrl = nullptr;

    QPointer<client::S3Client> m_client;
    QPointer<client::S3Call> m_pending;
    QString m_bucket;
    QString m_key;
    QUrl m_publicBase;
    quint64 m_generation = 0;
};

} // namespace coffer::ui
