// SecretStore with no keychain reachable (with-secret-service.sh with
// COFFER_SECRET_SERVICE=none: the session bus address points at nothing). Every call
// answers with the typed NoKeychain error, and nothing is written to disk in place of
// the keychain: the scratch HOME stays empty.

#include "keychainrun.h"

#include <QDirIterator>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;
using namespace coffer::profiles::test;

namespace {

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

void checkNoKeychain(const Outcome &outcome)
{
    QVERIFY(outcome.done);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->code, SecretError::Code::NoKeychain);
    const QString &m = outcome.error->message;
    QVERIFY2(m.contains(u"No OS keychain is available"_s), qPrintable(m));
    QVERIFY2(m.contains(u"does not store secrets in plain text"_s), qPrintable(m));
    QVERIFY2(m.contains(u"GNOME Keyring"_s) && m.contains(u"KWallet"_s), qPrintable(m));
    QVERIFY2(m.contains(u"environment variables"_s), qPrintable(m));
}

} // namespace

class tst_SecretStoreNoKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyCallSaysNoKeychain_data();
    void everyCallSaysNoKeychain();
    void nothingWrittenToDisk();

private:
    SecretStore m_store;
    QString m_home;
};

void tst_SecretStoreNoKeychain::initTestCase()
{
    QVERIFY2(runsInScratchHome(), "run this test through tests/profiles/with-secret-service.sh");
    QVERIFY2(qEnvironmentVariable("COFFER_SECRET_SERVICE") == u"none", "expects COFFER_SECRET_SERVICE=none");
    m_home = qEnvironmentVariable("COFFER_TEST_HOME");
    QCOMPARE(filesUnder(m_home), QStringList());
}

void tst_SecretStoreNoKeychain::everyCallSaysNoKeychain_data()
{
    QTest::addColumn<SecretKind>("kind");
    QTest::newRow("secret access key") << SecretKind::SecretAccessKey;
    QTest::newRow("session token") << SecretKind::SessionToken;
    QTest::newRow("cloudflare api token") << SecretKind::CloudflareApiToken;
}

void tst_SecretStoreNoKeychain::everyCallSaysNoKeychain()
{
    QFETCH(SecretKind, kind);
    const QUuid id = QUuid::createUuid();
    QObject context;

    Outcome written;
    startWrite(m_store, id, kind, "NO-KEYCHAIN-CANARY", &context, written);
    QTRY_VERIFY_WITH_TIMEOUT(written.done, kKeychainTimeoutMs);
    checkNoKeychain(written);

    Outcome read;
    startRead(m_store, id, kind, &context, read);
    QTRY_VERIFY_WITH_TIMEOUT(read.done, kKeychainTimeoutMs);
    checkNoKeychain(read);
    QVERIFY(read.secret.isEmpty());

    Outcome removed;
    startRemove(m_store, id, kind, &context, removed);
    QTRY_VERIFY_WITH_TIMEOUT(removed.done, kKeychainTimeoutMs);
    checkNoKeychain(removed);
}

void tst_SecretStoreNoKeychain::nothingWrittenToDisk()
{
    // After every write above failed, no plain-text fallback may have appeared anywhere
    // under HOME (QtKeychain's insecure fallback would write to ~/.config).
    QCOMPARE(filesUnder(m_home), QStringList());
}

QTEST_GUILESS_MAIN(tst_SecretStoreNoKeychain)
#include "tst_secretstore_nokeychain.moc"
