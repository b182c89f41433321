#pragma once
// "New connection" and "Edit connection": a provider preset plus what that provider needs
// (R2: account id, jurisdiction, a key pair or an API token to derive it from, single-bucket
// mode; AWS, B2, Wasabi: a region; MinIO, Ceph, Garage, custom: endpoint, region and
// path-style), "Test connection" without blocking, import from ~/.aws and rclone.conf, and
// saving: the profile to the ProfileStore, its secrets to the keychain only.
//
// Open it with open() or show(): it never runs an event loop of its own.

#include "profiles/importresult.h"
#include "profiles/profile.h"

#include <QDialog>
#include <QProcessEnvironment>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace coffer::profiles {
class ProfileStore;
class SecretStore;
} // namespace coffer::profiles

namespace coffer::ui {

class ConnectionCheck;
struct ConnectionCheckResult;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // A new connection.
    ConnectionDialog(profiles::ProfileStore *store, profiles::SecretStore *secrets, QWidget *parent = nullptr);
    // Editing a saved one: its secrets stay in the keychain unless new ones are typed.
    ConnectionDialog(const profiles::Profile &existing, profiles::ProfileStore *store,
                     profiles::SecretStore *secrets, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    bool isEditing() const { return m_editing; }
    // The profile the form describes (the id kept when editing, fresh otherwise), or the
    // sentences saying what to fix.
    std::optional<profiles::Profile> profileFromForm(QString *problems = nullptr) const;
    // Fills the form from an imported profile, secrets included (shown masked).
    void fillFrom(const profiles::ImportedProfile &imported);
    void fillFrom(const profiles::Profile &profile);

    // Where "Import" looks: the AWS_* variables and HOME/RCLONE_CONFIG of this environment.
    void setImportEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }
    ConnectionCheck *connectionCheck() const { return m_check; }

    // The controls, named for tests and screenshots.
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *providerBox() const { return m_provider; }
    QLineEdit *accountIdEdit() const { return m_accountId; }
    QComboBox *jurisdictionBox() const { return m_jurisdiction; }
    QRadioButton *useTokenButton() const { return m_useToken; }
    QLineEdit *tokenIdEdit() const { return m_tokenId; }
    QLineEdit *tokenValueEdit() const { return m_tokenValue; }
    QLineEdit *endpointEdit() const { return m_endpoint; }
    QLineEdit *regionEdit() const { return m_region; }
    QCheckBox *pathStyleBox() const { return m_pathStyle; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *accessKeyEdit() const { return m_accessKey; }
    QLineEdit *secretEdit() const { return m_secret; }
    QCheckBox *singleBucketBox() const { return m_singleBucket; }
    QLineEdit *bucketEdit() const { return m_bucket; }
    QPushButton *testButton() const { return m_test; }
    QLabel *resultLabel() const { return m_result; }

public Q_SLOTS:
    void testConnection();
    void importFromAws();
    void importFromRclone();
    // Validates, writes the secrets to the keychain, then the profile; accepts when both
    // worked, otherwise says why and stays open.
    void accept() override;

Q_SIGNALS:
    void saved(const coffer::profiles::Profile &profile);
    // Each "Test connection" answer, also shown in the dialog.
    void tested(const coffer::ui::ConnectionCheckResult &result);

private:
    void build();
    void providerChanged();
    void credentialModeChanged();
    void showResult(const QString &text, bool good);
    void checkFinished(const ConnectionCheckResult &result);
    void offerImport(const profiles::ImportResult &result, const QString &what);
    // The secret the form holds (typed, derived from a token or imported); empty when
    // nothing new was entered.
    QByteArray typedSecret() const;
    void saveProfile(const profiles::Profile &profile);
    void writeSecrets(const profiles::Profile &profile, QList<std::pair<profiles::SecretKind, QByteArray>> pending);
    void setBusy(bool busy);

    profiles::ProfileStore *m_store;
    profiles::SecretStore *m_secrets;
    profiles::Profile m_existing;
    bool m_editing = false;
    QByteArray m_importedSessionToken;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    ConnectionCheck *m_check = nullptr;

    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_accountId = nullptr;
    QComboBox *m_jurisdiction = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QCheckBox *m_pathStyle = nullptr;
    QSpinBox *m_port = nullptr;
    QRadioButton *m_useKeys = nullptr;
    QRadioButton *m_useToken = nullptr;
    QWidget *m_credentialMode = nullptr;
    QLineEdit *m_accessKey = nullptr;
    QLineEdit *m_secret = nullptr;
    QLineEdit *m_tokenId = nullptr;
    QLineEdit *m_tokenValue = nullptr;
    QCheckBox *m_singleBucket = nullptr;
    QLineEdit *m_bucket = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_import = nullptr;
    QLabel *m_result = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace coffer::ui
