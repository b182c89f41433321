// Credential and connection precedence, as aws-cli has it: flags > AWS_* variables >
// ~/.aws files, with a temporary HOME and an environment built by each test.

#include "connection.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::cli;

class TestConnection : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    QProcessEnvironment baseEnvironment() const
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, m_home.path());
        return env;
    }

    void writeFile(const QString &relative, const QByteArray &content)
    {
        QFile file(m_home.filePath(relative));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QDir(m_home.path()).mkpath(u".aws"_s));
        writeFile(u".aws/credentials"_s,
            "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n"
            "[work]\naws_access_key_id = WORKKEY\naws_secret_access_key = worksecret\n"
            "aws_session_token = worktoken\n");
        writeFile(u".aws/config"_s,
            "[default]\nregion = eu-west-1\n"
            "[profile work]\nregion = auto\nendpoint_url = http://127.0.0.1:9001\n");
    }

    void precedence_data()
    {
        QTest::addColumn<QStringList>("variables"); // NAME=value
        QTest::addColumn<QString>("awsProfile"); // --profile with no Coffer profile of that name
        QTest::addColumn<QString>("flagEndpoint");
        QTest::addColumn<QString>("flagRegion");
        QTest::addColumn<QByteArray>("accessKey");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QByteArray>("region");

        QTest::newRow("files default") << QStringList() << QString() << QString() << QString()
                                       << QByteArray("FILEKEY") << QByteArray("filesecret") << QByteArray()
                                       << u"https://s3.eu-west-1.amazonaws.com"_s << QByteArray("eu-west-1");
        QTest::newRow("AWS_PROFILE") << QStringList { u"AWS_PROFILE=work"_s } << QString() << QString()
                                     << QString() << QByteArray("WORKKEY") << QByteArray("worksecret")
                                     << QByteArray("worktoken") << u"http://127.0.0.1:9001"_s
                                     << QByteArray("auto");
        QTest::newRow("env keys beat files")
            << QStringList { u"AWS_ACCESS_KEY_ID=ENVKEY"_s, u"AWS_SECRET_ACCESS_KEY=envsecret"_s,
                   u"AWS_SESSION_TOKEN=envtoken"_s }
            << QString() << QString() << QString() << QByteArray("ENVKEY") << QByteArray("envsecret")
            << QByteArray("envtoken") << u"https://s3.eu-west-1.amazonaws.com"_s << QByteArray("eu-west-1");
        QTest::newRow("env region and endpoint beat files")
            << QStringList { u"AWS_REGION=us-west-2"_s, u"AWS_DEFAULT_REGION=eu-central-1"_s,
                   u"AWS_ENDPOINT_URL=http://127.0.0.1:1"_s, u"AWS_ENDPOINT_URL_S3=http://127.0.0.1:2"_s }
            << QString() << QString() << QString() << QByteArray("FILEKEY") << QByteArray("filesecret")
            << QByteArray() << u"http://127.0.0.1:2"_s << QByteArray("us-west-2");
        QTest::newRow("flags beat env")
            << QStringList { u"AWS_REGION=us-west-2"_s, u"AWS_ENDPOINT_URL=http://127.0.0.1:1"_s }
            << QString() << u"http://127.0.0.1:3"_s << u"ap-south-1"_s << QByteArray("FILEKEY")
            << QByteArray("filesecret") << QByteArray() << u"http://127.0.0.1:3"_s
            << QByteArray("ap-south-1");
        QTest::newRow("--profile beats env keys")
            << QStringList { u"AWS_ACCESS_KEY_ID=ENVKEY"_s, u"AWS_SECRET_ACCESS_KEY=envsecret"_s }
            << u"work"_s << QString() << QString() << QByteArray("WORKKEY") << QByteArray("worksecret")
            << QByteArray("worktoken") << u"http://127.0.0.1:9001"_s << QByteArray("auto");
        QTest::newRow("--profile beats AWS_PROFILE")
            << QStringList { u"AWS_PROFILE=default"_s } << u"work"_s << QString() << QString()
            << QByteArray("WORKKEY") << QByteArray("worksecret") << QByteArray("worktoken")
            << u"http://127.0.0.1:9001"_s << QByteArray("auto");
        QTest::newRow("R2 endpoint gives auto")
            << QStringList { u"AWS_ENDPOINT_URL=https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s }
            << QString() << QString() << QString() << QByteArray("FILEKEY") << QByteArray("filesecret")
            << QByteArray() << u"https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"_s
            << QByteArray("auto");
    }
    void precedence()
    {
        QFETCH(QStringList, variables);
        QFETCH(QString, awsProfile);
        QFETCH(QString, flagEndpoint);
        QFETCH(QString, flagRegion);
        QFETCH(QByteArray, accessKey);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, token);
        QFETCH(QString, endpoint);
        QFETCH(QByteArray, region);

        QProcessEnvironment env = baseEnvironment();
        for (const QString &v : variables)
            env.insert(v.section(u'=', 0, 0), v.section(u'=', 1));
        ConnectionOptions flags;
        flags.endpointUrl = flagEndpoint;
        flags.region = flagRegion;
        const ConnectionResult result = resolveAwsConnection(flags, awsProfile, env);
        QVERIFY2(result.connection, qPrintable(result.error));
        const auto &config = result.connection->config;
        QCOMPARE(config.credentials.accessKeyId, accessKey);
        QCOMPARE(config.credentials.secretAccessKey, secret);
        QCOMPARE(config.credentials.sessionToken, token);
        QCOMPARE(config.endpoint.toString(), endpoint);
        QCOMPARE(config.region, region);
    }

    void addressingFlag()
    {
        ConnectionOptions flags;
        flags.addressing = coffer::s3::AddressingStyle::VirtualHosted;
        const ConnectionResult result = resolveAwsConnection(flags, {}, baseEnvironment());
        QVERIFY(result.connection);
        QCOMPARE(result.connection->config.addressing, coffer::s3::AddressingStyle::VirtualHosted);
        flags.addressing = coffer::s3::AddressingStyle::PathStyle;
        QCOMPARE(resolveAwsConnection(flags, {}, baseEnvironment()).connection->config.addressing,
            coffer::s3::AddressingStyle::PathStyle);
    }

    void missingCredentials()
    {
        QTemporaryDir empty;
        QProcessEnvironment env;
        env.insert(u"HOME"_s, empty.path());
        const ConnectionResult none = resolveAwsConnection({}, {}, env);
        QVERIFY(!none.connection);
        QVERIFY2(none.error.contains(u"AWS_ACCESS_KEY_ID"_s), qPrintable(none.error));

        const ConnectionResult unknown = resolveAwsConnection({}, u"nosuch"_s, baseEnvironment());
        QVERIFY(!unknown.connection);
        QVERIFY2(unknown.error.contains(u"nosuch"_s), qPrintable(unknown.error));

        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"ONLYKEY"_s);
        const ConnectionResult noSecret = resolveAwsConnection({}, {}, env);
        QVERIFY(!noSecret.connection);
        QVERIFY2(noSecret.error.contains(u"secret"_s), qPrintable(noSecret.error));
    }

    void errorsNeverCarrySecrets()
    {
        QProcessEnvironment env = baseEnvironment();
        env.insert(u"AWS_ENDPOINT_URL"_s, u"ftp://nowhere"_s);
        const ConnectionResult bad = resolveAwsConnection({}, {}, env);
        const QString all = bad.error + bad.connection.value_or(ResolvedConnection {}).notes.join(u' ');
        QVERIFY(!all.contains(u"filesecret"_s));
    }

    void fromCofferProfile()
    {
        coffer::profiles::Profile profile;
        profile.name = u"Local"_s;
        profile.provider = coffer::s3::Provider::Custom;
        profile.endpointUrl = u"http://127.0.0.1:7000"_s;
        profile.region = u"us-east-1"_s;
        profile.addressing = coffer::s3::AddressingStyle::PathStyle;
        profile.accessKeyId = u"PROFILEKEY"_s;
        ConnectionOptions flags;
        ConnectionResult result = connectionFromProfile(profile, "profilesecret", {}, flags);
        QVERIFY2(result.connection, qPrintable(result.error));
        QCOMPARE(result.connection->config.endpoint.toString(), u"http://127.0.0.1:7000"_s);
        QCOMPARE(result.connection->config.credentials.secretAccessKey, QByteArray("profilesecret"));
        QVERIFY(result.connection->source.contains(u"Local"_s));

        flags.endpointUrl = u"http://127.0.0.1:7001"_s;
        result = connectionFromProfile(profile, "profilesecret", {}, flags);
        QVERIFY(result.connection);
        QCOMPARE(result.connection->config.endpoint.toString(), u"http://127.0.0.1:7001"_s);

        QVERIFY(!connectionFromProfile(profile, {}, {}, {}).connection);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
