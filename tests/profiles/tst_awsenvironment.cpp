// Importing what the AWS tools would use from the environment: AWS_SHARED_CREDENTIALS_FILE
// and AWS_CONFIG_FILE (else $HOME/.aws), AWS_PROFILE choosing the default, and the
// precedence of AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL and
// AWS_REGION / AWS_DEFAULT_REGION over the files.

#include "importcheck.h"

#include "profiles/awsenvironment.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::profiles;
using namespace coffer::profiles::test;

using Variables = QList<std::pair<QString, QString>>;
Q_DECLARE_METATYPE(Variables)

class tst_AwsEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void precedence_data();
    void precedence();
    void filesFromHome();
    void namedFileMissingIsAnError();
    void unknownProfileIsANote();

private:
    QProcessEnvironment environment(const Variables &variables) const;
    QTemporaryDir m_dir;
};

namespace {
const QString kAccount = u"00112233445566778899aabbccddeeff"_s;
}

void tst_AwsEnvironment::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(writeFile(m_dir.filePath(u"creds"_s),
                      u"[default]\naws_access_key_id = DEFKEY\naws_secret_access_key = defsecret\n"
                      "[work]\naws_access_key_id = WORKKEY\naws_secret_access_key = worksecret\n"_s));
    QVERIFY(writeFile(m_dir.filePath(u"conf"_s),
                      u"[default]\nregion = eu-west-1\n"
                      "[profile work]\nregion = us-west-2\n"_s));
}

QProcessEnvironment tst_AwsEnvironment::environment(const Variables &variables) const
{
    QProcessEnvironment env;
    env.insert(u"HOME"_s, m_dir.filePath(u"emptyhome"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"creds"_s));
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"conf"_s));
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return env;
}

void tst_AwsEnvironment::precedence_data()
{
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<QString>("defaultName");
    QTest::addColumn<QString>("expected"); // describe() of the default profile
    QTest::addColumn<int>("count");

    QTest::newRow("files only: [default]")
        << Variables{} << u"default"_s
        << u"aws|https://s3.eu-west-1.amazonaws.com|eu-west-1|virtual|DEFKEY|defsecret|||"_s << 2;
    QTest::newRow("AWS_PROFILE picks work")
        << Variables{{u"AWS_PROFILE"_s, u"work"_s}} << u"work"_s
        << u"aws|https://s3.us-west-2.amazonaws.com|us-west-2|virtual|WORKKEY|worksecret|||"_s << 2;
    QTest::newRow("AWS_DEFAULT_REGION overrides the file's region")
        << Variables{{u"AWS_PROFILE"_s, u"work"_s}, {u"AWS_DEFAULT_REGION"_s, u"ap-east-1"_s}} << u"work"_s
        << u"aws|https://s3.ap-east-1.amazonaws.com|ap-east-1|virtual|WORKKEY|worksecret|||"_s << 2;
    QTest::newRow("AWS_REGION beats AWS_DEFAULT_REGION")
        << Variables{{u"AWS_REGION"_s, u"sa-east-1"_s}, {u"AWS_DEFAULT_REGION"_s, u"ap-east-1"_s}} << u"default"_s
        << u"aws|https://s3.sa-east-1.amazonaws.com|sa-east-1|virtual|DEFKEY|defsecret|||"_s << 2;
    QTest::newRow("AWS_ENDPOINT_URL moves the profile to R2")
        << Variables{{u"AWS_ENDPOINT_URL"_s, u"https://%1.r2.cloudflarestorage.com"_s.arg(kAccount)}}
        << u"default"_s
        << u"r2|https://%1.r2.cloudflarestorage.com|auto|path|DEFKEY|defsecret||%1|default"_s.arg(kAccount) << 2;
    QTest::newRow("AWS_ENDPOINT_URL_S3 beats AWS_ENDPOINT_URL")
        << Variables{{u"AWS_ENDPOINT_URL"_s, u"http://127.0.0.1:1"_s},
                     {u"AWS_ENDPOINT_URL_S3"_s, u"http://127.0.0.1:9000"_s}}
        << u"default"_s << u"custom|http://127.0.0.1:9000|eu-west-1|path|DEFKEY|defsecret|||"_s << 2;
    QTest::newRow("keys in the environment win and become the default")
        << Variables{{u"AWS_PROFILE"_s, u"work"_s}, {u"AWS_ACCESS_KEY_ID"_s, u"ENVKEY"_s},
                     {u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s}, {u"AWS_SESSION_TOKEN"_s, u"envtoken"_s}}
        << kEnvironmentProfileName.toString()
        << u"aws|https://s3.us-west-2.amazonaws.com|us-west-2|virtual|ENVKEY|envsecret|envtoken||"_s << 3;
    QTest::newRow("environment keys with environment endpoint and region")
        << Variables{{u"AWS_ACCESS_KEY_ID"_s, u"ENVKEY"_s}, {u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s},
                     {u"AWS_ENDPOINT_URL_S3"_s, u"https://s3.us-west-004.backblazeb2.com"_s},
                     {u"AWS_REGION"_s, u"us-west-004"_s}}
        << kEnvironmentProfileName.toString()
        << u"b2|https://s3.us-west-004.backblazeb2.com|us-west-004|virtual|ENVKEY|envsecret|||"_s << 3;
}

