// Importing ~/.aws/credentials and ~/.aws/config: merging per profile, the nested s3
// block and [services] sections, provider recognition from endpoint_url, and malformed
// files that report the line and keep everything else.

#include "importcheck.h"

#include "profiles/awsfiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;
using namespace coffer::profiles::test;

namespace {
const QString kAccount = u"0123456789abcdef0123456789abcdef"_s;

QByteArray snapshot(const QString &dirPath)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QDir dir(dirPath);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            hash.addData(QByteArray(name.toUtf8() + '\0' + file.readAll()));
    }
    return hash.result();
}
} // namespace

class tst_AwsFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profiles_data();
    void profiles();
    void malformed_data();
    void malformed();
    void orderAndDefault();
    void skipsProfilesWithoutStaticKeys();
    void neverWrites();

private:
    QTemporaryDir m_dir;
};

void tst_AwsFiles::profiles_data()
{
    QTest::addColumn<QString>("credentials");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("credentials only: AWS us-east-1")
        << u"[default]\naws_access_key_id = AKIA1\naws_secret_access_key = s/1+x\n"_s << QString()
        << u"default"_s << u"aws|https://s3.us-east-1.amazonaws.com|us-east-1|virtual|AKIA1|s/1+x|||"_s;
    QTest::newRow("merged with config region")
        << u"[dev]\naws_access_key_id = AKIA2\naws_secret_access_key = s2\n"_s
        << u"[profile dev]\nregion = eu-west-1\noutput = json\n"_s
        << u"dev"_s << u"aws|https://s3.eu-west-1.amazonaws.com|eu-west-1|virtual|AKIA2|s2|||"_s;
    QTest::newRow("credentials file wins for keys")
        << u"[p]\naws_access_key_id = FROMCREDS\naws_secret_access_key = credsecret\n"_s
        << u"[profile p]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = configsecret\n"_s
        << u"p"_s << u"aws|https://s3.us-east-1.amazonaws.com|us-east-1|virtual|FROMCREDS|credsecret|||"_s;
    QTest::newRow("keys in config only, with session token")
        << QString()
        << u"[profile t]\naws_access_key_id = ASIA3\naws_secret_access_key = s3\naws_session_token = tok==\nregion = us-west-2\n"_s
        << u"t"_s << u"aws|https://s3.us-west-2.amazonaws.com|us-west-2|virtual|ASIA3|s3|tok==||"_s;
    QTest::newRow("R2 endpoint_url, eu jurisdiction")
        << u"[r2]\naws_access_key_id = tokid\naws_secret_access_key = hexsecret\n"_s
        << u"[profile r2]\nregion = auto\nendpoint_url = https://%1.eu.r2.cloudflarestorage.com\n"_s.arg(kAccount)
        << u"r2"_s
        << u"r2|https://%1.eu.r2.cloudflarestorage.com|auto|path|tokid|hexsecret||%1|eu"_s.arg(kAccount);
    QTest::newRow("R2 with us-east-1 alias and uppercase host")
        << QString()
        << u"[default]\naws_access_key_id = k\naws_secret_access_key = s\nregion = us-east-1\nendpoint_url = https://%1.R2.cloudflarestorage.com/\n"_s
               .arg(kAccount.toUpper())
        << u"default"_s
        << u"r2|https://%1.r2.cloudflarestorage.com|auto|path|k|s||%1|default"_s.arg(kAccount);
    QTest::newRow("services section with nested s3 block")
        << u"[minio]\naws_access_key_id = minioadmin\naws_secret_access_key = miniosecret\n"_s
        << u"[profile minio]\nservices = local\n\n[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n  addressing_style = path\n"_s
        << u"minio"_s << u"custom|http://127.0.0.1:9000|us-east-1|path|minioadmin|miniosecret|||"_s;
    QTest::newRow("nested s3 endpoint beats global endpoint_url")
        << QString()
        << u"[profile b2]\naws_access_key_id = k\naws_secret_access_key = s\nendpoint_url = http://ignored:1\ns3 =\n    endpoint_url = https://s3.eu-central-003.backblazeb2.com\n"_s
        << u"b2"_s << u"b2|https://s3.eu-central-003.backblazeb2.com|eu-central-003|virtual|k|s|||"_s;
    QTest::newRow("wasabi by host, virtual by addressing_style")
        << QString()
        << u"[profile w]\naws_access_key_id = k\naws_secret_access_key = s\nendpoint_url = https://s3.eu-central-1.wasabisys.com\ns3 =\n  addressing_style = virtual\n"_s
        << u"w"_s << u"wasabi|https://s3.eu-central-1.wasabisys.com|eu-central-1|virtual|k|s|||"_s;
    QTest::newRow("explicit region wins over the host's")
        << QString()
        << u"[profile a]\naws_access_key_id = k\naws_secret_access_key = s\nregion = eu-north-1\nendpoint_url = https://s3.eu-north-1.amazonaws.com\n"_s
        << u"a"_s << u"aws|https://s3.eu-north-1.amazonaws.com|eu-north-1|virtual|k|s|||"_s;
    QTest::newRow("[profile default] counts as default")
        << QString()
        << u"[profile default]\naws_access_key_id = k\naws_secret_access_key = s\nregion = ap-south-1\n"_s
        << u"default"_s << u"aws|https://s3.ap-south-1.amazonaws.com|ap-south-1|virtual|k|s|||"_s;
}

