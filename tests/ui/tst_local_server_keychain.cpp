// The local server's key pair in a real keychain (a private Secret Service, started by
// with-secret-service.sh): kept there, never written to the data directory, and the same
// on the next start.
#include "profiles/secretstore.h"
#include "ui/connection/local_session.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;

class TestLocalServerKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CofferTest"_s);
        QCoreApplication::setApplicationName(u"tst_local_server_keychain"_s);
        QSettings().clear();
    }

    void keepsTheKeyPairInTheKeychain()
    {
        QTemporaryDir dir;
        profiles::SecretStore secrets;
        QByteArray accessKey;
        QByteArray secretKey;
        {
            LocalSession first(dir.path(), &secrets);
            QSignalSpy ready(&first, &LocalSession::ready);
            first.start();
            QVERIFY(ready.wait(30000));
            accessKey = first.server()->credentials().accessKeyId;
            secretKey = first.server()->credentials().secretAccessKey;
            QCOMPARE(first.server()->keyLocation(), u"the keychain"_s);
        }
        QVERIFY(!accessKey.isEmpty());
        QVERIFY(secretKey.size() >= 32);
        // Nothing secret in the data directory or the settings file.
        QVERIFY(!QFileInfo::exists(QDir(dir.path()).filePath(u"credentials.json"_s)));
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toByteArray().contains(secretKey), qPrintable(key));

        LocalSession second(dir.path(), &secrets);
        QSignalSpy ready(&second, &LocalSession::ready);
        second.start();
        QVERIFY(ready.wait(30000));
        QCOMPARE(second.server()->credentials().accessKeyId, accessKey);
        QCOMPARE(second.server()->credentials().secretAccessKey, secretKey);
    }
};

QTEST_GUILESS_MAIN(TestLocalServerKeychain)
#include "tst_local_server_keychain.moc"
