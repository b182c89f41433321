// SecretStore against a real Secret Service (gnome-keyring-daemon on a private D-Bus
// session, set up by with-secret-service.sh): write, read back, overwrite and delete,
// each checked independently with secret-tool, and no secret in any log line.

#include "keychainrun.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;
using namespace coffer::profiles::test;

namespace {

QStringList g_messages;

void collectMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

struct Lookup {
    int exitCode = -1;
    QByteArray output;
};

// secret-tool reads the Secret Service directly, not through QtKeychain.
Lookup secretToolLookup(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, kKeychainService.toString(), u"user"_s, key});
    if (!tool.waitForFinished(kKeychainTimeoutMs))
        return {};
    return {tool.exitStatus() == QProcess::NormalExit ? tool.exitCode() : -1, tool.readAllStandardOutput()};
}

} // namespace

class tst_SecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lifecycle_data();
    void lifecycle();
    void kindsAreSeparate();
    void deadContextGetsNoCallback();
    void secretsNeverLogged();

private:
    SecretStore m_store;
    QtMessageHandler m_previousHandler = nullptr;
};

void tst_SecretStore::initTestCase()
{
    QVERIFY2(runsInScratchHome(), "run this test through tests/profiles/with-secret-service.sh");
    QVERIFY2(!QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty(), "secret-tool (libsecret-tools) is missing");
    QLoggingCategory::setFilterRules(u"coffer.profiles.debug=true"_s);
    m_previousHandler = qInstallMessageHandler(collectMessage);
}

void tst_SecretStore::cleanupTestCase()
{
    qInstallMessageHandler(m_previousHandler);
}

