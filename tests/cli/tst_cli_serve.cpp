// `coffer-cli serve` runs the embedded server with coffer-server's options: it prints the
// same first line, answers real S3 requests (from coffer-cli itself), and stops cleanly
// on SIGTERM.
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliServe : public QObject
{
    Q_OBJECT

private:
    static QProcessEnvironment cliEnvironment(const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, home);
        env.insert(u"XDG_STATE_HOME"_s, home + u"/state"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"SERVETESTKEY"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"serve-test-secret"_s);
        env.insert(u"AWS_REGION"_s, u"auto"_s);
        env.remove(u"AWS_PROFILE"_s);
        return env;
    }

    static QByteArray runCli(const QProcessEnvironment &env, const QStringList &arguments, int *exitCode)
    {
        QProcess cli;
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(COFFER_CLI_PATH), arguments);
        if (!cli.waitForFinished(60000))
            return {};
        *exitCode = cli.exitCode();
        return cli.readAllStandardOutput() + cli.readAllStandardError();
    }

private slots:
    void servesAndStops()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        server.start(QStringLiteral(COFFER_CLI_PATH),
                     {u"serve"_s, u"--data"_s, dir.filePath(u"data"_s), u"--listen"_s, u"127.0.0.1:0"_s,
                      u"--access-key"_s, u"SERVETESTKEY"_s, u"--secret-key"_s, u"serve-test-secret"_s});
        QVERIFY(server.waitForStarted());
        QSignalSpy ready(&server, &QProcess::readyReadStandardOutput);
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 30000);
        const QString first = QString::fromUtf8(server.readLine()).trimmed();
        const QRegularExpressionMatch match
            = QRegularExpression(u"^listening on (http://127\\.0\\.0\\.1:\\d+)$"_s).match(first);
        QVERIFY2(match.hasMatch(), qPrintable(first));
        const QString endpoint = match.captured(1);

        const QProcessEnvironment env = cliEnvironment(dir.path());
        int code = -1;
        const QByteArray made = runCli(env, {u"--endpoint-url"_s, endpoint, u"mb"_s, u"s3://served"_s}, &code);
        QVERIFY2(code == 0, made.constData());
        const QByteArray listed = runCli(env, {u"--endpoint-url"_s, endpoint, u"ls"_s}, &code);
        QVERIFY2(code == 0, listed.constData());
        QVERIFY2(listed.contains("served"), listed.constData());

        // The request log names what was asked, and never the secret.
        QTRY_VERIFY_WITH_TIMEOUT(server.bytesAvailable() > 0 || ready.count() > 0, 10000);
        server.terminate();
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QByteArray log = server.readAllStandardOutput();
        QVERIFY2(log.contains("PUT /served"), log.constData());
        QVERIFY2(log.contains("stopped"), log.constData());
        QVERIFY(!log.contains("serve-test-secret"));
    }

    void refusesBadOptionsLikeCofferServer()
    {
        QProcess server;
        server.start(QStringLiteral(COFFER_CLI_PATH), {u"serve"_s, u"--listen"_s, u"not-an-address"_s});
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitCode(), 2);
        const QByteArray err = server.readAllStandardError();
        QVERIFY2(err.startsWith("coffer-cli serve: "), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cli_serve.moc"
