#pragma once
// One run of coffer-cli from arguments to exit code: parse, resolve the connections
// the command needs (asynchronously: the keychain answers later), build one S3 client
// per connection, run the command. Never blocks the event loop.

#include "command.h"
#include "console.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>

#include <memory>

class QNetworkAccessManager;

namespace coffer::cli {

class ConnectionResolver;

class CliRun : public QObject
{
    Q_OBJECT
public:
    CliRun(QStringList arguments, QProcessEnvironment environment, bool stdoutIsTerminal,
        QObject *parent = nullptr);
    ~CliRun() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void collectJournalConnections();
    void resolveNext();
    void runCommand();
    void end(ExitCode code);

    QStringList m_arguments;
    QProcessEnvironment m_environment;
    bool m_terminal;
    std::unique_ptr<Console> m_console;
    Session m_session;
    QStringList m_unresolved; // connection names still to resolve
    QHash<QString, QString> m_journalEndpoints; // resume: the endpoint each name had
    QNetworkAccessManager *m_network = nullptr;
    ConnectionResolver *m_resolver = nullptr;
};

} // namespace coffer::cli
