// Provider presets: ids and display names, region rules, derived endpoints (regional,
// R2 account + jurisdiction, local server), R2 location hints and the capability table.

#include "s3/endpoint/provider.h"

#include <QTest>

using namespace coffer::s3;
using namespace Qt::StringLiterals;

namespace {
const QString kAccount = u"0123456789abcdef0123456789abcdef"_s;
}

class TestProvider : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void idsAndNames();
    void defaults_data();
    void defaults();
    void normalizeRegion_data();
    void normalizeRegion();
    void regionalEndpoint_data();
    void regionalEndpoint();
    void r2Endpoint_data();
    void r2Endpoint();
    void r2AccountIdErrors_data();
    void r2AccountIdErrors();
    void r2Jurisdictions();
    void r2LocationHints_data();
    void r2LocationHints();
    void cofferLocal_data();
    void cofferLocal();
    void capabilities_data();
    void capabilities();
    void r2LacksWhatItDoesNotImplement_data();
    void r2LacksWhatItDoesNotImplement();
};

void TestProvider::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestProvider::idsAndNames()
{
    const QList<Provider> providers = allProviders();
    QCOMPARE(providers.size(), 9);
    QSet<QByteArray> ids;
    QSet<QString> names;
    for (Provider provider : providers) {
        const QByteArray id = providerId(provider);
        QVERIFY(!id.isEmpty());
        QCOMPARE(providerFromId(id), std::optional(provider));
        QCOMPARE(providerFromId(id.toUpper()), std::optional(provider));
        ids.insert(id);
        names.insert(providerDisplayName(provider));
    }
    QCOMPARE(ids.size(), providers.size());
    QCOMPARE(names.size(), providers.size());
    QCOMPARE(providerDisplayName(Provider::CloudflareR2), u"Cloudflare R2"_s);
    QCOMPARE(providerId(Provider::CloudflareR2), QByteArray("r2"));
    QCOMPARE(providerFromId("dropbox"), std::nullopt);
}

void TestProvider::defaults_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<AddressingStyle>("addressing");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("userEndpoint");

    const auto path = AddressingStyle::PathStyle;
    const auto virt = AddressingStyle::VirtualHosted;
    QTest::newRow("r2") << Provider::CloudflareR2 << path << u"auto"_s << false;
    QTest::newRow("aws") << Provider::AwsS3 << virt << u"us-east-1"_s << false;
    QTest::newRow("b2") << Provider::BackblazeB2 << virt << QString() << false;
    QTest::newRow("wasabi") << Provider::Wasabi << virt << u"us-east-1"_s << false;
    QTest::newRow("minio") << Provider::MinIO << path << u"us-east-1"_s << true;
    QTest::newRow("ceph") << Provider::CephRgw << path << u"us-east-1"_s << true;
    QTest::newRow("garage") << Provider::Garage << path << u"garage"_s << true;
    QTest::newRow("custom") << Provider::Custom << path << u"us-east-1"_s << true;
    QTest::newRow("coffer-local") << Provider::CofferLocal << path << u"us-east-1"_s << false;
}

void TestProvider::defaults()
{
    QFETCH(Provider, provider);
    QFETCH(AddressingStyle, addressing);
    QFETCH(QString, region);
    QFETCH(bool, userEndpoint);

    const ProviderDefaults defaults = providerDefaults(provider);
    QCOMPARE(defaults.addressing, addressing);
    QCOMPARE(defaults.region, region);
    QCOMPARE(defaults.userEndpoint, userEndpoint);
    // Exactly one way to find the endpoint, except the local server (a port).
    const int ways = int(defaults.userEndpoint) + int(defaults.endpointFromRegion) + int(defaults.endpointFromAccount);
    QCOMPARE(ways, provider == Provider::CofferLocal ? 0 : 1);
}