void tst_AwsFiles::profiles()
{
    QFETCH(QString, credentials);
    QFETCH(QString, config);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QVERIFY(m_dir.isValid());
    const QString credentialsPath = credentials.isNull() ? QString() : m_dir.filePath(u"credentials"_s);
    const QString configPath = config.isNull() ? QString() : m_dir.filePath(u"config"_s);
    if (!credentialsPath.isEmpty())
        QVERIFY(writeFile(credentialsPath, credentials));
    if (!configPath.isEmpty())
        QVERIFY(writeFile(configPath, config));

    const ImportResult result = importAwsFiles(credentialsPath, configPath);
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).sentence()));
    const int index = result.indexOf(name);
    QVERIFY2(index >= 0, qPrintable(sourceNames(result).join(u", ")));
    const ImportedProfile &imported = result.profiles.at(index);
    QCOMPARE(describe(imported), expected);
    QCOMPARE(imported.profile.name, name);
    QVERIFY(!imported.profile.id.isNull());
    QCOMPARE(imported.profile.secrets.testFlag(SecretKind::SecretAccessKey), !imported.secretAccessKey.isEmpty());
    QCOMPARE(imported.profile.secrets.testFlag(SecretKind::SessionToken), !imported.sessionToken.isEmpty());
    // Whatever is imported must be savable as it is.
    QCOMPARE(imported.profile.validate(), QStringList());
}

void tst_AwsFiles::malformed_data()
{
    QTest::addColumn<QString>("credentials");
    QTest::addColumn<QString>("config");
    QTest::addColumn<QStringList>("places"); // file:line of each error, in order
    QTest::addColumn<QStringList>("imported");

    const QString good = u"[ok]\naws_access_key_id = k\naws_secret_access_key = s\n"_s;
    QTest::newRow("config: key outside any section on line 7")
        << good
        << u"# my config\n\n; more\n\n\n\nregion = eu-west-1\n[profile ok]\nregion = eu-west-2\n"_s
        << QStringList{u"config:7"_s} << QStringList{u"ok"_s};
    QTest::newRow("credentials: unclosed header drops only its keys")
        << good + u"[broken\naws_access_key_id = x\n[later]\naws_access_key_id = l\naws_secret_access_key = ls\n"_s
        << QString()
        << QStringList{u"credentials:4"_s} << QStringList{u"ok"_s, u"later"_s};
    QTest::newRow("bad endpoint skips that profile only")
        << good + u"[bad]\naws_access_key_id = b\n"_s
        << u"[profile bad]\n\nendpoint_url = ftp://example.com\n"_s
        << QStringList{u"config:3"_s} << QStringList{u"ok"_s};
    QTest::newRow("bad region for AWS")
        << good << u"[profile ok]\nregion = Not A Region\n"_s
        << QStringList{u"config:2"_s} << QStringList{};
    QTest::newRow("services name with no section")
        << good << u"[profile ok]\nservices = nowhere\n"_s
        << QStringList{u"config:2"_s} << QStringList{u"ok"_s};
    QTest::newRow("unknown addressing_style")
        << good << u"[profile ok]\ns3 =\n  addressing_style = sideways\n"_s
        << QStringList{u"config:3"_s} << QStringList{u"ok"_s};
    QTest::newRow("garbage line between good ones")
        << u"[a]\naws_access_key_id = a\nthis is not ini\naws_secret_access_key = as\n"_s << QString()
        << QStringList{u"credentials:3"_s} << QStringList{u"a"_s};
}

