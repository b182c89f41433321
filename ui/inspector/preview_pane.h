#pragma once
// The inspector's preview: images scaled to fit (decoded off the GUI thread), text and
// code highlighted by KSyntaxHighlighting. Only the first bytes of a large object are
// fetched (a ranged GET up to the cap); "Load anyway" fetches the rest on request.

#include "client/operation_params.h"

#include <QImage>
#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace KSyntaxHighlighting {
class Repository;
class SyntaxHighlighter;
}

namespace coffer::client {
class S3Call;
class S3Client;
}

namespace coffer::ui {

enum class PreviewKind { Image, Text, Unknown };

class PreviewPane : public QWidget
{
    Q_OBJECT
public:
    enum class State { Empty, Loading, Text, Image, Message };
    Q_ENUM(State)

    static constexpr qint64 kDefaultTextCap = 1024 * 1024;       // highlighting is GUI-thread work
    static constexpr qint64 kDefaultImageCap = 16 * 1024 * 1024; // a cut image shows nothing

    explicit PreviewPane(QWidget *parent = nullptr);
    ~PreviewPane() override;

    void setSizeCaps(qint64 textCap, qint64 imageCap);

    // Shows the object HeadObject described (head gives its size and Content-Type).
    // The client is not owned and must outlive the request or clear() be called first.
    void preview(client::S3Client *client, const QString &bucket, const QString &key, const client::ObjectHead &head);
    // Stops any download and shows the message (none: the empty state).
    void clear(const QString &message = {});
    // Fetches the whole object despite the cap.
    void loadAnyway();

    State state() const { return m_state; }
    QString statusText() const;
    bool isTruncated() const { return m_truncated; }
    bool canLoadAnyway() const;
    QPlainTextEdit *textView() const { return m_text; }
    KSyntaxHighlighting::SyntaxHighlighter *highlighter() const { return m_highlighter; }
    QString definitionName() const; // the highlighting definition in use, empty for none
    QImage image() const { return m_image; }

    // What kind of preview an object gets, by its key's extension, then its Content-Type.
    PreviewKind kindFor(const QString &key, const QString &contentType);

Q_SIGNALS:
    void stateChanged(coffer::ui::PreviewPane::State state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fetch(bool whole);
    void showBytes(const QByteArray &bytes, quint64 generation);
    void showText(const QByteArray &bytes);
    void showMessage(const QString &message, bool offerLoadAnyway = false);
    void setState(State state);
    void cancelPending();
    KSyntaxHighlighting::Repository &repository();

    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository;
    QLabel *m_status = nullptr;
    QPushButton *m_loadAnyway = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_imageLabel = nullptr;
    QPlainTextEdit *m_text = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;

    QPointer<client::S3Client> m_client;
    QPointer<client::S3Call> m_pending;
    QString m_bucket;
    QString m_key;
    client::ObjectHead m_head;
    PreviewKind m_kind = PreviewKind::Unknown;
    qint64 m_textCap = kDefaultTextCap;
    qint64 m_imageCap = kDefaultImageCap;
    bool m_truncated = false;
    quint64 m_generation = 0; // answers for an older selection are dropped
    State m_state = State::Empty;
    QImage m_image;
};

} // namespace coffer::ui
