#pragma once
// The presigned link generator: method, expiry (up to the 7 days SigV4 allows) and a
// copy button. Links are signed locally by S3Client::presign; nothing is sent.

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace coffer::client {
class S3Client;
}

namespace coffer::ui {

class PresignPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxExpirySeconds = 7 * 24 * 3600;

    explicit PresignPanel(QWidget *parent = nullptr);

    // The object to sign for (client not owned; empty key: nothing to sign).
    void setTarget(client::S3Client *client, const QString &bucket, const QString &key);

    void setMethod(const QByteArray &method); // GET, PUT, HEAD or DELETE
    QByteArray method() const;
    // Picks the largest unit that expresses seconds exactly; clamped to 1 minute .. 7 days.
    void setExpirySeconds(qint64 seconds);
    qint64 expirySeconds() const;

    // The link signed at the last change (empty with an error shown when it cannot be).
    QString url() const;
    QString errorText() const;
    // Signs afresh (so the expiry counts from now) and puts the link on the clipboard.
    void copyLink();

private:
    void regenerate();
    void unitChanged();

    QComboBox *m_method = nullptr;
    QSpinBox *m_amount = nullptr;
    QComboBox *m_unit = nullptr;
    QLineEdit *m_url = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_error = nullptr;
    QPointer<client::S3Client> m_client;
    QString m_bucket;
    QString m_key;
};

} // namespace coffer::ui
