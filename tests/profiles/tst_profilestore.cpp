// ProfileStore: round trip through a temporary INI file, the changed() signal, typed
// errors, and proof that the file holds no secret.

#include "profiles/awsfiles.h"
#include "profiles/profilestore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::profiles;

namespace {

Profile sample(s3::Provider provider)
{
    Profile p;
    p.id = QUuid::createUuid();
    p.provider = provider;
    p.accessKeyId = u"AKIAEXAMPLEKEY"_s;
    p.secrets = SecretKind::SecretAccessKey | SecretKind::SessionToken;
    switch (provider) {
    case s3::Provider::CloudflareR2:
        p.name = u"R2 eu, one bucket"_s;
        p.r2AccountId = u"0123456789abcdef0123456789abcdef"_s;
        p.r2Jurisdiction = s3::R2Jurisdiction::Eu;
        p.endpointUrl = u"https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com"_s;
        p.region = u"auto"_s;
        p.addressing = s3::AddressingStyle::PathStyle;
        p.singleBucket = true;
        p.defaultBucket = u"scoped-bucket"_s;
        p.secrets |= SecretKind::CloudflareApiToken;
        break;
    case s3::Provider::MinIO:
        p.name = u"minio, local"_s;
        p.endpointUrl = u"http://127.0.0.1:9000"_s;
        p.region = u"us-east-1"_s;
        p.addressing = s3::AddressingStyle::PathStyle;
        break;
    default:
        p.name = u"Älteres AWS = [prod]"_s; // characters INI files must escape
        p.endpointUrl = u"https://s3.eu-west-1.amazonaws.com"_s;
        p.region = u"eu-west-1"_s;
        p.defaultBucket = u"logs.example.com"_s;
        break;
    }
    return p;
}

std::unique_ptr<QSettings> settingsAt(const QString &path)
{
    return std::make_unique<QSettings>(path, QSettings::IniFormat);
}

} // namespace

class tst_ProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void updateAndRemove();
    void refusesInvalidAndUnknown();
    void defaultProfile();
    void fileHoldsNoSecret();
};

void tst_ProfileStore::roundTrip_data()
{
    QTest::addColumn<s3::Provider>("provider");
    QTest::newRow("r2") << s3::Provider::CloudflareR2;
    QTest::newRow("minio") << s3::Provider::MinIO;
    QTest::newRow("aws") << s3::Provider::AwsS3;
}

void tst_ProfileStore::roundTrip()
{
    QFETCH(s3::Provider, provider);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"coffer.ini"_s);
    const Profile profile = sample(provider);
    {
        ProfileStore store(settingsAt(path));
        QSignalSpy changed(&store, &ProfileStore::changed);
        const auto error = store.add(profile);
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QCOMPARE(changed.size(), 1);
    }
    // A fresh store over the same file reads back exactly what was saved.
    ProfileStore reopened(settingsAt(path));
    QCOMPARE(reopened.profiles().size(), 1);
    QCOMPARE(reopened.profiles().first(), profile);
    QCOMPARE(reopened.profile(profile.id), profile);
}

void tst_ProfileStore::updateAndRemove()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProfileStore store(settingsAt(dir.filePath(u"coffer.ini"_s)));
    QSignalSpy changed(&store, &ProfileStore::changed);
    Profile a = sample(s3::Provider::MinIO);
    const Profile b = sample(s3::Provider::AwsS3);
    QVERIFY(!store.add(a));
    QVERIFY(!store.add(b));
    QCOMPARE(changed.size(), 2);
    // Sorted by name, case-insensitively: "minio, local" before "Älteres AWS = [prod]".
    QCOMPARE(store.profiles().size(), 2);
    QCOMPARE(store.profiles().at(0).id, a.id);
    QCOMPARE(store.profiles().at(1).id, b.id);

    a.name = u"MinIO renamed"_s;
    a.defaultBucket = u"data"_s;
    a.secrets = {};
    QVERIFY(!store.update(a));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(store.profile(a.id), a);

    QVERIFY(!store.remove(b.id));
    QCOMPARE(changed.size(), 4);
    QVERIFY(!store.profile(b.id));
    QCOMPARE(store.profiles().size(), 1);
}

