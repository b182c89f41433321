// Importing rclone.conf: S3 remotes of several providers, non-S3 remotes skipped with a
// note, endpoints without a scheme, force_path_style, and malformed lines by number.

#include "importcheck.h"

#include "profiles/rcloneconfig.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;
using namespace coffer::profiles::test;

namespace {
const QString kAccount = u"fedcba9876543210fedcba9876543210"_s;
}

class tst_RcloneConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void remotes_data();
    void remotes();
    void skipsOtherTypes();
    void malformed();
    void missingFile();
    void encryptedFile();
};

void tst_RcloneConfig::remotes_data()
{
    QTest::addColumn<QString>("section");
    QTest::addColumn<QString>("expected");

    QTest::newRow("Cloudflare, default jurisdiction")
        << u"type = s3\nprovider = Cloudflare\naccess_key_id = id1\nsecret_access_key = sec1\nendpoint = https://%1.r2.cloudflarestorage.com\nacl = private\n"_s.arg(kAccount)
        << u"r2|https://%1.r2.cloudflarestorage.com|auto|path|id1|sec1||%1|default"_s.arg(kAccount);
    QTest::newRow("Cloudflare fedramp, endpoint without scheme, region auto")
        << u"type = s3\nprovider = Cloudflare\naccess_key_id = id2\nsecret_access_key = sec2\nregion = auto\nendpoint = %1.fedramp.r2.cloudflarestorage.com\n"_s.arg(kAccount)
        << u"r2|https://%1.fedramp.r2.cloudflarestorage.com|auto|path|id2|sec2||%1|fedramp"_s.arg(kAccount);
    QTest::newRow("AWS by region, no endpoint")
        << u"type = s3\nprovider = AWS\naccess_key_id = AKIA\nsecret_access_key = s\nregion = eu-central-1\nsession_token = tok\n"_s
        << u"aws|https://s3.eu-central-1.amazonaws.com|eu-central-1|virtual|AKIA|s|tok||"_s;
    QTest::newRow("no provider means AWS")
        << u"type = s3\naccess_key_id = AKIA\nsecret_access_key = s\n"_s
        << u"aws|https://s3.us-east-1.amazonaws.com|us-east-1|virtual|AKIA|s|||"_s;
    QTest::newRow("Minio on loopback, path style")
        << u"type = s3\nprovider = Minio\naccess_key_id = minioadmin\nsecret_access_key = minioadmin\nendpoint = http://127.0.0.1:9000\nforce_path_style = true\n"_s
        << u"minio|http://127.0.0.1:9000|us-east-1|path|minioadmin|minioadmin|||"_s;
    QTest::newRow("Ceph, virtual hosted by force_path_style = false")
        << u"type = s3\nprovider = Ceph\naccess_key_id = c\nsecret_access_key = cs\nendpoint = https://rgw.example.org\nforce_path_style = false\n"_s
        << u"ceph|https://rgw.example.org|us-east-1|virtual|c|cs|||"_s;
    QTest::newRow("Wasabi recognised from the host")
        << u"type = s3\nprovider = Wasabi\naccess_key_id = w\nsecret_access_key = ws\nendpoint = s3.ap-northeast-1.wasabisys.com\n"_s
        << u"wasabi|https://s3.ap-northeast-1.wasabisys.com|ap-northeast-1|virtual|w|ws|||"_s;
    QTest::newRow("Other provider with an R2 host is R2")
        << u"type = s3\nprovider = Other\naccess_key_id = o\nsecret_access_key = os\nendpoint = https://%1.eu.r2.cloudflarestorage.com\n"_s.arg(kAccount)
        << u"r2|https://%1.eu.r2.cloudflarestorage.com|auto|path|o|os||%1|eu"_s.arg(kAccount);
    QTest::newRow("DigitalOcean is custom")
        << u"type = s3\nprovider = DigitalOcean\naccess_key_id = d\nsecret_access_key = ds\nendpoint = nyc3.digitaloceanspaces.com\nregion = nyc3\n"_s
        << u"custom|https://nyc3.digitaloceanspaces.com|nyc3|path|d|ds|||"_s;
}

