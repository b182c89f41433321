#include "engine_session.h"

#include "commands.h"

#include "transfer/object_location.h"
#include "transfer/remote/cross_copy_job.h"
#include "transfer/transfer_job.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::cli {

EngineSession::EngineSession(const Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

EngineSession::~EngineSession()
{
    // Jobs go first: they write to the journal as they stop.
    m_queue.reset();
}

transfer::TransferSettings EngineSession::settingsFor(const Invocation &invocation)
{
    transfer::TransferSettings settings;
    const TransferOptions &t = invocation.transfer;
    // The runner above decides how many files move at once; the queue must not hold
    // back what it hands over.
    settings.concurrentJobs = 1024;
    if (t.concurrency > 0) {
        settings.partWindow = t.concurrency;
        settings.globalRequestCap = t.concurrency;
    }
    if (t.partSize > 0) {
        settings.preferredPartSize = t.partSize;
        settings.multipartThreshold = qMin(settings.multipartThreshold, t.partSize);
    }
    settings.bandwidthLimit = t.bandwidthLimit;
    if (t.checksum)
        settings.checksum = *t.checksum;
    return settings;
}

bool EngineSession::open(QString *error)
{
    const QString path = journalPath(m_session.invocation);
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error
            = u"The journal's folder %1 cannot be created; check the path, or give another with --journal."_s
                  .arg(QFileInfo(path).absolutePath());
        return false;
    }
    m_journal = std::make_unique<transfer::TransferJournal>();
    if (!m_journal->open(path)) {
        *error = u"The journal %1 cannot be opened (%2); give another with --journal."_s.arg(
            path, m_journal->errorString());
        return false;
    }
    makeQueue();
    return true;
}

void EngineSession::openWithoutJournal()
{
    m_journal.reset();
    makeQueue();
}

void EngineSession::makeQueue()
{
    const QHash<QString, client::S3Client *> clients = m_session.clients;
    m_queue = std::make_unique<transfer::TransferQueue>(
        [clients](const transfer::ConnectionRef &ref) { return clients.value(ref.profile); }, m_journal.get(),
        settingsFor(m_session.invocation));
    // Every kind the journal may hold, so `resume` can bring back any of them.
    transfer::registerRemoteJobKinds(*m_queue);
}

transfer::ConnectionRef EngineSession::connectionRef(const Location &location) const
{
    // The default connection is journaled under --profile's name ("" for the AWS
    // sources); `resume` resolves the same name again.
    const QString name
        = location.connection.isEmpty() ? m_session.invocation.connection.profile : location.connection;
    const client::S3Client *client = m_session.clients.value(location.connection);
    return { name, client ? client->config().endpoint.toString() : QString() };
}

transfer::ObjectLocation EngineSession::objectLocation(const Location &location) const
{
    return { connectionRef(location), location.bucket, location.key };
}

QString jobStateName(transfer::JobState state)
{
    return QString::fromLatin1(transfer::jobStateId(state));
}

void reportJobProgress(Console &console, transfer::TransferJob *job, const QString &id, const QString &label,
    const QObject *context)
{
    QObject::connect(job, &transfer::TransferJob::progressChanged, context, [&console, job, id, label] {
        const transfer::TransferProgress p = job->progress();
        console.progress(id, label, p.bytesDone, p.bytesTotal, p.bytesPerSecond, u"running"_s);
    });
    QObject::connect(job, &transfer::TransferJob::noticeAdded, context, [&console, id](const QString &text) {
        console.warning(text);
        console.event(QJsonObject { { u"event"_s, u"notice"_s }, { u"job"_s, id }, { u"message"_s, text } });
    });
    QObject::connect(job, &transfer::TransferJob::itemFailed, context,
        [&console, id](const QString &item, const QString &message) {
            console.error(u"%1: %2"_s.arg(item, message));
            console.event(QJsonObject { { u"event"_s, u"itemFailed"_s }, { u"job"_s, id },
                { u"item"_s, item }, { u"message"_s, message } });
        });
}

} // namespace coffer::cli
