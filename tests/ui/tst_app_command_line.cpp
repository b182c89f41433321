// The coffer executable's command line, run as a user would run it.
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppCommandLine : public QObject
{
    Q_OBJECT

private:
    static QByteArray run(const QStringList &arguments, int *exitCode,
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(COFFER_APP_PATH), arguments);
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            *exitCode = -1;
            return {};
        }
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        return process.readAllStandardOutput();
    }

private slots:
    void versionNamesTheLibraries()
    {
        // No display at all: --version must not need one.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        int code = 0;
        const QByteArray out = run({ u"--version"_s }, &code, env);
        QCOMPARE(code, 0);
        QVERIFY2(out.startsWith("Coffer " COFFER_VERSION "\n"), out.constData());
        QVERIFY2(out.contains("Qt 6."), out.constData());
        QVERIFY2(out.contains("OpenSSL 3"), out.constData());
        QVERIFY2(out.contains("KSyntaxHighlighting 6."), out.constData());
    }

    void helpListsOptions()
    {
        int code = 0;
        const QByteArray out = run({ u"--help"_s }, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("--version"), out.constData());
        QVERIFY2(out.contains("--help"), out.constData());
        QVERIFY2(out.contains("R2"), out.constData());
    }

    void localStartsTheServerAndShowsTheSampleBucket()
    {
        // A first start for a new user: empty home, no keychain on the session bus.
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        for (int start = 1; start <= 2; ++start) {
            int code = 0;
            const QByteArray out = run({ u"--local"_s, u"--quit-after-load"_s }, &code, env);
            QVERIFY2(code == 0, out.constData());
            QVERIFY2(out.startsWith("loaded sample/ ("), out.constData());
            for (const char *key : { "README.txt", "catalog.json", "images/", "docs/" })
                QVERIFY2(out.contains(QByteArray(QByteArray("\n  ") + key + '\n')), out.constData());
        }
        // The server's data went where the platform keeps application data.
        QVERIFY(QFileInfo::exists(home.filePath(u"data/Coffer/Coffer/local-server/credentials.json"_s))
            || QFileInfo::exists(home.filePath(u"data/Coffer/local-server/credentials.json"_s)));
    }

    void unknownOptionIsRefused()
    {
        int code = 0;
        run({ u"--no-such-option"_s }, &code);
        QCOMPARE(code, 1);
    }
};

QTEST_GUILESS_MAIN(TestAppCommandLine)
#include "tst_app_command_line.moc"
