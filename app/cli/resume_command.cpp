// resume: brings back the journal's unfinished jobs (those a crash, a kill or a failure
// left), lets the engine continue them from their finished parts, and reports them like
// any transfer. A source that changed meanwhile is the engine's to detect: it restarts
// that item and says so (a notice, printed as a warning).

#include "commands.h"
#include "engine_session.h"

#include "transfer/transfer_job.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

QString journalPath(const Invocation &invocation)
{
    if (!invocation.transfer.journalPath.isEmpty())
        return invocation.transfer.journalPath;
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::homePath() + u"/.local/state"_s;
    return state + u"/coffer/cli-journal.sqlite"_s;
}

namespace {

class ResumeCommand : public Command
{
public:
    ResumeCommand(const Session &session, QObject *parent)
        : Command(session, parent)
        , m_session(session)
    { }

    void start() override
    {
        const QString path = journalPath(invocation());
        if (!QFileInfo::exists(path))
            return nothing(path);
        m_engine = new EngineSession(m_session, this);
        QString error;
        if (!m_engine->open(&error))
            return fail(ExitCode::Failure, error);
        transfer::TransferQueue *queue = m_engine->queue();
        const int restored = queue->restore();
        for (const QString &problem : queue->problems())
            console().warning(problem);
        if (restored == 0)
            return nothing(path);
        const QList<transfer::TransferJob *> jobs = queue->jobs();
        for (transfer::TransferJob *job : jobs) {
            const QString id = QString::number(job->id());
            ++m_pending;
            console().line(
                u"resume: %1 to %2"_s.arg(job->sourceDescription(), job->destinationDescription()));
            console().event(QJsonObject { { u"event"_s, u"start"_s }, { u"job"_s, id },
                { u"kind"_s, QString::fromLatin1(transfer::jobKindId(job->kind())) },
                { u"from"_s, job->sourceDescription() }, { u"to"_s, job->destinationDescription() },
                { u"bytesTotal"_s, job->progress().bytesTotal }, { u"resumed"_s, true } });
            reportJobProgress(console(), job, id, job->destinationDescription(), this);
            connect(job, &transfer::TransferJob::finished, this, [this, job] { jobDone(job); });
            // A job that failed before is tried again; paused ones stay as the user left them.
            if (job->state() == transfer::JobState::Failed)
                job->retry();
            else if (job->state() == transfer::JobState::Paused)
                job->resume();
            else if (transfer::isFinished(job->state()))
                jobDone(job);
        }
    }

private:
    void nothing(const QString &path)
    {
        console().line(u"Nothing to resume in %1."_s.arg(path));
        console().event(
            QJsonObject { { u"event"_s, u"result"_s }, { u"resumed"_s, 0 }, { u"journal"_s, path } });
        finish();
    }

    void jobDone(transfer::TransferJob *job)
    {
        const QString id = QString::number(job->id());
        const transfer::JobState state = job->state();
        const transfer::TransferProgress p = job->progress();
        if (state == transfer::JobState::Completed) {
            ++m_completed;
            console().line(u"done: %1 to %2"_s.arg(job->sourceDescription(), job->destinationDescription()));
        } else {
            ++m_failed;
            m_worst = worseOf(
                m_worst, state == transfer::JobState::Failed ? exitCodeFor(job->error()) : ExitCode::Failure);
            console().error(u"%1 to %2: %3"_s.arg(
                job->sourceDescription(), job->destinationDescription(), job->errorMessage()));
        }
        console().event(
            QJsonObject { { u"event"_s, u"done"_s }, { u"job"_s, id }, { u"state"_s, jobStateName(state) },
                { u"bytes"_s, p.bytesDone }, { u"message"_s, job->errorMessage() } });
        if (state == transfer::JobState::Completed) {
            QTimer::singleShot(0, m_engine->queue(), [queue = m_engine->queue(), jobId = job->id()] {
                if (transfer::TransferJob *j = queue->job(jobId))
                    queue->remove(j);
            });
        }
        if (--m_pending > 0)
            return;
        console().event(QJsonObject {
            { u"event"_s, u"result"_s }, { u"completed"_s, m_completed }, { u"failed"_s, m_failed } });
        finish(m_worst);
    }

    Session m_session;
    EngineSession *m_engine = nullptr;
    int m_pending = 0;
    int m_completed = 0;
    int m_failed = 0;
    ExitCode m_worst = ExitCode::Ok;
};

} // namespace

Command *makeResumeCommand(const Session &session, QObject *parent)
{
    return new ResumeCommand(session, parent);
}

Command *createCommand(const Session &session, QObject *parent)
{
    switch (session.invocation.command) {
    case CommandKind::Ls:
        return makeLsCommand(session, parent);
    case CommandKind::Cp:
    case CommandKind::Mv:
        return makeCopyCommand(session, parent);
    case CommandKind::Sync:
        return makeSyncCommand(session, parent);
    case CommandKind::Rm:
        return makeRmCommand(session, parent);
    case CommandKind::Mb:
        return makeMbCommand(session, parent);
    case CommandKind::Rb:
        return makeRbCommand(session, parent);
    case CommandKind::Presign:
        return makePresignCommand(session, parent);
    case CommandKind::UploadsList:
    case CommandKind::UploadsAbort:
        return makeUploadsCommand(session, parent);
    case CommandKind::Resume:
        return makeResumeCommand(session, parent);
    case CommandKind::CorsGet:
    case CommandKind::CorsSet:
    case CommandKind::LifecycleGet:
    case CommandKind::LifecycleSet:
        return makeBucketConfigCommand(session, parent);
    }
    return nullptr;
}

} // namespace coffer::cli
