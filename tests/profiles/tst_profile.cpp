// Profile::validate(): each problem is reported as its own sentence, and a complete
// profile has none.

#include "profiles/profile.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::profiles;

namespace {

const QString kAccount = u"0123456789abcdef0123456789abcdef"_s;

Profile r2Profile()
{
    Profile p;
    p.id = QUuid::createUuid();
    p.name = u"R2 photos"_s;
    p.provider = s3::Provider::CloudflareR2;
    p.endpointUrl = u"https://%1.r2.cloudflarestorage.com"_s.arg(kAccount);
    p.region = u"auto"_s;
    p.addressing = s3::AddressingStyle::PathStyle;
    p.r2AccountId = kAccount;
    p.accessKeyId = u"tokenid"_s;
    return p;
}

} // namespace

using Change = void (*)(Profile &);
Q_DECLARE_METATYPE(Change)

class tst_Profile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
    void secretKindIds();
};

void tst_Profile::validate_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QString>("problem"); // a fragment of the one sentence expected, or empty

    QTest::newRow("complete") << Change([](Profile &) {}) << QString();
    QTest::newRow("single bucket with bucket")
        << Change([](Profile &p) { p.singleBucket = true; p.defaultBucket = u"photos"_s; }) << QString();
    QTest::newRow("no name") << Change([](Profile &p) { p.name = u"  "_s; }) << u"no name"_s;
    QTest::newRow("no id") << Change([](Profile &p) { p.id = QUuid(); }) << u"no id"_s;
    QTest::newRow("no access key") << Change([](Profile &p) { p.accessKeyId.clear(); }) << u"API token's id"_s;
    QTest::newRow("bad endpoint") << Change([](Profile &p) { p.endpointUrl = u"r2.example.com"_s; }) << u"https://"_s;
    QTest::newRow("R2 bad region") << Change([](Profile &p) { p.region = u"eu-west-1"_s; }) << u"auto"_s;
    QTest::newRow("R2 bad account") << Change([](Profile &p) { p.r2AccountId = u"xyz"_s; }) << u"32"_s;
    QTest::newRow("R2 jurisdiction mismatch")
        << Change([](Profile &p) { p.r2Jurisdiction = s3::R2Jurisdiction::Eu; }) << u"jurisdiction"_s;
    QTest::newRow("single bucket without bucket")
        << Change([](Profile &p) { p.singleBucket = true; }) << u"Single-bucket mode"_s;
    QTest::newRow("bad default bucket")
        << Change([](Profile &p) { p.defaultBucket = u"Bad_Bucket"_s; }) << u"Bad_Bucket"_s;
}

void tst_Profile::validate()
{
    QFETCH(Change, change);
    QFETCH(QString, problem);
    Profile profile = r2Profile();
    change(profile);
    const QStringList problems = profile.validate();
    if (problem.isEmpty()) {
        QCOMPARE(problems, QStringList());
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(problem, Qt::CaseInsensitive), qPrintable(problems.first()));
    QVERIFY2(problems.first().endsWith(u'.'), qPrintable(problems.first()));
}

void tst_Profile::secretKindIds()
{
    for (SecretKind kind : {SecretKind::SecretAccessKey, SecretKind::SessionToken, SecretKind::CloudflareApiToken}) {
        const QString id = secretKindId(kind);
        QVERIFY(!id.isEmpty());
        QCOMPARE(secretKindFromId(id), kind);
    }
    QVERIFY(!secretKindFromId(u"password"));
}

QTEST_GUILESS_MAIN(tst_Profile)
#include "tst_profile.moc"
