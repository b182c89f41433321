#include "cli_run.h"

#include "commands.h"
#include "connection_resolver.h"

#include "transfer/transfer_journal.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

CliRun::CliRun(QStringList arguments, QProcessEnvironment environment, bool stdoutIsTerminal, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_environment(std::move(environment))
    , m_terminal(stdoutIsTerminal)
{ }

CliRun::~CliRun() = default;

void CliRun::end(ExitCode code)
{
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(static_cast<int>(code)); });
}

void CliRun::start()
{
    const ParsedCommandLine parsed = parseCommandLine(m_arguments);
    const bool json = m_arguments.contains(u"--json"_s);
    m_console = std::make_unique<Console>(json ? Console::Mode::Json : Console::Mode::Human, m_terminal);
    if (!parsed.output.isEmpty()) {
        m_console->product(parsed.output.trimmed());
        return end(ExitCode::Ok);
    }
    if (!parsed.invocation) {
        m_console->error(parsed.error);
        m_console->event(
            QJsonObject { { u"event"_s, u"error"_s }, { u"message"_s, parsed.error }, { u"exitCode"_s, 2 } });
        return end(ExitCode::Usage);
    }
    m_session.invocation = *parsed.invocation;
    const Invocation &inv = m_session.invocation;
    m_console = std::make_unique<Console>(inv.json ? Console::Mode::Json
            : inv.quiet                            ? Console::Mode::Quiet
                                                   : Console::Mode::Human,
        m_terminal);
    m_session.console = m_console.get();

    if (inv.connection.noVerifySsl)
        m_console->warning(
            u"--no-verify-ssl is set: TLS certificates are NOT verified, so anyone on the network "
            "path can read and change this traffic. Use it only against a test server."_s,
            true);

    // The default connection ("") is --profile or the AWS sources; "NAME:" paths add more.
    m_unresolved.append(QString());
    for (const Location &l : inv.paths) {
        if (l.isRemote() && !l.connection.isEmpty() && l.connection != inv.connection.profile
            && !m_unresolved.contains(l.connection))
            m_unresolved.append(l.connection);
    }
    if (inv.command == CommandKind::Resume)
        collectJournalConnections();
    m_network = new QNetworkAccessManager(this);
    if (inv.connection.noVerifySsl) {
        connect(m_network, &QNetworkAccessManager::sslErrors, this,
            [](QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(); });
    }
    m_resolver = new ConnectionResolver(m_environment, nullptr, this);
    resolveNext();
}

void CliRun::collectJournalConnections()
{
    transfer::TransferJournal journal;
    if (!QFile::exists(journalPath(m_session.invocation)) || !journal.open(journalPath(m_session.invocation)))
        return; // the command itself reports it
    const QList<transfer::JobRecord> jobs = journal.unfinishedJobs();
    for (const transfer::JobRecord &job : jobs) {
        for (const transfer::ConnectionRef &ref : { job.connection, job.secondConnection }) {
            if (ref.profile.isEmpty() && ref.endpoint.isEmpty())
                continue;
            // The default connection ("") is --profile's, as when the job was started.
            const QString name
                = ref.profile == m_session.invocation.connection.profile ? QString() : ref.profile;
            if (!m_unresolved.contains(name))
                m_unresolved.append(name);
            if (!m_journalEndpoints.contains(name))
                m_journalEndpoints.insert(name, ref.endpoint);
        }
    }
}

void CliRun::resolveNext()
{
    if (m_unresolved.isEmpty())
        return runCommand();
    const QString name = m_unresolved.first();
    const Invocation &inv = m_session.invocation;
    const QString profile = name.isEmpty() ? inv.connection.profile : name;
    // Flags describe the default connection; other profiles keep their own settings.
    ConnectionOptions flags = name.isEmpty() ? inv.connection : ConnectionOptions {};
    // resume: the journal remembers where each connection pointed; a flag still wins.
    if (flags.endpointUrl.isEmpty())
        flags.endpointUrl = m_journalEndpoints.value(name);
    m_resolver->resolve(profile, flags, this, [this, name](const ConnectionResult &result) {
        if (!result.connection) {
            m_console->error(result.error);
            m_console->event(QJsonObject {
                { u"event"_s, u"error"_s }, { u"message"_s, result.error }, { u"exitCode"_s, 4 } });
            return end(ExitCode::Auth);
        }
        for (const QString &note : result.connection->notes)
            m_console->warning(note);
        auto *client = new client::S3Client(result.connection->config, m_network, this);
        m_session.clients.insert(name, client);
        if (name.isEmpty() && !m_session.invocation.connection.profile.isEmpty())
            m_session.clients.insert(m_session.invocation.connection.profile, client);
        m_unresolved.removeFirst();
        resolveNext();
    });
}

void CliRun::runCommand()
{
    Command *command = createCommand(m_session, this);
    connect(command, &Command::finished, this, [this](int code) { end(static_cast<ExitCode>(code)); });
    command->start();
}

} // namespace coffer::cli