void tst_ProfileStore::refusesInvalidAndUnknown()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProfileStore store(settingsAt(dir.filePath(u"coffer.ini"_s)));
    QSignalSpy changed(&store, &ProfileStore::changed);

    Profile invalid = sample(s3::Provider::CloudflareR2);
    invalid.defaultBucket.clear(); // single-bucket mode without its bucket
    auto error = store.add(invalid);
    QVERIFY(error);
    QCOMPARE(error->code, StoreError::Code::Invalid);
    QCOMPARE(error->problems, invalid.validate());
    QVERIFY(error->message.contains(invalid.name));

    const Profile good = sample(s3::Provider::MinIO);
    QVERIFY(!store.add(good));
    error = store.add(good);
    QVERIFY(error);
    QCOMPARE(error->code, StoreError::Code::DuplicateId);

    const Profile stranger = sample(s3::Provider::AwsS3);
    error = store.update(stranger);
    QVERIFY(error);
    QCOMPARE(error->code, StoreError::Code::NotFound);
    error = store.remove(stranger.id);
    QVERIFY(error);
    QCOMPARE(error->code, StoreError::Code::NotFound);

    QCOMPARE(changed.size(), 1); // only the one successful add
    QCOMPARE(store.profiles().size(), 1);
}

void tst_ProfileStore::defaultProfile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProfileStore store(settingsAt(dir.filePath(u"coffer.ini"_s)));
    const Profile p = sample(s3::Provider::MinIO);
    QVERIFY(store.defaultProfileId().isNull());
    QVERIFY(store.setDefaultProfileId(p.id)); // not saved yet: refused
    QVERIFY(!store.add(p));
    QVERIFY(!store.setDefaultProfileId(p.id));
    QCOMPARE(store.defaultProfileId(), p.id);
    QVERIFY(!store.remove(p.id));
    QVERIFY(store.defaultProfileId().isNull());
}

void tst_ProfileStore::fileHoldsNoSecret()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The real path secrets take: imported from a file together with their profiles,
    // then the profiles saved. The secrets must not follow them into the settings file.
    const QByteArray secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const QByteArray token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    const QString credentials = dir.filePath(u"credentials"_s);
    {
        QFile file(credentials);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[default]\naws_access_key_id = AKIAEXAMPLEKEY\naws_secret_access_key = " + secret
                   + "\naws_session_token = " + token + "\n[r2]\naws_access_key_id = r2id\n"
                   "aws_secret_access_key = " + secret.toLower() + "\n"
                   "endpoint_url = https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com\n");
    }
    const ImportResult imported = importAwsFiles(credentials, QString());
    QCOMPARE(imported.profiles.size(), 2);
    QCOMPARE(imported.profiles.first().secretAccessKey, secret);
    QCOMPARE(imported.profiles.first().sessionToken, token);

    const QString path = dir.filePath(u"coffer.ini"_s);
    {
        ProfileStore store(settingsAt(path));
        for (const ImportedProfile &one : imported.profiles)
            QVERIFY(!store.add(one.profile));
        QVERIFY(!store.add(sample(s3::Provider::CloudflareR2)));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("AKIAEXAMPLEKEY"));    // the access key id is not secret and is there
    QVERIFY(bytes.contains("session-token"));     // as a reference to the keychain entry
    QVERIFY(!bytes.contains(secret));
    QVERIFY(!bytes.contains(secret.toLower()));
    QVERIFY(!bytes.contains(token));
    QVERIFY(!bytes.contains(QByteArray(secret).toPercentEncoding())); // nor escaped
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