void TestProvider::normalizeRegion_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected"); // null: an error

    QTest::newRow("r2 auto") << Provider::CloudflareR2 << u"auto"_s << u"auto"_s;
    QTest::newRow("r2 empty") << Provider::CloudflareR2 << QString() << u"auto"_s;
    QTest::newRow("r2 us-east-1") << Provider::CloudflareR2 << u"us-east-1"_s << u"auto"_s;
    QTest::newRow("r2 other") << Provider::CloudflareR2 << u"ap-southeast-1"_s << QString();
    QTest::newRow("r2 hint is not a region") << Provider::CloudflareR2 << u"weur"_s << QString();
    QTest::newRow("aws region") << Provider::AwsS3 << u"eu-central-1"_s << u"eu-central-1"_s;
    QTest::newRow("aws empty") << Provider::AwsS3 << QString() << u"us-east-1"_s;
    QTest::newRow("aws uppercase") << Provider::AwsS3 << u"EU-CENTRAL-1"_s << QString();
    QTest::newRow("aws spaces") << Provider::AwsS3 << u"eu central"_s << QString();
    QTest::newRow("aws trailing hyphen") << Provider::AwsS3 << u"eu-"_s << QString();
    QTest::newRow("b2 region") << Provider::BackblazeB2 << u"us-west-004"_s << u"us-west-004"_s;
    QTest::newRow("b2 empty") << Provider::BackblazeB2 << QString() << QString();
    QTest::newRow("garage empty") << Provider::Garage << QString() << u"garage"_s;
    QTest::newRow("custom named") << Provider::Custom << u"home"_s << u"home"_s;
}

void TestProvider::normalizeRegion()
{
    QFETCH(Provider, provider);
    QFETCH(QString, region);
    QFETCH(QString, expected);

    ProviderError error;
    const std::optional<QString> normalized = coffer::s3::normalizeRegion(provider, region, &error);
    if (expected.isNull()) {
        QCOMPARE(normalized, std::nullopt);
        QCOMPARE(error.code, ProviderError::Code::BadRegion);
        QVERIFY(!error.message.isEmpty());
    } else {
        QVERIFY2(normalized, qPrintable(error.message));
        QCOMPARE(*normalized, expected);
    }
}

void TestProvider::regionalEndpoint_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected"); // null: an error
    QTest::addColumn<ProviderError::Code>("code");

    using Code = ProviderError::Code;
    QTest::newRow("aws") << Provider::AwsS3 << u"eu-west-3"_s << u"https://s3.eu-west-3.amazonaws.com"_s
                         << Code::BadRegion;
    QTest::newRow("aws default") << Provider::AwsS3 << QString() << u"https://s3.us-east-1.amazonaws.com"_s
                                 << Code::BadRegion;
    QTest::newRow("b2") << Provider::BackblazeB2 << u"eu-central-003"_s
                        << u"https://s3.eu-central-003.backblazeb2.com"_s << Code::BadRegion;
    QTest::newRow("wasabi") << Provider::Wasabi << u"ap-northeast-1"_s
                            << u"https://s3.ap-northeast-1.wasabisys.com"_s << Code::BadRegion;
    QTest::newRow("b2 no region") << Provider::BackblazeB2 << QString() << QString() << Code::BadRegion;
    QTest::newRow("aws bad region") << Provider::AwsS3 << u"evil.com/x"_s << QString() << Code::BadRegion;
    QTest::newRow("minio") << Provider::MinIO << u"us-east-1"_s << QString() << Code::NeedsUserEndpoint;
    QTest::newRow("r2") << Provider::CloudflareR2 << u"auto"_s << QString() << Code::NeedsUserEndpoint;
}

void TestProvider::regionalEndpoint()
{
    QFETCH(Provider, provider);
    QFETCH(QString, region);
    QFETCH(QString, expected);
    QFETCH(ProviderError::Code, code);

    ProviderError error;
    const std::optional<Endpoint> endpoint = coffer::s3::regionalEndpoint(provider, region, &error);
    if (expected.isNull()) {
        QCOMPARE(endpoint, std::nullopt);
        QCOMPARE(error.code, code);
        QVERIFY(!error.message.isEmpty());
    } else {
        QVERIFY2(endpoint, qPrintable(error.message));
        QCOMPARE(endpoint->toString(), expected);
        QCOMPARE(parseEndpoint(expected), endpoint);
    }
}

void TestProvider::r2Endpoint_data()
{
    QTest::addColumn<QString>("accountId");
    QTest::addColumn<R2Jurisdiction>("jurisdiction");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default") << kAccount << R2Jurisdiction::Default
                             << u"https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s;
    QTest::newRow("eu") << kAccount << R2Jurisdiction::Eu
                        << u"https://0123456789abcdef0123456789abcdef.eu.r2.cloudflarestorage.com"_s;
    QTest::newRow("fedramp") << kAccount << R2Jurisdiction::FedRamp
                             << u"https://0123456789abcdef0123456789abcdef.fedramp.r2.cloudflarestorage.com"_s;
    QTest::newRow("uppercase id lowered") << kAccount.toUpper() << R2Jurisdiction::Default
                                          << u"https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s;
}

