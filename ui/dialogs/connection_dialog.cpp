// The form: which rows each provider needs, and the profile it describes.
#include "ui/dialogs/connection_dialog.h"

#include "ui/dialogs/connection_check.h"

#include "profiles/preset.h"
#include "profiles/r2token.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

bool isRegional(s3::Provider provider)
{
    return s3::providerDefaults(provider).endpointFromRegion;
}

bool hasUserEndpoint(s3::Provider provider)
{
    return s3::providerDefaults(provider).userEndpoint;
}

} // namespace

ConnectionDialog::ConnectionDialog(profiles::ProfileStore *store, profiles::SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
{
    build();
    setWindowTitle(tr("New Connection"));
    m_provider->setCurrentIndex(m_provider->findData(int(s3::Provider::CloudflareR2)));
    providerChanged();
}

ConnectionDialog::ConnectionDialog(const profiles::Profile &existing, profiles::ProfileStore *store,
                                   profiles::SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_existing(existing)
    , m_editing(true)
{
    build();
    setWindowTitle(tr("Edit Connection"));
    fillFrom(existing);
    m_secret->setPlaceholderText(tr("Kept in the keychain; type to replace"));
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::build()
{
    setObjectName(u"connectionDialog"_s);
    m_check = new ConnectionCheck(this);
    connect(m_check, &ConnectionCheck::finished, this, &ConnectionDialog::checkFinished);

    auto lineEdit = [this](const QString &objectName, const QString &accessible, bool secret = false) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(objectName);
        edit->setAccessibleName(accessible);
        if (secret) {
            // Masked, and kept out of input-method history and the clipboard.
            edit->setEchoMode(QLineEdit::Password);
            edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        }
        return edit;
    };

    m_name = lineEdit(u"name"_s, tr("Connection name"));
    m_name->setPlaceholderText(tr("e.g. Photos on R2"));
    m_provider = new QComboBox(this);
    m_provider->setObjectName(u"provider"_s);
    m_provider->setAccessibleName(tr("Provider"));
    for (s3::Provider provider : s3::allProviders())
        m_provider->addItem(s3::providerDisplayName(provider), int(provider));

    m_accountId = lineEdit(u"accountId"_s, tr("Cloudflare account ID"));
    m_accountId->setPlaceholderText(tr("32 hexadecimal characters, from the dashboard URL"));
    m_jurisdiction = new QComboBox(this);
    m_jurisdiction->setObjectName(u"jurisdiction"_s);
    m_jurisdiction->setAccessibleName(tr("Jurisdiction"));
    m_jurisdiction->addItem(tr("Default"), int(s3::R2Jurisdiction::Default));
    m_jurisdiction->addItem(tr("European Union (eu)"), int(s3::R2Jurisdiction::Eu));
    m_jurisdiction->addItem(tr("FedRAMP (fedramp)"), int(s3::R2Jurisdiction::FedRamp));

    m_region = lineEdit(u"region"_s, tr("Region"));
    m_endpoint = lineEdit(u"endpoint"_s, tr("Endpoint URL"));
    m_endpoint->setPlaceholderText(u"https://s3.example.com"_s);
    m_pathStyle = new QCheckBox(tr("Path-style addressing (bucket in the path, not the host name)"), this);
    m_pathStyle->setObjectName(u"pathStyle"_s);
    m_pathStyle->setChecked(true);
    m_port = new QSpinBox(this);
    m_port->setObjectName(u"port"_s);
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(9000);

    m_credentialMode = new QWidget(this);
    auto *modeLayout = new QHBoxLayout(m_credentialMode);
    modeLayout->setContentsMargins(0, 0, 0, 0);
    m_useKeys = new QRadioButton(tr("Access key pair"), m_credentialMode);
    m_useKeys->setObjectName(u"useKeys"_s);
    m_useToken = new QRadioButton(tr("API token"), m_credentialMode);
    m_useToken->setObjectName(u"useToken"_s);
    m_useToken->setToolTip(tr("Coffer derives the S3 keys from an R2 API token: the access key ID is the "
                              "token’s id, the secret is the SHA-256 of its value."));
    auto *modes = new QButtonGroup(m_credentialMode);
    modes->addButton(m_useKeys);
    modes->addButton(m_useToken);
    m_useKeys->setChecked(true);
    modeLayout->addWidget(m_useKeys);
    modeLayout->addWidget(m_useToken);
    modeLayout->addStretch();

    m_accessKey = lineEdit(u"accessKeyId"_s, tr("Access key ID"));
    m_secret = lineEdit(u"secretAccessKey"_s, tr("Secret access key"), true);
    m_tokenId = lineEdit(u"tokenId"_s, tr("API token ID"));
    m_tokenValue = lineEdit(u"tokenValue"_s, tr("API token value"), true);

    m_singleBucket = new QCheckBox(tr("Single bucket (the keys may not list buckets)"), this);
    m_singleBucket->setObjectName(u"singleBucket"_s);
    m_bucket = lineEdit(u"bucket"_s, tr("Bucket"));
    m_bucket->setPlaceholderText(tr("Optional: the bucket to open first"));

    m_form = new QFormLayout;
    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Provider:"), m_provider);
    m_form->addRow(tr("&Account ID:"), m_accountId);
    m_form->addRow(tr("&Jurisdiction:"), m_jurisdiction);
    m_form->addRow(tr("&Endpoint:"), m_endpoint);
    m_form->addRow(tr("&Region:"), m_region);
    m_form->addRow(QString(), m_pathStyle);
    m_form->addRow(tr("P&ort:"), m_port);
    m_form->addRow(tr("Credentials:"), m_credentialMode);
    m_form->addRow(tr("Access &key ID:"), m_accessKey);
    m_form->addRow(tr("&Secret access key:"), m_secret);
    m_form->addRow(tr("&Token ID:"), m_tokenId);
    m_form->addRow(tr("Token &value:"), m_tokenValue);
    m_form->addRow(QString(), m_singleBucket);
    m_form->addRow(tr("&Bucket:"), m_bucket);

    m_result = new QLabel(this);
    m_result->setObjectName(u"testResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("Connection test result"));

    m_test = new QPushButton(tr("&Test Connection"), this);
    m_test->setObjectName(u"testConnection"_s);
    m_import = new QPushButton(tr("&Import"), this);
    m_import->setObjectName(u"import"_s);
    auto *importMenu = new QMenu(m_import);
    importMenu->addAction(tr("From ~/.aws (AWS CLI)…"), this, &ConnectionDialog::importFromAws);
    importMenu->addAction(tr("From rclone.conf…"), this, &ConnectionDialog::importFromRclone);
    m_import->setMenu(importMenu);
    m_import->setVisible(!m_editing);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_provider, &QComboBox::currentIndexChanged, this, &ConnectionDialog::providerChanged);
    connect(m_useToken, &QRadioButton::toggled, this, &ConnectionDialog::credentialModeChanged);
    connect(m_singleBucket, &QCheckBox::toggled, this, [this](bool single) {
        m_bucket->setPlaceholderText(single ? tr("Required: the bucket the keys were made for")
                                            : tr("Optional: the bucket to open first"));
    });
    setMinimumWidth(520);
}

void ConnectionDialog::providerChanged()
{
    const auto provider = s3::Provider(m_provider->currentData().toInt());
    const bool r2 = provider == s3::Provider::CloudflareR2;
    m_form->setRowVisible(m_accountId, r2);
    m_form->setRowVisible(m_jurisdiction, r2);
    m_form->setRowVisible(m_endpoint, hasUserEndpoint(provider));
    m_form->setRowVisible(m_pathStyle, hasUserEndpoint(provider));
    m_form->setRowVisible(m_region, isRegional(provider) || hasUserEndpoint(provider));
    m_form->setRowVisible(m_port, provider == s3::Provider::CofferLocal);
    m_form->setRowVisible(m_credentialMode, r2);
    const QString defaultRegion = s3::providerDefaults(provider).region;
    m_region->setPlaceholderText(defaultRegion.isEmpty() ? tr("e.g. us-west-004") : defaultRegion);
    if (!r2)
        m_useKeys->setChecked(true);
    credentialModeChanged();
}

void ConnectionDialog::credentialModeChanged()
{
    const bool token = m_useToken->isChecked();
    m_form->setRowVisible(m_accessKey, !token);
    m_form->setRowVisible(m_secret, !token);
    m_form->setRowVisible(m_tokenId, token);
    m_form->setRowVisible(m_tokenValue, token);
}

void ConnectionDialog::fillFrom(const profiles::Profile &profile)
{
    m_name->setText(profile.name);
    m_provider->setCurrentIndex(m_provider->findData(int(profile.provider)));
    m_accountId->setText(profile.r2AccountId);
    m_jurisdiction->setCurrentIndex(m_jurisdiction->findData(int(profile.r2Jurisdiction)));
    const bool userEndpoint = hasUserEndpoint(profile.provider);
    m_endpoint->setText(userEndpoint ? profile.endpointUrl : QString());
    m_region->setText(profile.provider == s3::Provider::CloudflareR2 ? QString() : profile.region);
    m_pathStyle->setChecked(profile.addressing == s3::AddressingStyle::PathStyle);
    if (profile.provider == s3::Provider::CofferLocal) {
        if (const auto endpoint = s3::parseEndpoint(profile.endpointUrl))
            m_port->setValue(endpoint->effectivePort());
    }
    m_useKeys->setChecked(true);
    m_accessKey->setText(profile.accessKeyId);
    m_singleBucket->setChecked(profile.singleBucket);
    m_bucket->setText(profile.defaultBucket);
    providerChanged();
}

void ConnectionDialog::fillFrom(const profiles::ImportedProfile &imported)
{
    fillFrom(imported.profile);
    if (m_name->text().isEmpty())
        m_name->setText(imported.sourceName);
    m_secret->setText(QString::fromUtf8(imported.secretAccessKey));
    m_importedSessionToken = imported.sessionToken;
}

QByteArray ConnectionDialog::typedSecret() const
{
    if (m_useToken->isChecked() && m_form->isRowVisible(m_credentialMode)) {
        const auto pair = profiles::r2KeyPairFromToken(m_tokenId->text(), m_tokenValue->text().toUtf8());
        return pair ? pair->secretAccessKey : QByteArray();
    }
    return m_secret->text().toUtf8();
}

std::optional<profiles::Profile> ConnectionDialog::profileFromForm(QString *problems) const
{
    profiles::Profile profile = m_existing;
    if (!m_editing)
        profile.id = QUuid::createUuid();
    profile.name = m_name->text().trimmed();
    profiles::PresetChoice choice;
    choice.provider = s3::Provider(m_provider->currentData().toInt());
    choice.region = m_region->text().trimmed();
    choice.r2AccountId = m_accountId->text().trimmed();
    choice.r2Jurisdiction = s3::R2Jurisdiction(m_jurisdiction->currentData().toInt());
    choice.endpointUrl = m_endpoint->text().trimmed();
    choice.pathStyle = m_pathStyle->isChecked();
    choice.port = m_port->value();
    if (const auto error = profiles::applyPreset(profile, choice)) {
        if (problems)
            *problems = error->message;
        return std::nullopt;
    }
    const bool token = m_useToken->isChecked() && choice.provider == s3::Provider::CloudflareR2;
    if (token) {
        profiles::R2TokenError tokenError;
        const auto pair = profiles::r2KeyPairFromToken(m_tokenId->text(), m_tokenValue->text().toUtf8(), &tokenError);
        if (!pair && !(m_editing && m_tokenValue->text().isEmpty() && !m_tokenId->text().trimmed().isEmpty())) {
            if (problems)
                *problems = tokenError.message;
            return std::nullopt;
        }
        profile.accessKeyId = pair ? pair->accessKeyId : m_tokenId->text().trimmed();
    } else {
        profile.accessKeyId = m_accessKey->text().trimmed();
    }
    profile.singleBucket = m_singleBucket->isChecked();
    profile.defaultBucket = m_bucket->text().trimmed();
    const QStringList invalid = profile.validate();
    if (!invalid.isEmpty()) {
        if (problems)
            *problems = invalid.join(u' ');
        return std::nullopt;
    }
    return profile;
}

} // namespace coffer::ui
