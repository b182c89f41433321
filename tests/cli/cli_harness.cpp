#include "cli_harness.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace coffer::cli::testing {

QList<QJsonObject> CliResult::events() const
{
    QList<QJsonObject> list;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            qWarning("not a JSON object line: %s", line.constData());
            return {};
        }
        list.append(doc.object());
    }
    return list;
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        QSignalSpy done(&m_process, &QProcess::finished);
        if (!done.wait(10000))
            m_process.kill();
    }
}

bool ServerProcess::start(const QString &dataDir, const QStringList &extraArguments)
{
    m_process.setProgram(QStringLiteral(COFFER_SERVER_PATH));
    m_process.setArguments(
        QStringList { u"--data"_s, dataDir, u"--listen"_s, u"127.0.0.1:0"_s, u"--access-key"_s,
            QString::fromLatin1(accessKey()), u"--secret-key"_s, QString::fromLatin1(secretKey()) }
        + extraArguments);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000))
        return false;
    QSignalSpy ready(&m_process, &QProcess::readyReadStandardOutput);
    while (!m_process.canReadLine()) {
        if (!ready.wait(20000))
            return false;
    }
    const QByteArray first = m_process.readLine().trimmed();
    if (!first.startsWith("listening on "))
        return false;
    m_endpoint = QString::fromLatin1(first.mid(13));
    return true;
}

QList<QByteArray> ServerProcess::requestLog()
{
    m_log += m_process.readAllStandardOutput();
    QList<QByteArray> lines;
    for (const QByteArray &line : m_log.split('\n')) {
        if (line.startsWith("GET ") || line.startsWith("PUT ") || line.startsWith("POST ")
            || line.startsWith("HEAD ") || line.startsWith("DELETE "))
            lines.append(line);
    }
    return lines;
}

CliRunner::CliRunner(const QString &home, const QString &endpoint)
{
    m_env.insert(u"HOME"_s, home);
    m_env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    m_env.insert(u"XDG_STATE_HOME"_s, home + u"/state"_s);
    m_env.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    m_env.insert(u"LANG"_s, u"C.UTF-8"_s); // Qt warns on stderr about any other C locale
    m_env.insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromLatin1(ServerProcess::accessKey()));
    m_env.insert(u"AWS_SECRET_ACCESS_KEY"_s, QString::fromLatin1(ServerProcess::secretKey()));
    m_env.insert(u"AWS_ENDPOINT_URL"_s, endpoint);
    m_env.insert(u"AWS_REGION"_s, u"auto"_s);
    // Sanitizer builds pass their options on.
    for (const char *name : { "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS" }) {
        if (qEnvironmentVariableIsSet(name))
            m_env.insert(QString::fromLatin1(name), qEnvironmentVariable(name));
    }
}

void CliRunner::setLauncher(const QString &program, const QStringList &launcherArguments)
{
    m_launcher = program;
    m_launcherArguments = launcherArguments;
}

void CliRunner::startProcess(QProcess &process, const QStringList &arguments) const
{
    process.setProcessEnvironment(m_env);
    if (m_launcher.isEmpty())
        process.start(QStringLiteral(COFFER_CLI_PATH), arguments);
    else
        process.start(
            m_launcher, m_launcherArguments + QStringList { QStringLiteral(COFFER_CLI_PATH) } + arguments);
}

CliResult CliRunner::run(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    startProcess(process, arguments);
    CliResult result;
    if (!process.waitForStarted(10000))
        return result;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    QSignalSpy finished(&process, &QProcess::finished);
    if (!finished.wait(timeoutMs)) {
        process.kill();
        finished.wait(5000);
        result.err = "coffer-cli did not finish in time";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool CliRunner::runAndKill(
    const QStringList &arguments, const std::function<bool(const QJsonObject &)> &onEvent, int timeoutMs)
{
    QProcess process;
    startProcess(process, arguments);
    if (!process.waitForStarted(10000))
        return false;
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    QSignalSpy finished(&process, &QProcess::finished);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        while (process.canReadLine()) {
            const QJsonObject event = QJsonDocument::fromJson(process.readLine()).object();
            if (onEvent(event)) {
                ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
                finished.wait(10000);
                return process.exitStatus() == QProcess::CrashExit;
            }
        }
        if (process.state() == QProcess::NotRunning)
            return false;
        output.wait(1000);
    }
    process.kill();
    finished.wait(5000);
    return false;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFileBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(bytes);
}

QByteArray randomBytes(qint64 size, quint32 seed)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    auto *words = reinterpret_cast<quint32 *>(data.data());
    generator.fillRange(words, static_cast<qsizetype>(size / 4));
    for (qint64 i = (size / 4) * 4; i < size; ++i)
        data[i] = static_cast<char>(generator.bounded(256));
    return data;
}

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace coffer::cli::testing
