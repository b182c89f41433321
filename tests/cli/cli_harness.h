#pragma once
// Test support for running coffer-cli against a real coffer-server: the server is
// started on 127.0.0.1:0 in a temporary folder and its request log collected; the CLI
// runs as a process with a temporary HOME, XDG dirs and the AWS_* variables pointing
// at the server. Waits use QSignalSpy, never sleeps.

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <functional>

namespace coffer::cli::testing {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QList<QJsonObject> events() const; // stdout lines parsed as JSON (fails the test on a bad line)
};

class ServerProcess
{
public:
    ~ServerProcess();
    // extraArguments e.g. {"--mode", "s3"}. Returns false (with a QWARN) on failure.
    bool start(const QString &dataDir, const QStringList &extraArguments = {});
    QString endpoint() const { return m_endpoint; }
    // Every request line logged so far ("PUT /b/k?partNumber=1&uploadId=.. 200 in=.. ...").
    QList<QByteArray> requestLog();
    static QByteArray accessKey() { return "CLITESTKEY"; }
    static QByteArray secretKey() { return "cli-test-secret-key"; }

private:
    QProcess m_process;
    QString m_endpoint;
    QByteArray m_log;
};

class CliRunner
{
public:
    CliRunner(const QString &home, const QString &endpoint);
    QProcessEnvironment &environment() { return m_env; }
    // Runs coffer-cli through another program (e.g. setpriv with its options); the
    // CLI's path and arguments follow launcherArguments.
    void setLauncher(const QString &program, const QStringList &launcherArguments);

    CliResult run(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 300000);
    // Starts the CLI and calls onLine(line) for each stdout line until it returns true,
    // then kills the process with SIGKILL. Returns whether the kill happened.
    bool runAndKill(const QStringList &arguments, const std::function<bool(const QJsonObject &)> &onEvent,
        int timeoutMs = 300000);

private:
    void startProcess(QProcess &process, const QStringList &arguments) const;

    QProcessEnvironment m_env;
    QString m_launcher;
    QStringList m_launcherArguments;
};

QByteArray fileBytes(const QString &path);
void writeFileBytes(const QString &path, const QByteArray &bytes);
QByteArray randomBytes(qint64 size, quint32 seed);
// SHA-256 of a file, read in pieces (for files too large to hold twice).
QByteArray fileDigest(const QString &path);

} // namespace coffer::cli::testing
