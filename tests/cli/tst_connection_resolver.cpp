// ConnectionResolver with no keychain reachable (run by with-secret-service.sh with
// COFFER_SECRET_SERVICE=none): a Coffer profile's secret cannot be read, so the AWS-style
// sources are used instead, and a note says so clearly; names found nowhere are errors.

#include "connection_resolver.h"

#include "profiles/profilestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace coffer::cli;

class TestConnectionResolver : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> settingsWithProfile()
    {
        auto settings = std::make_unique<QSettings>(m_dir.filePath(u"profiles.ini"_s), QSettings::IniFormat);
        coffer::profiles::ProfileStore store(
            std::make_unique<QSettings>(settings->fileName(), QSettings::IniFormat));
        coffer::profiles::Profile p;
        p.id = QUuid::createUuid();
        p.name = u"Local"_s;
        p.provider = coffer::s3::Provider::Custom;
        p.endpointUrl = u"http://127.0.0.1:7000"_s;
        p.region = u"us-east-1"_s;
        p.addressing = coffer::s3::AddressingStyle::PathStyle;
        p.accessKeyId = u"PROFILEKEY"_s;
        p.secrets = coffer::profiles::SecretKind::SecretAccessKey;
        if (store.profiles().isEmpty())
            store.add(p);
        settings->sync();
        return settings;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"ENVKEY"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"envsecret"_s);
        env.insert(u"AWS_ENDPOINT_URL"_s, u"http://127.0.0.1:7100"_s);
        return env;
    }

    ConnectionResult resolve(const QString &name)
    {
        ConnectionResolver resolver(environment(), settingsWithProfile());
        std::optional<ConnectionResult> answer;
        resolver.resolve(name, {}, this, [&answer](const ConnectionResult &r) { answer = r; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000))
            return {};
        return *answer;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void keychainUnavailableFallsBack()
    {
        const ConnectionResult r = resolve(u"Local"_s);
        QVERIFY2(r.connection, qPrintable(r.error));
        QCOMPARE(r.connection->config.credentials.accessKeyId, QByteArray("ENVKEY"));
        QCOMPARE(r.connection->config.endpoint.toString(), u"http://127.0.0.1:7100"_s);
        QVERIFY(!r.connection->notes.isEmpty());
        const QString note = r.connection->notes.first();
        QVERIFY2(note.contains(u"keychain"_s) && note.contains(u"Local"_s) && note.contains(u"AWS-style"_s),
            qPrintable(note));
        QVERIFY(!note.contains(u"envsecret"_s));
        QVERIFY(r.connection->source.contains(u"keychain unavailable"_s));
    }

    void awsDefault()
    {
        const ConnectionResult r = resolve({});
        QVERIFY2(r.connection, qPrintable(r.error));
        QCOMPARE(r.connection->config.credentials.accessKeyId, QByteArray("ENVKEY"));
        QVERIFY(r.connection->notes.isEmpty());
    }

    void unknownName()
    {
        const ConnectionResult r = resolve(u"Elsewhere"_s);
        QVERIFY(!r.connection);
        QVERIFY2(r.error.contains(u"Elsewhere"_s), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestConnectionResolver)
#include "tst_connection_resolver.moc"
