#include "ui/inspector/preview_pane.h"

#include "ui/inspector/image_decoding.h"

#include "client/s3_client.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QBuffer>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QNetworkAccessManager> // s3_client.h holds a QPointer to one
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

constexpr QSize kImageBox(640, 640); // logical pixels; the pane scales it by the screen's ratio
constexpr qint64 kSniffBytes = 8192;

QString byteSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString mimeOf(const QString &contentType)
{
    return contentType.section(u';', 0, 0).trimmed().toLower();
}

// Types without a highlighting definition of their own that are still worth reading.
bool isTextMime(const QString &mime)
{
    static const QStringList textual = {u"application/json"_s, u"application/xml"_s,
                                        u"application/javascript"_s, u"application/x-yaml"_s,
                                        u"application/yaml"_s, u"application/toml"_s,
                                        u"application/x-sh"_s, u"application/sql"_s};
    return mime.startsWith(u"text/") || mime.endsWith(u"+json") || mime.endsWith(u"+xml") || textual.contains(mime);
}

// Drops a UTF-8 sequence cut by the range's end, so no replacement character shows.
QByteArray withoutCutCharacter(QByteArray bytes)
{
    qsizetype i = bytes.size();
    int continuation = 0;
    while (i > 0 && (uchar(bytes.at(i - 1)) & 0xc0) == 0x80 && continuation < 3) {
        --i;
        ++continuation;
    }
    if (i == 0)
        return bytes;
    const uchar lead = uchar(bytes.at(i - 1));
    const int needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    if (needed > continuation)
        bytes.truncate(i - 1);
    return bytes;
}

} // namespace

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_loadAnyway(new QPushButton(tr("Load anyway"), this))
    , m_stack(new QStackedWidget(this))
    , m_imageLabel(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(u"previewPane"_s);
    m_status->setObjectName(u"previewStatus"_s);
    m_status->setWordWrap(true);
    m_loadAnyway->setObjectName(u"loadAnyway"_s);
    m_loadAnyway->setAccessibleName(tr("Load the whole object for the preview"));
    m_loadAnyway->hide();
    connect(m_loadAnyway, &QPushButton::clicked, this, &PreviewPane::loadAnyway);

    m_imageLabel->setObjectName(u"previewImage"_s);
    m_imageLabel->setAccessibleName(tr("Image preview"));
    m_imageLabel->setAlignment(Qt::AlignCenter);
    m_text->setObjectName(u"previewText"_s);
    m_text->setAccessibleName(tr("Text preview"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_stack->addWidget(m_imageLabel);
    m_stack->addWidget(m_text);
    m_stack->hide();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_loadAnyway);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    clear();
}

PreviewPane::~PreviewPane()
{
    ++m_generation;
    cancelPending();
}

void PreviewPane::setSizeCaps(qint64 textCap, qint64 imageCap)
{
    m_textCap = std::max<qint64>(1, textCap);
    m_imageCap = std::max<qint64>(1, imageCap);
}

KSyntaxHighlighting::Repository &PreviewPane::repository()
{
    // Loading the definitions index takes a moment: only when a preview first needs it.
    if (!m_repository)
        m_repository = std::make_unique<KSyntaxHighlighting::Repository>();
    return *m_repository;
}

PreviewKind PreviewPane::kindFor(const QString &key, const QString &contentType)
{
    const QString mime = mimeOf(contentType);
    const QByteArray suffix = QFileInfo(key).suffix().toLower().toUtf8();
    if ((!suffix.isEmpty() && QImageReader::supportedImageFormats().contains(suffix))
        || (mime.startsWith(u"image/") && QImageReader::supportedMimeTypes().contains(mime.toUtf8())))
        return PreviewKind::Image;
    const QString name = key.section(u'/', -1);
    if (repository().definitionForFileName(name).isValid() || isTextMime(mime)
        || (!mime.isEmpty() && repository().definitionForMimeType(mime).isValid()))
        return PreviewKind::Text;
    return PreviewKind::Unknown;
}

void PreviewPane::preview(client::S3Client *client, const QString &bucket, const QString &key,
                          const client::ObjectHead &head)
{
    cancelPending();
    m_client = client;
    m_bucket = bucket;
    m_key = key;
    m_head = head;
    m_kind = kindFor(key, head.contentType);
    fetch(false);
}

void PreviewPane::loadAnyway()
{
    if (m_client && !m_key.isEmpty())
        fetch(true);
}

bool PreviewPane::canLoadAnyway() const
{
    return !m_loadAnyway->isHidden();
}

void PreviewPane::fetch(bool whole)
{
    const quint64 generation = ++m_generation; // first: cancel() answers at once
    cancelPending();
    const qint64 size = m_head.objectSize();
    m_truncated = false;
    m_image = {};
    if (!m_client) {
        showMessage(tr("Not connected."));
        return;
    }
    if (size == 0) {
        showMessage(tr("The object is empty."));
        return;
    }
    if (m_kind == PreviewKind::Image && !whole && size > m_imageCap) {
        showMessage(tr("This image is %1, more than the %2 preview limit.").arg(byteSize(size), byteSize(m_imageCap)),
                    true);
        return;
    }
    client::GetObjectParams params{.bucket = m_bucket, .key = m_key};
    // Unknown types: a look at the first bytes tells text from binary.
    const qint64 cap = m_kind == PreviewKind::Unknown ? std::min(m_textCap, kSniffBytes) : m_textCap;
    if (m_kind != PreviewKind::Image && !whole && size > cap) {
        params.range = client::ByteRange{.first = 0, .last = cap - 1};
        m_truncated = true;
    }
    auto *sink = new QBuffer(this);
    sink->open(QIODevice::WriteOnly);
    setState(State::Loading);
    m_status->setText(tr("Loading preview…"));
    m_loadAnyway->hide();
    auto *reply = m_client->getObject(params, sink);
    m_pending = reply;
    reply->onFinished(this, [this, sink, generation](const client::Result<client::ObjectHead> &result) {
        sink->deleteLater();
        if (generation != m_generation)
            return;
        m_pending = nullptr;
        if (!result.ok()) {
            if (result.error().kind != s3::S3Error::Kind::Canceled)
                showMessage(tr("The preview could not be loaded: %1").arg(result.error().userMessage()));
            return;
        }
        showBytes(sink->data(), generation);
    });
}

void PreviewPane::showBytes(const QByteArray &bytes, quint64 generation)
{
    if (m_kind == PreviewKind::Image) {
        m_status->setText(tr("Decoding image…"));
        const qreal ratio = devicePixelRatioF();
        auto shown = decodeScaledImage(bytes, kImageBox * ratio).then(this, [this, generation, ratio](const QImage &image) {
            if (generation != m_generation)
                return;
            if (image.isNull()) {
                showMessage(tr("The image could not be read: its bytes are not a supported image format."));
                return;
            }
            m_image = image;
            QPixmap pixmap = QPixmap::fromImage(image);
            pixmap.setDevicePixelRatio(ratio);
            m_imageLabel->setPixmap(pixmap);
            m_status->setText(tr("Image, shown at %1 × %2 pixels").arg(image.width()).arg(image.height()));
            m_stack->setCurrentWidget(m_imageLabel);
            m_stack->show();
            setState(State::Image);
        });
        Q_UNUSED(shown) // the continuation runs on this object's thread, or not at all once it is gone
        return;
    }
    const QByteArray head = bytes.left(kSniffBytes);
    if (head.contains('\0')) {
        showMessage(tr("No preview: the object holds binary data (%1).")
                        .arg(m_head.contentType.isEmpty() ? tr("no Content-Type") : m_head.contentType));
        return;
    }
    if (m_kind == PreviewKind::Unknown) {
        // The first bytes read as text: now worth fetching up to the text cap.
        m_kind = PreviewKind::Text;
        if (m_truncated && m_textCap > bytes.size()) {
            fetch(false);
            return;
        }
    }
    showText(m_truncated ? withoutCutCharacter(bytes) : bytes);
}

void PreviewPane::showText(const QByteArray &bytes)
{
    auto &repo = repository();
    KSyntaxHighlighting::Definition definition = repo.definitionForFileName(m_key.section(u'/', -1));
    if (!definition.isValid())
        definition = repo.definitionForMimeType(mimeOf(m_head.contentType));
    if (!m_highlighter) {
        m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_text->document());
        m_highlighter->setTheme(repo.themeForPalette(palette()));
    }
    m_highlighter->setDefinition(definition);
    m_text->setPlainText(QString::fromUtf8(bytes));
    if (m_truncated) {
        m_status->setText(tr("Showing the first %1 of %2.").arg(byteSize(bytes.size()), byteSize(m_head.objectSize())));
        m_loadAnyway->show();
    } else {
        m_status->setText(definition.isValid() ? definition.translatedName() : tr("Plain text"));
        m_loadAnyway->hide();
    }
    m_stack->setCurrentWidget(m_text);
    m_stack->show();
    setState(State::Text);
}