void TestProvider::r2Endpoint()
{
    QFETCH(QString, accountId);
    QFETCH(R2Jurisdiction, jurisdiction);
    QFETCH(QString, expected);

    QCOMPARE(validateR2AccountId(accountId), std::nullopt);
    ProviderError error;
    const std::optional<Endpoint> endpoint = coffer::s3::r2Endpoint(accountId, jurisdiction, &error);
    QVERIFY2(endpoint, qPrintable(error.message));
    QCOMPARE(endpoint->toString(), expected);
    QVERIFY(endpoint->isHttps());
    QCOMPARE(endpoint->port, -1);
}

void TestProvider::r2AccountIdErrors_data()
{
    QTest::addColumn<QString>("accountId");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << QString() << u"32"_s;
    QTest::newRow("31 chars") << kAccount.left(31) << u"31"_s;
    QTest::newRow("33 chars") << kAccount + u'0' << u"33"_s;
    QTest::newRow("not hex") << kAccount.left(31) + u'g' << u"“g”"_s;
    QTest::newRow("padded with space") << u' ' + kAccount << u"“ ”"_s;
    QTest::newRow("a whole url") << u"https://"_s + kAccount << u"“h”"_s;
    QTest::newRow("fullwidth digit") << kAccount.left(31) + QChar(0xFF11) << u"hexadecimal"_s;
}

void TestProvider::r2AccountIdErrors()
{
    QFETCH(QString, accountId);
    QFETCH(QString, mentions);

    const std::optional<ProviderError> invalid = validateR2AccountId(accountId);
    QVERIFY(invalid);
    QCOMPARE(invalid->code, ProviderError::Code::BadAccountId);
    QVERIFY2(invalid->message.contains(mentions), qPrintable(invalid->message));

    ProviderError error;
    QCOMPARE(coffer::s3::r2Endpoint(accountId, R2Jurisdiction::Eu, &error), std::nullopt);
    QCOMPARE(error.code, ProviderError::Code::BadAccountId);
    QCOMPARE(error.message, invalid->message);
}

void TestProvider::r2Jurisdictions()
{
    for (R2Jurisdiction jurisdiction : {R2Jurisdiction::Default, R2Jurisdiction::Eu, R2Jurisdiction::FedRamp}) {
        const QByteArray name = r2JurisdictionName(jurisdiction);
        QCOMPARE(r2JurisdictionFromName(name), std::optional(jurisdiction));
        QCOMPARE(r2JurisdictionFromName(name.toUpper()), std::optional(jurisdiction));
    }
    QCOMPARE(r2JurisdictionName(R2Jurisdiction::Eu), QByteArray("eu"));
    QCOMPARE(r2JurisdictionFromName("mars"), std::nullopt);
    QCOMPARE(r2JurisdictionFromName(""), std::nullopt);
}