void tst_RcloneConfig::remotes()
{
    QFETCH(QString, section);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"rclone.conf"_s);
    QVERIFY(writeFile(path, u"[before]\ntype = local\n\n[remote]\n"_s + section));
    const ImportResult result = importRcloneConfig(path);
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).sentence()));
    QCOMPARE(sourceNames(result), QStringList{u"remote"_s});
    QCOMPARE(describe(result.profiles.first()), expected);
    QCOMPARE(result.profiles.first().profile.validate(), QStringList());
    QCOMPARE(result.profiles.first().source, displayPath(path));
}

void tst_RcloneConfig::skipsOtherTypes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"rclone.conf"_s);
    QVERIFY(writeFile(path, u"[gdrive]\ntype = drive\nscope = drive\n\n[b2native]\ntype = b2\naccount = x\n\n"
                            "[envs3]\ntype = s3\nprovider = AWS\nenv_auth = true\n\n"
                            "[r2]\ntype = s3\nprovider = Cloudflare\naccess_key_id = a\nsecret_access_key = b\n"
                            "endpoint = https://%1.r2.cloudflarestorage.com\n"_s.arg(kAccount)));
    const ImportResult result = importRcloneConfig(path);
    QCOMPARE(sourceNames(result), QStringList{u"r2"_s});
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.notes.size(), 3);
    QVERIFY(result.notes.at(0).contains(u"\"gdrive\" skipped: its type is \"drive\""_s));
    QVERIFY(result.notes.at(1).contains(u"\"b2native\" skipped: its type is \"b2\""_s));
    QVERIFY(result.notes.at(2).contains(u"\"envs3\" skipped"_s));
}

void tst_RcloneConfig::malformed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"rclone.conf"_s);
    QVERIFY(writeFile(path, u"[a]\ntype = s3\naccess_key_id = a\nsecret_access_key = as\n"  // 1-4
                            "force_path_style = maybe\n"                                     // 5
                            "oops\n"                                                          // 6
                            "[c]\ntype = s3\nprovider = Cloudflare\naccess_key_id = c\n"     // 7-10
                            "[d]\ntype = s3\nprovider = Minio\naccess_key_id = d\nendpoint = http://bad host\n"_s)); // 11-15
    const ImportResult result = importRcloneConfig(path);
    QCOMPARE(errorPlaces(result), (QStringList{u"rclone.conf:6"_s, u"rclone.conf:5"_s,
                                               u"rclone.conf:7"_s, u"rclone.conf:15"_s}));
    QCOMPARE(sourceNames(result), QStringList{u"a"_s});
    // Remote "a" keeps its keys and falls back to AWS's default addressing.
    QCOMPARE(describe(result.profiles.first()), u"aws|https://s3.us-east-1.amazonaws.com|us-east-1|virtual|a|as|||"_s);
    QVERIFY(result.errors.at(2).message.contains(u"needs one"_s));
}

void tst_RcloneConfig::missingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const ImportResult result = importRcloneConfig(dir.filePath(u"rclone.conf"_s));
    QVERIFY(result.profiles.isEmpty());
    QCOMPARE(errorPlaces(result), QStringList{u"rclone.conf:0"_s});
}

void tst_RcloneConfig::encryptedFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"rclone.conf"_s);
    QVERIFY(writeFile(path, u"# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\n"
                            "bXkgc2VjcmV0IGNvbmZpZyBbcjJdIHR5cGUgPSBzMw==\n"_s));
    const ImportResult result = importRcloneConfig(path);
    QVERIFY(result.profiles.isEmpty());
    QCOMPARE(errorPlaces(result), QStringList{u"rclone.conf:3"_s});
    QVERIFY(result.errors.first().message.contains(u"encrypted"_s));
}

QTEST_GUILESS_MAIN(tst_RcloneConfig)
#include "tst_rcloneconfig.moc"
