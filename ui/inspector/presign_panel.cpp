#include "ui/inspector/presign_panel.h"

#include "client/s3_client.h"

#include <QClipboard>
#include <QComboBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager> // s3_client.h holds a QPointer to one
#include <QPushButton>
#include <QSpinBox>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

// Seconds per unit, in the unit combo box's order.
constexpr qint64 kUnitSeconds[] = {60, 3600, 24 * 3600};

} // namespace

PresignPanel::PresignPanel(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_amount(new QSpinBox(this))
    , m_unit(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Copy link"), this))
    , m_error(new QLabel(this))
{
    setObjectName(u"presignPanel"_s);
    for (const char *method : {"GET", "PUT", "HEAD", "DELETE"})
        m_method->addItem(QString::fromLatin1(method), QByteArray(method));
    m_method->setObjectName(u"presignMethod"_s);
    m_method->setAccessibleName(tr("HTTP method the link allows"));

    m_amount->setObjectName(u"presignExpiry"_s);
    m_amount->setAccessibleName(tr("Link lifetime"));
    // The spin box's own editor is what takes focus; screen readers announce it.
    if (auto *editor = m_amount->findChild<QLineEdit *>())
        editor->setAccessibleName(m_amount->accessibleName());
    m_amount->setMinimum(1);
    m_unit->setObjectName(u"presignExpiryUnit"_s);
    m_unit->setAccessibleName(tr("Link lifetime unit"));
    m_unit->addItems({tr("minutes"), tr("hours"), tr("days")});

    m_url->setObjectName(u"presignUrl"_s);
    m_url->setAccessibleName(tr("Presigned link"));
    m_url->setReadOnly(true);
    m_copy->setObjectName(u"copyPresignedLink"_s);
    m_copy->setAccessibleName(tr("Copy the presigned link"));
    m_error->setObjectName(u"presignError"_s);
    m_error->setWordWrap(true);
    m_error->hide();

    auto *expiry = new QHBoxLayout;
    expiry->addWidget(m_amount, 1);
    expiry->addWidget(m_unit);
    auto *link = new QHBoxLayout;
    link->addWidget(m_url, 1);
    link->addWidget(m_copy);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Method:"), m_method);
    form->addRow(tr("Expires in:"), expiry);
    form->addRow(tr("Link:"), link);
    form->addRow(m_error);

    setExpirySeconds(3600);
    connect(m_method, &QComboBox::currentIndexChanged, this, &PresignPanel::regenerate);
    connect(m_amount, &QSpinBox::valueChanged, this, &PresignPanel::regenerate);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &PresignPanel::unitChanged);
    connect(m_copy, &QPushButton::clicked, this, &PresignPanel::copyLink);
    regenerate();
}

void PresignPanel::setTarget(client::S3Client *client, const QString &bucket, const QString &key)
{
    m_client = client;
    m_bucket = bucket;
    m_key = key;
    regenerate();
}

void PresignPanel::setMethod(const QByteArray &method)
{
    const int index = m_method->findData(method);
    if (index >= 0)
        m_method->setCurrentIndex(index);
}

QByteArray PresignPanel::method() const
{
    return m_method->currentData().toByteArray();
}

void PresignPanel::setExpirySeconds(qint64 seconds)
{
    seconds = std::clamp<qint64>(seconds, 60, kMaxExpirySeconds);
    int unit = 0;
    for (int i = 2; i >= 0; --i) {
        if (seconds % kUnitSeconds[i] == 0) {
            unit = i;
            break;
        }
    }
    const QSignalBlocker blockUnit(m_unit);
    const QSignalBlocker blockAmount(m_amount);
    m_unit->setCurrentIndex(unit);
    m_amount->setMaximum(int(kMaxExpirySeconds / kUnitSeconds[unit]));
    m_amount->setValue(int(seconds / kUnitSeconds[unit]));
    regenerate();
}

qint64 PresignPanel::expirySeconds() const
{
    return qint64(m_amount->value()) * kUnitSeconds[std::max(0, m_unit->currentIndex())];
}

void PresignPanel::unitChanged()
{
    // 7 days is the ceiling whatever the unit: 10,080 minutes, 168 hours, 7 days.
    const QSignalBlocker block(m_amount);
    m_amount->setMaximum(int(kMaxExpirySeconds / kUnitSeconds[std::max(0, m_unit->currentIndex())]));
    regenerate();
}

QString PresignPanel::url() const
{
    return m_url->text();
}

QString PresignPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PresignPanel::regenerate()
{
    const bool ready = m_client && !m_key.isEmpty();
    m_copy->setEnabled(ready);
    setEnabled(ready || !m_key.isEmpty());
    if (!ready) {
        m_url->clear();
        m_error->hide();
        return;
    }
    const auto signedUrl = m_client->presign({.method = method(), .bucket = m_bucket, .key = m_key,
                                              .expiresSeconds = expirySeconds()});
    if (!signedUrl) {
        m_url->clear();
        m_copy->setEnabled(false);
        m_error->setText(signedUrl.error().userMessage());
        m_error->show();
        return;
    }
    m_error->hide();
    m_url->setText(signedUrl.value().toString(QUrl::FullyEncoded));
    m_url->setCursorPosition(0);
}

void PresignPanel::copyLink()
{
    regenerate();
    if (!m_url->text().isEmpty())
        QGuiApplication::clipboard()->setText(m_url->text());
}

} // namespace coffer::ui