void TestProvider::r2LocationHints_data()
{
    QTest::addColumn<QString>("hint");
    QTest::addColumn<bool>("valid");

    for (const char *hint : {"wnam", "enam", "weur", "eeur", "apac", "oc"})
        QTest::newRow(hint) << QString::fromLatin1(hint) << true;
    QTest::newRow("uppercase") << u"WNAM"_s << false;
    QTest::newRow("auto") << u"auto"_s << false;
    QTest::newRow("aws region") << u"eu-west-1"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestProvider::r2LocationHints()
{
    QFETCH(QString, hint);
    QFETCH(bool, valid);
    QCOMPARE(isR2LocationHint(hint), valid);
    QCOMPARE(coffer::s3::r2LocationHints().contains(hint), valid);
    QCOMPARE(coffer::s3::r2LocationHints().size(), 6);
}

void TestProvider::cofferLocal_data()
{
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected"); // null: an error

    QTest::newRow("9000") << 9000 << u"http://127.0.0.1:9000"_s;
    QTest::newRow("1") << 1 << u"http://127.0.0.1:1"_s;
    QTest::newRow("65535") << 65535 << u"http://127.0.0.1:65535"_s;
    QTest::newRow("0") << 0 << QString();
    QTest::newRow("65536") << 65536 << QString();
    QTest::newRow("negative") << -5 << QString();
}

void TestProvider::cofferLocal()
{
    QFETCH(int, port);
    QFETCH(QString, expected);

    ProviderError error;
    const std::optional<Endpoint> endpoint = cofferLocalEndpoint(port, &error);
    if (expected.isNull()) {
        QCOMPARE(endpoint, std::nullopt);
        QCOMPARE(error.code, ProviderError::Code::BadPort);
        QVERIFY(error.message.contains(QString::number(port)));
    } else {
        QVERIFY(endpoint);
        QCOMPARE(endpoint->toString(), expected);
        QVERIFY(endpoint->hostIsIpAddress());
        QCOMPARE(endpoint->effectivePort(), port);
    }
}

void TestProvider::capabilities_data()
{
    QTest::addColumn<Provider>("provider");
    QTest::addColumn<Capability>("capability");
    QTest::addColumn<bool>("supported");

    using C = Capability;
    QTest::newRow("r2 cors") << Provider::CloudflareR2 << C::Cors << true;
    QTest::newRow("r2 lifecycle") << Provider::CloudflareR2 << C::Lifecycle << true;
    QTest::newRow("r2 paging") << Provider::CloudflareR2 << C::ListBucketsPaging << true;
    QTest::newRow("r2 infrequent access") << Provider::CloudflareR2 << C::StorageClassIA << true;
    QTest::newRow("r2 managed domain") << Provider::CloudflareR2 << C::R2ManagedDomain << true;
    QTest::newRow("r2 custom domains") << Provider::CloudflareR2 << C::CustomDomains << true;
    QTest::newRow("r2 equal parts") << Provider::CloudflareR2 << C::MultipartEqualParts << true;
    QTest::newRow("r2 location hints") << Provider::CloudflareR2 << C::LocationHints << true;
    QTest::newRow("r2 crc64nvme") << Provider::CloudflareR2 << C::ChecksumCrc64Nvme << true;
    QTest::newRow("r2 no 100-continue") << Provider::CloudflareR2 << C::Expect100Continue << false;
    QTest::newRow("r2 no presigned post") << Provider::CloudflareR2 << C::PresignedPost << false;
    QTest::newRow("aws acls") << Provider::AwsS3 << C::Acls << true;
    QTest::newRow("aws versioning") << Provider::AwsS3 << C::Versioning << true;
    QTest::newRow("aws object lock") << Provider::AwsS3 << C::ObjectLock << true;
    QTest::newRow("aws website") << Provider::AwsS3 << C::Website << true;
    QTest::newRow("aws presigned post") << Provider::AwsS3 << C::PresignedPost << true;
    QTest::newRow("aws no r2 domains") << Provider::AwsS3 << C::R2ManagedDomain << false;
    QTest::newRow("aws no cf paging") << Provider::AwsS3 << C::ListBucketsPaging << false;
    QTest::newRow("garage no versioning") << Provider::Garage << C::Versioning << false;
    QTest::newRow("garage website") << Provider::Garage << C::Website << true;
    QTest::newRow("minio policy") << Provider::MinIO << C::BucketPolicy << true;
    QTest::newRow("custom no cloudflare api") << Provider::Custom << C::CustomDomains << false;
    QTest::newRow("local no cloudflare api") << Provider::CofferLocal << C::R2ManagedDomain << false;
}

void TestProvider::capabilities()
{
    QFETCH(Provider, provider);
    QFETCH(Capability, capability);
    QFETCH(bool, supported);

    QCOMPARE(providerSupports(provider, capability), supported);
    QCOMPARE(providerCapabilities(provider).testFlag(capability), supported);
}

void TestProvider::r2LacksWhatItDoesNotImplement_data()
{
    QTest::addColumn<Capability>("capability");
    using C = Capability;
    QTest::newRow("acls") << C::Acls;
    QTest::newRow("policy") << C::BucketPolicy;
    QTest::newRow("public access block") << C::PublicAccessBlock;
    QTest::newRow("versioning") << C::Versioning;
    QTest::newRow("object tagging") << C::ObjectTagging;
    QTest::newRow("bucket tagging") << C::BucketTagging;
    QTest::newRow("object lock") << C::ObjectLock;
    QTest::newRow("website") << C::Website;
}

void TestProvider::r2LacksWhatItDoesNotImplement()
{
    QFETCH(Capability, capability);
    // R2 answers 501 to all of these (docs/s3-r2-facts.md); so does the local server,
    // which stands in for R2. Only the Cloudflare providers carry the REST API domains.
    QVERIFY(!providerSupports(Provider::CloudflareR2, capability));
    QVERIFY(!providerSupports(Provider::CofferLocal, capability));
    // Every provider supports the basics.
    for (Provider provider : allProviders()) {
        QVERIFY(providerSupports(provider, Capability::MultipartUpload));
        QVERIFY(providerSupports(provider, Capability::PresignedUrls));
    }
}

QTEST_GUILESS_MAIN(TestProvider)
#include "tst_provider.moc"
