#include "ui/dialogs/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

QSpinBox *spinBox(QWidget *parent, const QString &name, const QString &accessible, int low, int high)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setAccessibleName(accessible);
    box->setRange(low, high);
    return box;
}

} // namespace

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));

    m_jobs = spinBox(this, u"concurrentJobs"_s, tr("Transfers at once"), 1, 16);
    m_parts = spinBox(this, u"partsPerJob"_s, tr("Parts per transfer"), 1, 32);
    m_requestCap = spinBox(this, u"globalRequestCap"_s, tr("Requests in flight, in all"), 1, 64);
    m_partSize = new QComboBox(this);
    m_partSize->setObjectName(u"partSize"_s);
    m_partSize->setAccessibleName(tr("Part size"));
    m_partSize->addItem(tr("Automatic (16 MiB, larger for huge files)"), 0);
    for (int mib : {8, 16, 32, 64, 128, 256})
        m_partSize->addItem(tr("%1 MiB").arg(mib), mib);
    m_bandwidth = spinBox(this, u"bandwidthLimit"_s, tr("Upload bandwidth limit"), 0, 10 * 1024 * 1024);
    m_bandwidth->setSuffix(tr(" KiB/s"));
    m_bandwidth->setSpecialValueText(tr("Unlimited"));
    m_bandwidth->setSingleStep(256);

    auto *transfers = new QGroupBox(tr("Transfers"), this);
    auto *transferForm = new QFormLayout(transfers);
    transferForm->addRow(tr("Transfers at &once:"), m_jobs);
    transferForm->addRow(tr("&Parts per transfer:"), m_parts);
    transferForm->addRow(tr("&Requests in flight, in all:"), m_requestCap);
    transferForm->addRow(tr("Part si&ze:"), m_partSize);
    transferForm->addRow(tr("&Bandwidth limit:"), m_bandwidth);

    m_confirmDelete = new QCheckBox(tr("Ask before deleting objects"), this);
    m_confirmDelete->setObjectName(u"confirmDelete"_s);
    m_confirmDrop = new QCheckBox(tr("Ask before uploading a drop of more than"), this);
    m_confirmDrop->setObjectName(u"confirmLargeDrop"_s);
    m_dropFiles = spinBox(this, u"largeDropFiles"_s, tr("Files in a large drop"), 1, 1000000);
    m_dropFiles->setSuffix(tr(" files"));
    connect(m_confirmDrop, &QCheckBox::toggled, m_dropFiles, &QSpinBox::setEnabled);
    auto *confirmations = new QGroupBox(tr("Confirmations"), this);
    auto *confirmLayout = new QVBoxLayout(confirmations);
    confirmLayout->addWidget(m_confirmDelete);
    auto *dropRow = new QHBoxLayout;
    dropRow->addWidget(m_confirmDrop);
    dropRow->addWidget(m_dropFiles);
    dropRow->addStretch();
    confirmLayout->addLayout(dropRow);

    m_theme = new QComboBox(this);
    m_theme->setObjectName(u"theme"_s);
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), int(Theme::System));
    m_theme->addItem(tr("Light"), int(Theme::Light));
    m_theme->addItem(tr("Dark"), int(Theme::Dark));
    m_language = new QComboBox(this);
    m_language->setObjectName(u"language"_s);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    for (const QString &name : AppSettings::languages()) {
        const QLocale locale(name);
        // Each language in its own words, so a person can find theirs in any UI language.
        m_language->addItem(locale.nativeLanguageName() + u" ("_s + name + u')', name);
    }
    m_languageNote = new QLabel(tr("A new language takes effect when Coffer starts next."), this);
    m_languageNote->setObjectName(u"languageNote"_s);
    m_languageNote->setWordWrap(true);
    m_languageNote->setVisible(false);

    auto *appearance = new QGroupBox(tr("Appearance"), this);
    auto *appearanceForm = new QFormLayout(appearance);
    appearanceForm->addRow(tr("&Theme:"), m_theme);
    appearanceForm->addRow(tr("&Language:"), m_language);
    appearanceForm->addRow(QString(), m_languageNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(transfers);
    layout->addWidget(confirmations);
    layout->addWidget(appearance);
    layout->addWidget(buttons);

    fillFrom(m_settings->preferences());
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        m_languageNote->setVisible(m_language->currentData().toString() != m_settings->preferences().language);
    });
}

void SettingsDialog::fillFrom(const Preferences &p)
{
    m_jobs->setValue(p.concurrentJobs);
    m_parts->setValue(p.partsPerJob);
    m_requestCap->setValue(p.globalRequestCap);
    const int sizeIndex = m_partSize->findData(p.partSizeMiB);
    if (sizeIndex >= 0) {
        m_partSize->setCurrentIndex(sizeIndex);
    } else {
        // A size set elsewhere (an edited settings file) stays choosable.
        m_partSize->addItem(tr("%1 MiB").arg(p.partSizeMiB), p.partSizeMiB);
        m_partSize->setCurrentIndex(m_partSize->count() - 1);
    }
    m_bandwidth->setValue(int(std::min<qint64>(p.bandwidthLimitKiB, m_bandwidth->maximum())));
    m_confirmDelete->setChecked(p.confirmDelete);
    m_confirmDrop->setChecked(p.confirmLargeDrop);
    m_dropFiles->setValue(p.largeDropFiles);
    m_dropFiles->setEnabled(p.confirmLargeDrop);
    m_theme->setCurrentIndex(m_theme->findData(int(p.theme)));
    m_language->setCurrentIndex(std::max(0, m_language->findData(p.language)));
}

Preferences SettingsDialog::preferencesFromForm() const
{
    Preferences p;
    p.concurrentJobs = m_jobs->value();
    p.partsPerJob = m_parts->value();
    p.globalRequestCap = m_requestCap->value();
    p.partSizeMiB = m_partSize->currentData().toInt();
    p.bandwidthLimitKiB = m_bandwidth->value();
    p.confirmDelete = m_confirmDelete->isChecked();
    p.confirmLargeDrop = m_confirmDrop->isChecked();
    p.largeDropFiles = m_dropFiles->value();
    p.theme = Theme(m_theme->currentData().toInt());
    p.language = m_language->currentData().toString();
    return p;
}

void SettingsDialog::accept()
{
    m_settings->setPreferences(preferencesFromForm());
    QDialog::accept();
}

} // namespace coffer::ui
