// What the dialog's buttons do: test, import, and save (keychain first, then settings).
#include "ui/dialogs/connection_dialog.h"

#include "ui/dialogs/connection_check.h"
#include "ui/dialogs/import_picker.h"

#include "profiles/awsenvironment.h"
#include "profiles/profilestore.h"
#include "profiles/rcloneconfig.h"
#include "profiles/secretstore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

using namespace Qt::StringLiterals;

namespace coffer::ui {

void ConnectionDialog::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    m_result->setProperty("good", good);
    m_result->setForegroundRole(good ? QPalette::WindowText : QPalette::BrightText);
}

void ConnectionDialog::testConnection()
{
    QString problems;
    const std::optional<profiles::Profile> profile = profileFromForm(&problems);
    if (!profile) {
        showResult(problems, false);
        return;
    }
    m_test->setEnabled(false);
    showResult(tr("Testing the connection…"), true);
    const QByteArray secret = typedSecret();
    if (secret.isEmpty() && m_editing && m_secrets
        && m_existing.secrets.testFlag(profiles::SecretKind::SecretAccessKey)) {
        m_secrets->read(m_existing.id, profiles::SecretKind::SecretAccessKey, this,
                        [this, profile](const profiles::SecretReadResult &read) {
                            if (read.error) {
                                m_test->setEnabled(true);
                                showResult(tr("Could not read the secret from the keychain: %1")
                                               .arg(read.error->message),
                                           false);
                                return;
                            }
                            m_check->start(*profile, read.secret, m_importedSessionToken);
                        });
        return;
    }
    m_check->start(*profile, secret, m_importedSessionToken);
}

void ConnectionDialog::checkFinished(const ConnectionCheckResult &result)
{
    m_test->setEnabled(true);
    showResult(result.message, result.ok());
    Q_EMIT tested(result);
}

void ConnectionDialog::importFromAws()
{
    offerImport(profiles::importAwsEnvironment(m_environment), tr("~/.aws"));
}

void ConnectionDialog::importFromRclone()
{
    // rclone's own lookup order: RCLONE_CONFIG, then the XDG config folder.
    QString path = m_environment.value(u"RCLONE_CONFIG"_s);
    if (path.isEmpty()) {
        QString config = m_environment.value(u"XDG_CONFIG_HOME"_s);
        if (config.isEmpty())
            config = m_environment.value(u"HOME"_s, QDir::homePath()) + u"/.config"_s;
        path = config + u"/rclone/rclone.conf"_s;
    }
    offerImport(profiles::importRcloneConfig(path), profiles::displayPath(path));
}

void ConnectionDialog::offerImport(const profiles::ImportResult &result, const QString &what)
{
    if (result.profiles.isEmpty()) {
        QStringList why;
        for (const profiles::ImportError &error : result.errors)
            why.append(error.sentence());
        why.append(result.notes);
        showResult(tr("No connection with keys was found in %1. %2").arg(what, why.join(u' ')), false);
        return;
    }
    auto *picker = new ImportPicker(result, what, this);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(picker, &ImportPicker::picked, this, [this, result, what](int index) {
        fillFrom(result.profiles.at(index));
        showResult(tr("Filled in from “%1” in %2. Test the connection, then save.")
                       .arg(result.profiles.at(index).sourceName, what),
                   true);
    });
    picker->open();
}

void ConnectionDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
}

void ConnectionDialog::accept()
{
    QString problems;
    std::optional<profiles::Profile> profile = profileFromForm(&problems);
    if (!profile) {
        showResult(problems, false);
        return;
    }
    QList<std::pair<profiles::SecretKind, QByteArray>> pending;
    const QByteArray secret = typedSecret();
    if (!secret.isEmpty()) {
        pending.append({profiles::SecretKind::SecretAccessKey, secret});
        profile->secrets |= profiles::SecretKind::SecretAccessKey;
    } else if (!profile->secrets.testFlag(profiles::SecretKind::SecretAccessKey)) {
        showResult(tr("Enter the secret access key (for an R2 API token, the token value)."), false);
        return;
    }
    const bool token = m_useToken->isChecked() && m_form->isRowVisible(m_credentialMode);
    if (token && !m_tokenValue->text().isEmpty()) {
        // The token is also what the Cloudflare REST API takes (public domains, ...).
        pending.append({profiles::SecretKind::CloudflareApiToken, m_tokenValue->text().trimmed().toUtf8()});
        profile->secrets |= profiles::SecretKind::CloudflareApiToken;
    }
    if (!m_importedSessionToken.isEmpty()) {
        pending.append({profiles::SecretKind::SessionToken, m_importedSessionToken});
        profile->secrets |= profiles::SecretKind::SessionToken;
    }
    if (!pending.isEmpty() && !m_secrets) {
        showResult(tr("No keychain is available, and Coffer never stores secrets in plain text. Start "
                      "your desktop’s keychain (Secret Service, KWallet) and save again."),
                   false);
        return;
    }
    setBusy(true);
    showResult(tr("Saving…"), true);
    writeSecrets(*profile, pending);
}

void ConnectionDialog::writeSecrets(const profiles::Profile &profile,
                                    QList<std::pair<profiles::SecretKind, QByteArray>> pending)
{
    if (pending.isEmpty()) {
        saveProfile(profile);
        return;
    }
    const auto [kind, secret] = pending.takeFirst();
    m_secrets->write(profile.id, kind, secret, this,
                     [this, profile, pending](const std::optional<profiles::SecretError> &error) {
                         if (error) {
                             setBusy(false);
                             showResult(tr("Could not save the secret in the keychain: %1").arg(error->message),
                                        false);
                             return;
                         }
                         writeSecrets(profile, pending);
                     });
}

void ConnectionDialog::saveProfile(const profiles::Profile &profile)
{
    const std::optional<profiles::StoreError> error = m_editing ? m_store->update(profile) : m_store->add(profile);
    setBusy(false);
    if (error) {
        QStringList why{error->message};
        why.append(error->problems);
        showResult(why.join(u' '), false);
        return;
    }
    m_existing = profile;
    Q_EMIT saved(profile);
    QDialog::accept();
}

} // namespace coffer::ui
