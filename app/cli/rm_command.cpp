// rm: one object (checked with HEAD first, so a missing key exits 3 instead of
// pretending), or with --recursive everything under a prefix.

#include "commands.h"
#include "prefix_deletion.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

class RmCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        const Location &target = invocation().paths.first();
        if (invocation().recursive)
            return removePrefix(target);
        if (target.key.isEmpty() || target.key.endsWith(u'/'))
            return fail(ExitCode::Usage,
                u"%1 names a prefix, not an object; add --recursive to delete everything "
                "under it."_s.arg(target.display()));
        client(target)
            ->headObject({ .bucket = target.bucket, .key = target.key })
            ->onFinished(this, [this, target](const client::Result<client::ObjectHead> &head) {
                if (!head)
                    return fail(s3::S3Error(head.error()).withBucket(target.bucket).withKey(target.key));
                if (invocation().dryRun) {
                    report(target, true);
                    return finish();
                }
                client(target)
                    ->deleteObject({ .bucket = target.bucket, .key = target.key })
                    ->onFinished(this, [this, target](const client::Result<client::Done> &done) {
                        if (!done)
                            return fail(done.error());
                        report(target, false);
                        finish();
                    });
            });
    }

private:
    void report(const Location &target, bool dryRun)
    {
        console().line((dryRun ? u"(dryrun) delete: "_s : u"delete: "_s) + target.display());
        console().event(QJsonObject {
            { u"event"_s, u"deleted"_s }, { u"path"_s, target.display() }, { u"dryrun"_s, dryRun } });
    }

    void removePrefix(const Location &target)
    {
        deleteUnderPrefix(
            client(target), target.bucket, target.key, invocation().dryRun, this,
            [this, target](const QString &key) { report(target.withKey(key), invocation().dryRun); },
            [this, target](const PrefixDeletion &result) {
                if (result.error.isError())
                    return fail(s3::S3Error(result.error).withBucket(target.bucket));
                for (const s3::DeleteObjectError &e : result.failures)
                    console().error(u"delete failed: %1: %2 (%3)"_s.arg(
                        target.withKey(e.key).display(), e.message, e.code));
                console().event(QJsonObject { { u"event"_s, u"result"_s }, { u"deleted"_s, result.deleted },
                    { u"failed"_s, result.failures.size() } });
                finish(result.failures.isEmpty() ? ExitCode::Ok : ExitCode::Failure);
            });
    }
};

} // namespace

Command *makeRmCommand(const Session &session, QObject *parent)
{
    return new RmCommand(session, parent);
}

} // namespace coffer::cli