void tst_AwsEnvironment::precedence()
{
    QFETCH(Variables, variables);
    QFETCH(QString, defaultName);
    QFETCH(QString, expected);
    QFETCH(int, count);
    const ImportResult result = importAwsEnvironment(environment(variables));
    QVERIFY2(result.errors.isEmpty(), qPrintable(result.errors.value(0).sentence()));
    QCOMPARE(result.profiles.size(), count);
    QVERIFY(result.defaultIndex >= 0);
    const ImportedProfile &chosen = result.profiles.at(result.defaultIndex);
    QCOMPARE(chosen.sourceName, defaultName);
    QCOMPARE(describe(chosen), expected);
    QCOMPARE(chosen.profile.validate(), QStringList());
    // The other file profiles keep what their files say.
    for (const ImportedProfile &other : result.profiles) {
        if (&other != &chosen && other.sourceName == u"work")
            QCOMPARE(other.profile.region, u"us-west-2"_s);
    }
}

void tst_AwsEnvironment::filesFromHome()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QVERIFY(QDir(home.path()).mkpath(u".aws"_s));
    QVERIFY(writeFile(home.filePath(u".aws/credentials"_s),
                      u"[default]\naws_access_key_id = HOMEKEY\naws_secret_access_key = h\n"_s));
    QProcessEnvironment env;
    env.insert(u"HOME"_s, home.path());
    const ImportResult result = importAwsEnvironment(env);
    QVERIFY(result.errors.isEmpty()); // no ~/.aws/config: not an error
    QCOMPARE(sourceNames(result), QStringList{u"default"_s});
    QCOMPARE(result.profiles.first().profile.accessKeyId, u"HOMEKEY"_s);
    QCOMPARE(result.defaultIndex, 0);
}

void tst_AwsEnvironment::namedFileMissingIsAnError()
{
    QProcessEnvironment env = environment({});
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"no-such-config"_s));
    const ImportResult result = importAwsEnvironment(env);
    QCOMPARE(errorPlaces(result), QStringList{u"no-such-config:0"_s});
    QCOMPARE(sourceNames(result), (QStringList{u"default"_s, u"work"_s})); // credentials still imported
}

void tst_AwsEnvironment::unknownProfileIsANote()
{
    const ImportResult result = importAwsEnvironment(environment({{u"AWS_PROFILE"_s, u"ghost"_s}}));
    QCOMPARE(result.defaultIndex, -1);
    QCOMPARE(result.notes.filter(u"AWS_PROFILE is \"ghost\""_s).size(), 1);
}

QTEST_GUILESS_MAIN(tst_AwsEnvironment)
#include "tst_awsenvironment.moc"