void tst_AwsFiles::malformed()
{
    QFETCH(QString, credentials);
    QFETCH(QString, config);
    QFETCH(QStringList, places);
    QFETCH(QStringList, imported);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString credentialsPath = dir.filePath(u"credentials"_s);
    const QString configPath = config.isNull() ? QString() : dir.filePath(u"config"_s);
    QVERIFY(writeFile(credentialsPath, credentials));
    if (!configPath.isEmpty())
        QVERIFY(writeFile(configPath, config));

    const ImportResult result = importAwsFiles(credentialsPath, configPath);
    QCOMPARE(errorPlaces(result), places);
    QCOMPARE(sourceNames(result), imported);
    for (const ImportError &error : result.errors) {
        // A sentence a person can act on: where, what, and at least two sentences' worth.
        QVERIFY(error.sentence().startsWith(error.file + u", line "_s + QString::number(error.line) + u": "_s));
        QVERIFY2(error.message.count(u". "_s) >= 1, qPrintable(error.message));
        QVERIFY(error.file.contains(u"credentials"_s) || error.file.contains(u"config"_s));
    }
}

void tst_AwsFiles::orderAndDefault()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u"credentials"_s),
                      u"[zeta]\naws_access_key_id = z\n[default]\naws_access_key_id = d\n"_s));
    QVERIFY(writeFile(dir.filePath(u"config"_s),
                      u"[profile alpha]\naws_access_key_id = a\n[default]\nregion = eu-west-3\n"_s));
    const ImportResult result = importAwsFiles(dir.filePath(u"credentials"_s), dir.filePath(u"config"_s));
    QCOMPARE(sourceNames(result), (QStringList{u"zeta"_s, u"default"_s, u"alpha"_s}));
    QCOMPARE(result.defaultIndex, 1);
    QCOMPARE(result.profiles.at(1).profile.region, u"eu-west-3"_s);
}

void tst_AwsFiles::skipsProfilesWithoutStaticKeys()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u"config"_s),
                      u"[profile sso]\nsso_session = corp\nsso_account_id = 1\n[sso-session corp]\n"
                      "sso_start_url = https://x\n[plugins]\ncli_legacy_plugin_path = /x\n"_s));
    const ImportResult result = importAwsFiles(QString(), dir.filePath(u"config"_s));
    QVERIFY(result.profiles.isEmpty());
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.defaultIndex, -1);
    QCOMPARE(result.notes.size(), 2);
    const QString notes = result.notes.join(u'\n');
    QVERIFY2(notes.contains(u"AWS profile \"sso\" skipped: it gets its keys through SSO"_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"section [plugins] skipped"_s), qPrintable(notes));
}

void tst_AwsFiles::neverWrites()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u"credentials"_s),
                      u"[default]\naws_access_key_id = k\naws_secret_access_key = s\n[bro\n"_s));
    QVERIFY(writeFile(dir.filePath(u"config"_s), u"[default]\nregion = eu-west-1\n"_s));
    const QByteArray before = snapshot(dir.path());
    const ImportResult result = importAwsFiles(dir.filePath(u"credentials"_s), dir.filePath(u"config"_s));
    QCOMPARE(result.profiles.size(), 1);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(snapshot(dir.path()), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 2);
}

QTEST_GUILESS_MAIN(tst_AwsFiles)
#include "tst_awsfiles.moc"
