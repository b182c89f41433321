#pragma once
// The base of every coffer-cli command: it starts, works asynchronously on the event
// loop, and finishes exactly once with an exit code. The Session holds what all
// commands share: the parsed invocation, the console, and one S3 client per connection.

#include "console.h"
#include "exit_code.h"
#include "invocation.h"

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h needs the complete type

#include <QHash>
#include <QObject>

namespace coffer::cli {

struct Session {
    Invocation invocation;
    Console *console = nullptr;
    QHash<QString, client::S3Client *> clients; // by connection name, "" for the default

    client::S3Client *client(const Location &location) const { return clients.value(location.connection); }
};

class Command : public QObject
{
    Q_OBJECT
public:
    Command(const Session &session, QObject *parent);

    virtual void start() = 0;
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished(int exitCode);

protected:
    const Invocation &invocation() const { return m_session.invocation; }
    Console &console() const { return *m_session.console; }
    client::S3Client *client(const Location &location) const { return m_session.client(location); }

    // Prints the error's sentence and finishes with its exit code.
    void fail(const s3::S3Error &error);
    void fail(ExitCode code, const QString &sentence);
    void finish(ExitCode code = ExitCode::Ok);

private:
    Session m_session;
    bool m_finished = false;
};

// The message for an error, with the location it was about when the error has none.
QString errorSentence(const s3::S3Error &error);

// Creates the command the invocation names (resume is built by the transfer part).
Command *createCommand(const Session &session, QObject *parent);

} // namespace coffer::cli
