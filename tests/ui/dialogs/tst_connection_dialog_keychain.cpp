// Saving from the connection dialog against a real keychain (a private Secret Service,
// started by with-secret-service.sh): the profile lands in the settings file without its
// secret, the secret in the keychain; R2 API tokens are turned into keys first; an import
// from ~/.aws fills the form and saves the same way.
#include "test_server.h"

#include "ui/dialogs/connection_dialog.h"
#include "ui/dialogs/import_picker.h"

#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

namespace {

QByteArray readSecret(profiles::SecretStore &secrets, const QUuid &id, profiles::SecretKind kind)
{
    QByteArray value;
    bool done = false;
    QObject context;
    secrets.read(id, kind, &context, [&](const profiles::SecretReadResult &result) {
        value = result.error ? QByteArray("<error: ") + result.error->message.toUtf8() + '>' : result.secret;
        done = true;
    });
    // QTRY_* returns void on failure; wait the same way and let the caller compare.
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        return QByteArray("<no answer from the keychain>");
    return value;
}

} // namespace

class TestConnectionDialogKeychain : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(u"coffer.ini"_s); }
    std::unique_ptr<profiles::ProfileStore> makeStore() const
    {
        return std::make_unique<profiles::ProfileStore>(
            std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat));
    }
    QByteArray settingsFileText() const
    {
        QFile file(settingsPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Saves through the Save button's slot and waits for the dialog to close.
    static bool save(ConnectionDialog &dialog, profiles::Profile *saved)
    {
        QSignalSpy spy(&dialog, &ConnectionDialog::saved);
        dialog.accept();
        if (spy.isEmpty() && !spy.wait(20000)) {
            qWarning() << "not saved:" << dialog.resultLabel()->text();
            return false;
        }
        *saved = spy.first().first().value<profiles::Profile>();
        return dialog.result() == QDialog::Accepted;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<profiles::Profile>();
    }

    void keysGoToTheKeychainOnly()
    {
        auto store = makeStore();
        profiles::SecretStore secrets;
        const QByteArray secret = "s3cr3t-value-that-must-not-leak";
        ConnectionDialog dialog(store.get(), &secrets);
        dialog.nameEdit()->setText(u"MinIO at home"_s);
        dialog.providerBox()->setCurrentIndex(dialog.providerBox()->findData(int(s3::Provider::MinIO)));
        dialog.endpointEdit()->setText(u"http://nas.example:9000"_s);
        dialog.accessKeyEdit()->setText(u"AKIDHOME"_s);
        dialog.secretEdit()->setText(QString::fromUtf8(secret));
        profiles::Profile saved;
        QVERIFY(save(dialog, &saved));

        QVERIFY(saved.secrets.testFlag(profiles::SecretKind::SecretAccessKey));
        const auto kept = store->profile(saved.id);
        QVERIFY(kept);
        QCOMPARE(kept->accessKeyId, u"AKIDHOME"_s);
        QCOMPARE(kept->endpointUrl, u"http://nas.example:9000"_s);
        QVERIFY(settingsFileText().contains("AKIDHOME"));
        QVERIFY(!settingsFileText().contains(secret));
        QCOMPARE(readSecret(secrets, saved.id, profiles::SecretKind::SecretAccessKey), secret);
    }

    void editingKeepsTheSecretUnlessRetyped()
    {
        auto store = makeStore();
        profiles::SecretStore secrets;
        const profiles::Profile existing = store->profiles().value(0);
        QVERIFY(!existing.id.isNull());
        ConnectionDialog dialog(existing, store.get(), &secrets);
        QVERIFY(dialog.secretEdit()->text().isEmpty());
        dialog.nameEdit()->setText(u"MinIO renamed"_s);
        profiles::Profile saved;
        QVERIFY(save(dialog, &saved));
        QCOMPARE(saved.id, existing.id);
        QCOMPARE(store->profile(existing.id)->name, u"MinIO renamed"_s);
        QCOMPARE(readSecret(secrets, existing.id, profiles::SecretKind::SecretAccessKey),
                 QByteArray("s3cr3t-value-that-must-not-leak"));
    }

    void r2TokenBecomesKeys()
    {
        auto store = makeStore();
        profiles::SecretStore secrets;
        const QByteArray tokenValue = "cf-token-value-0123456789";
        ConnectionDialog dialog(store.get(), &secrets);
        dialog.nameEdit()->setText(u"R2 photos"_s);
        dialog.providerBox()->setCurrentIndex(dialog.providerBox()->findData(int(s3::Provider::CloudflareR2)));
        dialog.accountIdEdit()->setText(u"0123456789abcdef0123456789abcdef"_s);
        dialog.useTokenButton()->setChecked(true);
        dialog.tokenIdEdit()->setText(u"tokenid42"_s);
        dialog.tokenValueEdit()->setText(QString::fromUtf8(tokenValue));
        profiles::Profile saved;
        QVERIFY(save(dialog, &saved));

        QCOMPARE(saved.accessKeyId, u"tokenid42"_s);
        const QByteArray derived = QCryptographicHash::hash(tokenValue, QCryptographicHash::Sha256).toHex();
        QCOMPARE(readSecret(secrets, saved.id, profiles::SecretKind::SecretAccessKey), derived);
        QCOMPARE(readSecret(secrets, saved.id, profiles::SecretKind::CloudflareApiToken), tokenValue);
        QVERIFY(!settingsFileText().contains(tokenValue));
        QVERIFY(!settingsFileText().contains(derived));
    }

    void importFromAwsFiles()
    {
        QTemporaryDir home;
        QVERIFY(QDir(home.path()).mkpath(u".aws"_s));
        QFile credentials(home.filePath(u".aws/credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n"
                          "[work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = work-secret-value\n");
        credentials.close();
        QFile config(home.filePath(u".aws/config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile work]\nregion = eu-west-1\n");
        config.close();
        QProcessEnvironment environment;
        environment.insert(u"HOME"_s, home.path());

        auto store = makeStore();
        profiles::SecretStore secrets;
        ConnectionDialog dialog(store.get(), &secrets);
        dialog.setImportEnvironment(environment);
        dialog.importFromAws();
        auto *picker = dialog.findChild<ImportPicker *>();
        QVERIFY(picker);
        QCOMPARE(picker->list()->count(), 2);
        const QList<QListWidgetItem *> work = picker->list()->findItems(u"work"_s, Qt::MatchStartsWith);
        QCOMPARE(work.size(), 1);
        for (int row = 0; row < picker->list()->count(); ++row)
            QVERIFY(!picker->list()->item(row)->text().contains(u"secret"_s));
        picker->list()->setCurrentItem(work.first());
        picker->accept();
        QCOMPARE(dialog.accessKeyEdit()->text(), u"AKIDWORK"_s);
        QCOMPARE(dialog.regionEdit()->text(), u"eu-west-1"_s);
        QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);

        profiles::Profile saved;
        QVERIFY(save(dialog, &saved));
        QCOMPARE(saved.provider, s3::Provider::AwsS3);
        QCOMPARE(readSecret(secrets, saved.id, profiles::SecretKind::SecretAccessKey), QByteArray("work-secret-value"));
        QVERIFY(!settingsFileText().contains("work-secret-value"));
    }
};

QTEST_MAIN(TestConnectionDialogKeychain)
#include "tst_connection_dialog_keychain.moc"
