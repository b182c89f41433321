// resume: continues what the journal says is unfinished. Until the transfer engine's
// journal is wired in, coffer-cli's own transfers are single requests that leave
// nothing to resume, and the command says so plainly.

#include "commands.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

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
    using Command::Command;

    void start() override
    {
        const QString path = journalPath(invocation());
        if (!QFileInfo::exists(path)) {
            console().line(u"Nothing to resume: there is no journal at %1."_s.arg(path));
            console().event(QJsonObject{{u"event"_s, u"result"_s}, {u"resumed"_s, 0}, {u"journal"_s, path}});
            return finish();
        }
        fail(ExitCode::Failure, u"The journal %1 exists, but this build of coffer-cli cannot resume from it yet; "
                                "run the original cp or sync again."_s.arg(path));
    }
};

} // namespace

Command *makeResumeCommand(const Session &session, QObject *parent)
{
    return new ResumeCommand(session, parent);
}

Command *createCommand(const Session &session, QObject *parent)
{
    switch (session.invocation.command) {
    case CommandKind::Ls: return makeLsCommand(session, parent);
    case CommandKind::Cp: case CommandKind::Mv: return makeCopyCommand(session, parent);
    case CommandKind::Sync: return makeSyncCommand(session, parent);
    case CommandKind::Rm: return makeRmCommand(session, parent);
    case CommandKind::Mb: return makeMbCommand(session, parent);
    case CommandKind::Rb: return makeRbCommand(session, parent);
    case CommandKind::Presign: return makePresignCommand(session, parent);
    case CommandKind::UploadsList: case CommandKind::UploadsAbort: return makeUploadsCommand(session, parent);
    case CommandKind::Resume: return makeResumeCommand(session, parent);
    case CommandKind::CorsGet: case CommandKind::CorsSet:
    case CommandKind::LifecycleGet: case CommandKind::LifecycleSet:
        return makeBucketConfigCommand(session, parent);
    }
    return nullptr;
}

} // namespace coffer::cli