void tst_SecretStore::lifecycle_data()
{
    QTest::addColumn<SecretKind>("kind");
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");

    QTest::newRow("secret access key")
        << SecretKind::SecretAccessKey << QByteArray("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        << QByteArray("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");
    QTest::newRow("r2 secret (sha-256 hex)")
        << SecretKind::SecretAccessKey
        << QByteArray("3f0a9d7c1e5b2a4f6d8c0b1e3a5f7d9c2b4e6a8f0c1d3e5f7a9b2c4d6e8f0a1b")
        << QByteArray("0000000000000000000000000000000000000000000000000000000000000001");
    QTest::newRow("session token with padding")
        << SecretKind::SessionToken << QByteArray("FwoGZXIvYXdzEBYaDH+/==").repeated(20)
        << QByteArray("IQoJb3JpZ2luX2VjEA==");
    QTest::newRow("cloudflare api token, non-ASCII")
        << SecretKind::CloudflareApiToken << QByteArray("tökén-Ω-123") << QByteArray("plain");
}

void tst_SecretStore::lifecycle()
{
    QFETCH(SecretKind, kind);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    const QUuid id = QUuid::createUuid();
    const QString key = secretKey(id, kind);
    QObject context;

    Outcome missing;
    startRead(m_store, id, kind, &context, missing);
    QTRY_VERIFY_WITH_TIMEOUT(missing.done, kKeychainTimeoutMs);
    QVERIFY(missing.error);
    QCOMPARE(missing.error->code, SecretError::Code::NotFound);

    Outcome written;
    startWrite(m_store, id, kind, first, &context, written);
    QTRY_VERIFY_WITH_TIMEOUT(written.done, kKeychainTimeoutMs);
    QVERIFY2(!written.error, qPrintable(written.error ? written.error->message : QString()));
    QCOMPARE(secretToolLookup(key).output, first);

    Outcome read;
    startRead(m_store, id, kind, &context, read);
    QTRY_VERIFY_WITH_TIMEOUT(read.done, kKeychainTimeoutMs);
    QVERIFY2(!read.error, qPrintable(read.error ? read.error->message : QString()));
    QCOMPARE(read.secret, first);

    Outcome overwritten;
    startWrite(m_store, id, kind, second, &context, overwritten);
    QTRY_VERIFY_WITH_TIMEOUT(overwritten.done, kKeychainTimeoutMs);
    QVERIFY(!overwritten.error);
    QCOMPARE(secretToolLookup(key).output, second);
    Outcome reread;
    startRead(m_store, id, kind, &context, reread);
    QTRY_VERIFY_WITH_TIMEOUT(reread.done, kKeychainTimeoutMs);
    QCOMPARE(reread.secret, second);

    Outcome removed;
    startRemove(m_store, id, kind, &context, removed);
    QTRY_VERIFY_WITH_TIMEOUT(removed.done, kKeychainTimeoutMs);
    QVERIFY(!removed.error);
    const Lookup gone = secretToolLookup(key);
    QVERIFY(gone.exitCode != 0);
    QVERIFY(gone.output.isEmpty());

    Outcome removedAgain; // removing what is not there is not an error
    startRemove(m_store, id, kind, &context, removedAgain);
    QTRY_VERIFY_WITH_TIMEOUT(removedAgain.done, kKeychainTimeoutMs);
    QVERIFY(!removedAgain.error);
}

void tst_SecretStore::kindsAreSeparate()
{
    const QUuid id = QUuid::createUuid();
    const QUuid other = QUuid::createUuid();
    QObject context;
    Outcome a, b, c;
    startWrite(m_store, id, SecretKind::SecretAccessKey, "key-secret", &context, a);
    startWrite(m_store, id, SecretKind::SessionToken, "token-secret", &context, b);
    startWrite(m_store, other, SecretKind::SecretAccessKey, "other-secret", &context, c);
    QTRY_VERIFY_WITH_TIMEOUT(a.done && b.done && c.done, kKeychainTimeoutMs);
    QVERIFY(!a.error && !b.error && !c.error);

    QCOMPARE(secretToolLookup(secretKey(id, SecretKind::SecretAccessKey)).output, "key-secret");
    QCOMPARE(secretToolLookup(secretKey(id, SecretKind::SessionToken)).output, "token-secret");
    QCOMPARE(secretToolLookup(secretKey(other, SecretKind::SecretAccessKey)).output, "other-secret");

    Outcome removed, stillThere;
    startRemove(m_store, id, SecretKind::SecretAccessKey, &context, removed);
    QTRY_VERIFY_WITH_TIMEOUT(removed.done, kKeychainTimeoutMs);
    startRead(m_store, id, SecretKind::SessionToken, &context, stillThere);
    QTRY_VERIFY_WITH_TIMEOUT(stillThere.done, kKeychainTimeoutMs);
    QCOMPARE(stillThere.secret, "token-secret");
    QCOMPARE(secretToolLookup(secretKey(other, SecretKind::SecretAccessKey)).output, "other-secret");
}

void tst_SecretStore::deadContextGetsNoCallback()
{
    const QUuid id = QUuid::createUuid();
    QObject keeper;
    Outcome written;
    startWrite(m_store, id, SecretKind::SecretAccessKey, "context-test", &keeper, written);
    QTRY_VERIFY_WITH_TIMEOUT(written.done, kKeychainTimeoutMs);

    bool called = false;
    {
        QObject shortLived;
        m_store.read(id, SecretKind::SecretAccessKey, &shortLived,
                     [&called](const SecretReadResult &) { called = true; });
    } // gone before the keychain answers
    // Jobs run one after another, so once this later one has answered the first has too.
    Outcome later;
    startRead(m_store, id, SecretKind::SecretAccessKey, &keeper, later);
    QTRY_VERIFY_WITH_TIMEOUT(later.done, kKeychainTimeoutMs);
    QCOMPARE(later.secret, "context-test");
    QVERIFY(!called);
}

void tst_SecretStore::secretsNeverLogged()
{
    g_messages.clear();
    const QByteArray secret = "LOG-CANARY-9f8e7d6c5b4a";
    const QUuid id = QUuid::createUuid();
    QObject context;
    Outcome written, read, removed;
    startWrite(m_store, id, SecretKind::SecretAccessKey, secret, &context, written);
    QTRY_VERIFY_WITH_TIMEOUT(written.done, kKeychainTimeoutMs);
    startRead(m_store, id, SecretKind::SecretAccessKey, &context, read);
    QTRY_VERIFY_WITH_TIMEOUT(read.done, kKeychainTimeoutMs);
    QCOMPARE(read.secret, secret);
    startRemove(m_store, id, SecretKind::SecretAccessKey, &context, removed);
    QTRY_VERIFY_WITH_TIMEOUT(removed.done, kKeychainTimeoutMs);

    // The debug log did speak about these entries, but never gave their contents.
    QVERIFY(!g_messages.filter(id.toString(QUuid::WithoutBraces)).isEmpty());
    QCOMPARE(g_messages.filter(QString::fromLatin1(secret)), QStringList());
}

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