void PreviewPane::showMessage(const QString &message, bool offerLoadAnyway)
{
    m_stack->hide();
    m_status->setText(message);
    m_loadAnyway->setVisible(offerLoadAnyway);
    setState(message.isEmpty() ? State::Empty : State::Message);
}

void PreviewPane::clear(const QString &message)
{
    ++m_generation;
    cancelPending();
    m_client = nullptr;
    m_key.clear();
    m_truncated = false;
    m_image = {};
    m_imageLabel->clear();
    m_text->clear();
    showMessage(message);
}

void PreviewPane::changeEvent(QEvent *event)
{
    // Follow the system colour scheme: a dark palette gets a dark highlighting theme.
    if (event->type() == QEvent::PaletteChange && m_highlighter) {
        m_highlighter->setTheme(repository().themeForPalette(palette()));
        m_highlighter->rehighlight();
    }
    QWidget::changeEvent(event);
}

QString PreviewPane::statusText() const
{
    return m_status->text();
}

QString PreviewPane::definitionName() const
{
    return m_highlighter && m_highlighter->definition().isValid() ? m_highlighter->definition().name() : QString();
}

void PreviewPane::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void PreviewPane::cancelPending()
{
    if (m_pending && !m_pending->isFinished())
        m_pending->cancel();
    m_pending = nullptr;
}

} // namespace coffer::ui
