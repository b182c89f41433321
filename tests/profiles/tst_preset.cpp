// Filling a profile from a provider choice: R2 from account id and jurisdiction, AWS/B2/
// Wasabi from a region, user endpoints with the path-style option, the local server.

#include "profiles/preset.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::profiles;

class tst_Preset : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void apply_data();
    void apply();
    void errors_data();
    void errors();
    void keepsIdentityAndKeys();
};

void tst_Preset::apply_data()
{
    QTest::addColumn<PresetChoice>("choice");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("pathStyle");

    const QString account = u"0123456789ABCDEF0123456789abcdef"_s;
    const QString lower = account.toLower();
    PresetChoice c;
    c.provider = s3::Provider::CloudflareR2;
    c.r2AccountId = u" "_s + account + u" "_s;
    QTest::newRow("R2 default") << c << u"https://%1.r2.cloudflarestorage.com"_s.arg(lower) << u"auto"_s << true;
    c.r2Jurisdiction = s3::R2Jurisdiction::Eu;
    QTest::newRow("R2 eu") << c << u"https://%1.eu.r2.cloudflarestorage.com"_s.arg(lower) << u"auto"_s << true;
    c.r2Jurisdiction = s3::R2Jurisdiction::FedRamp;
    QTest::newRow("R2 fedramp") << c << u"https://%1.fedramp.r2.cloudflarestorage.com"_s.arg(lower) << u"auto"_s << true;

    c = {};
    c.provider = s3::Provider::AwsS3;
    c.region = u"eu-central-1"_s;
    QTest::newRow("AWS") << c << u"https://s3.eu-central-1.amazonaws.com"_s << u"eu-central-1"_s << false;
    c.region.clear();
    QTest::newRow("AWS default region") << c << u"https://s3.us-east-1.amazonaws.com"_s << u"us-east-1"_s << false;
    c.provider = s3::Provider::BackblazeB2;
    c.region = u"us-west-004"_s;
    QTest::newRow("B2") << c << u"https://s3.us-west-004.backblazeb2.com"_s << u"us-west-004"_s << false;
    c.provider = s3::Provider::Wasabi;
    c.region = u"eu-central-2"_s;
    QTest::newRow("Wasabi") << c << u"https://s3.eu-central-2.wasabisys.com"_s << u"eu-central-2"_s << false;

    c = {};
    c.provider = s3::Provider::MinIO;
    c.endpointUrl = u"http://127.0.0.1:9000/"_s;
    QTest::newRow("MinIO path style") << c << u"http://127.0.0.1:9000"_s << u"us-east-1"_s << true;
    c.provider = s3::Provider::Garage;
    c.endpointUrl = u"https://garage.example.net"_s;
    c.pathStyle = false;
    QTest::newRow("Garage virtual hosted") << c << u"https://garage.example.net"_s << u"garage"_s << false;
    c.provider = s3::Provider::CephRgw;
    c.endpointUrl = u"https://rgw.example.org:7480"_s;
    c.region = u"default"_s;
    c.pathStyle = true;
    QTest::newRow("Ceph with region") << c << u"https://rgw.example.org:7480"_s << u"default"_s << true;
    c.provider = s3::Provider::Custom;
    c.endpointUrl = u"https://gw.example.com/s3"_s;
    c.region.clear();
    QTest::newRow("custom with base path") << c << u"https://gw.example.com/s3"_s << u"us-east-1"_s << true;

    c = {};
    c.provider = s3::Provider::CofferLocal;
    c.port = 9512;
    QTest::newRow("local Coffer server") << c << u"http://127.0.0.1:9512"_s << u"us-east-1"_s << true;
}

void tst_Preset::apply()
{
    QFETCH(PresetChoice, choice);
    QFETCH(QString, endpoint);
    QFETCH(QString, region);
    QFETCH(bool, pathStyle);

    Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = u"p"_s;
    profile.accessKeyId = u"key"_s;
    const auto error = applyPreset(profile, choice);
    QVERIFY2(!error, qPrintable(error ? error->message : QString()));
    QCOMPARE(profile.provider, choice.provider);
    QCOMPARE(profile.endpointUrl, endpoint);
    QCOMPARE(profile.region, region);
    QCOMPARE(profile.addressing == s3::AddressingStyle::PathStyle, pathStyle);
    if (choice.provider == s3::Provider::CloudflareR2) {
        QCOMPARE(profile.r2AccountId, choice.r2AccountId.trimmed().toLower());
        QCOMPARE(profile.r2Jurisdiction, choice.r2Jurisdiction);
    } else {
        QVERIFY(profile.r2AccountId.isEmpty());
    }
    QCOMPARE(profile.validate(), QStringList());
}

void tst_Preset::errors_data()
{
    QTest::addColumn<PresetChoice>("choice");
    QTest::addColumn<PresetError::Field>("field");

    PresetChoice c;
    c.provider = s3::Provider::CloudflareR2;
    c.r2AccountId = u"not-an-account"_s;
    QTest::newRow("R2 bad account") << c << PresetError::Field::AccountId;
    c = {};
    c.provider = s3::Provider::AwsS3;
    c.region = u"Europe West"_s;
    QTest::newRow("AWS bad region") << c << PresetError::Field::Region;
    c.provider = s3::Provider::BackblazeB2;
    c.region.clear();
    QTest::newRow("B2 needs a region") << c << PresetError::Field::Region;
    c = {};
    c.provider = s3::Provider::MinIO;
    c.endpointUrl = u"localhost:9000"_s;
    QTest::newRow("MinIO without scheme") << c << PresetError::Field::Endpoint;
    c.endpointUrl.clear();
    QTest::newRow("custom empty endpoint") << c << PresetError::Field::Endpoint;
    c = {};
    c.provider = s3::Provider::CofferLocal;
    QTest::newRow("local port 0") << c << PresetError::Field::Port;
}

void tst_Preset::errors()
{
    QFETCH(PresetChoice, choice);
    QFETCH(PresetError::Field, field);
    Profile profile;
    profile.endpointUrl = u"https://before.example"_s;
    const Profile before = profile;
    const auto error = applyPreset(profile, choice);
    QVERIFY(error);
    QCOMPARE(error->field, field);
    QVERIFY(!error->message.isEmpty());
    QCOMPARE(profile, before);
}

void tst_Preset::keepsIdentityAndKeys()
{
    Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = u"Work"_s;
    profile.accessKeyId = u"AKIA"_s;
    profile.secrets = SecretKind::SecretAccessKey;
    profile.defaultBucket = u"photos"_s;
    profile.r2AccountId = u"0123456789abcdef0123456789abcdef"_s;
    PresetChoice c;
    c.provider = s3::Provider::AwsS3;
    c.region = u"eu-west-1"_s;
    QVERIFY(!applyPreset(profile, c));
    QCOMPARE(profile.name, u"Work"_s);
    QCOMPARE(profile.accessKeyId, u"AKIA"_s);
    QCOMPARE(profile.secrets, SecretKinds(SecretKind::SecretAccessKey));
    QCOMPARE(profile.defaultBucket, u"photos"_s);
    QVERIFY(profile.r2AccountId.isEmpty()); // no R2 leftovers on an AWS profile
}

QTEST_GUILESS_MAIN(tst_Preset)
#include "tst_preset.moc"
