// cp, mv and sync: plan the transfers, say what was skipped, then run them.

#include "commands.h"
#include "engine_session.h"
#include "transfer_plan.h"
#include "transfer_runner.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

class TransferCommand : public Command
{
public:
    TransferCommand(const Session &session, QObject *parent)
        : Command(session, parent)
        , m_session(session)
    { }

    void start() override
    {
        const auto run = [this](const TransferPlan &plan) { execute(plan); };
        if (invocation().command == CommandKind::Sync)
            planSync(m_session, this, run);
        else
            planCopy(m_session, this, run);
    }

private:
    void execute(const TransferPlan &plan)
    {
        if (!plan.error.isEmpty())
            return fail(plan.failure, plan.error);
        for (const QString &warning : plan.warnings) {
            console().warning(warning);
            console().event(QJsonObject { { u"event"_s, u"skipped"_s }, { u"message"_s, warning } });
        }
        auto *runner = new TransferRunner(m_session, plan.items, this);
        runner->setMoveSources(invocation().command == CommandKind::Mv);
        runner->setDryRun(invocation().dryRun);
        if (!invocation().dryRun) {
            auto *engine = new EngineSession(m_session, this);
            QString error;
            if (!engine->open(&error)) {
                console().warning(error + u" Transfers run without it and cannot be resumed."_s);
                engine->openWithoutJournal();
            }
            runner->setEngine(engine);
        }
        const bool skipped = !plan.warnings.isEmpty();
        connect(runner, &TransferRunner::finished, this, [this, skipped](int code) {
            // Something skipped means the destination is not a full copy: scripts must see it.
            const ExitCode result = static_cast<ExitCode>(code);
            finish(skipped ? worseOf(result, ExitCode::Failure) : result);
        });
        runner->start();
    }

    Session m_session;
};

} // namespace

Command *makeCopyCommand(const Session &session, QObject *parent)
{
    return new TransferCommand(session, parent);
}

Command *makeSyncCommand(const Session &session, QObject *parent)
{
    return new TransferCommand(session, parent);
}

} // namespace coffer::cli
