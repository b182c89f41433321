#include "transfer_plan.h"

#include "local_tree.h"
#include "object_listing.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

struct RemoteEntry {
    QString key;
    qint64 size = 0;
    QDateTime modified;
    QString etag;
};
using RemoteTree = QMap<QString, RemoteEntry>; // by key relative to the listed prefix

TransferPlan failed(ExitCode code, const QString &error)
{
    TransferPlan plan;
    plan.failure = code;
    plan.error = error;
    return plan;
}

TransferPlan failedWith(const s3::S3Error &error)
{
    return failed(exitCodeFor(error), errorSentence(error));
}

void listRemoteTree(client::S3Client *client, const Location &where, const QObject *context,
    std::function<void(const s3::S3Error &, const RemoteTree &)> done)
{
    const QString prefix = folderPrefix(where.key);
    auto tree = std::make_shared<RemoteTree>();
    listAllObjects(
        client, { .bucket = where.bucket, .prefix = prefix }, context,
        [tree, prefix](const s3::ListObjectsPage &page) {
            for (const s3::ObjectEntry &o : page.objects)
                tree->insert(o.key.mid(prefix.size()), { o.key, o.size, o.lastModified, o.etag });
        },
        [tree, done = std::move(done), where](const s3::S3Error &error) {
            done(error.isError() ? s3::S3Error(error).withBucket(where.bucket) : error, *tree);
        });
}

// The last path segment of a key ("a/b/c.txt" -> "c.txt").
QString keyName(const QString &key)
{
    return key.mid(key.lastIndexOf(u'/') + 1);
}

bool isFolderTarget(const Location &to)
{
    if (to.isRemote())
        return to.key.isEmpty() || to.key.endsWith(u'/');
    return to.localPath.endsWith(u'/') || QFileInfo(to.localPath).isDir();
}

TransferItem::Kind kindFor(const Location &from, const Location &to)
{
    if (from.isStream())
        return TransferItem::Kind::StdinUpload;
    if (to.isStream())
        return TransferItem::Kind::StdoutDownload;
    if (from.isLocal())
        return TransferItem::Kind::Upload;
    if (to.isLocal())
        return TransferItem::Kind::Download;
    return from.connection == to.connection ? TransferItem::Kind::ServerCopy : TransferItem::Kind::CrossCopy;
}

// Places relative (a key or a path below the source) under the destination.
std::optional<Location> placeUnder(const Location &to, const QString &relative, QString *why)
{
    if (to.isRemote())
        return to.withKey(joinKey(to.key, relative));
    const auto path = localPathForKey(to.localPath, relative, why);
    if (!path)
        return std::nullopt;
    Location local = to;
    local.localPath = *path;
    return local;
}

TransferPlan folderPlan(TransferItem::Kind kind, const Location &from, const Location &to, int count = -1)
{
    TransferPlan plan;
    plan.items.append({ kind, from, to, -1, {}, {}, count });
    return plan;
}

void addRemoteItems(TransferPlan &plan, const Location &from, const Location &to, const RemoteTree &tree,
    const std::function<bool(const QString &, const RemoteEntry &)> &wanted)
{
    for (auto it = tree.cbegin(); it != tree.cend(); ++it) {
        if (!wanted(it.key(), it.value()))
            continue;
        QString why;
        const auto target = placeUnder(to, it.key(), &why);
        if (!target) {
            if (!why.isEmpty()) // empty: a folder marker, nothing to write
                plan.warnings.append(u"%1 was skipped: %2"_s.arg(from.withKey(it->key).display(), why));
            continue;
        }
        plan.items.append(
            { kindFor(from, to), from.withKey(it->key), *target, it->size, it->modified, it->etag, 1 });
    }
}

// cp --recursive between a folder and a prefix is one engine job: journaled and
// resumable as a whole, and a download needs no request per object beyond its GET.
// mv and --dryrun still list every file, since they act on or print each one.
bool asFolderJob(const Invocation &invocation)
{
    return invocation.command == CommandKind::Cp && !invocation.dryRun;
}

void planRecursiveCopy(const Session &session, const QObject *context, PlanCallback done)
{
    const Location from = session.invocation.paths.at(0);
    const Location to = session.invocation.paths.at(1);
    if (from.isLocal()) {
        if (!QFileInfo(from.localPath).isDir())
            return done(failed(ExitCode::NotFound,
                u"%1 is not a folder; check the path (without --recursive, cp "
                "copies one file)."_s.arg(from.localPath)));
        if (asFolderJob(session.invocation)) {
            // A missing bucket is one "not found", not a failure for every file.
            session.client(to)->headBucket(to.bucket)->onFinished(
                context, [done, from, to](const client::Result<client::BucketHead> &head) {
                    if (!head)
                        return done(failedWith(s3::S3Error(head.error()).withBucket(to.bucket)));
                    done(
                        folderPlan(TransferItem::Kind::UploadFolder, from, to.withKey(folderPrefix(to.key))));
                });
            return;
        }
        TransferPlan plan;
        const auto files = listLocalTree(from.localPath, &plan.warnings);
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            Location source = from;
            source.localPath = it->path;
            plan.items.append({ TransferItem::Kind::Upload, source, to.withKey(joinKey(to.key, it.key())),
                it->size, it->modified, {}, 1 });
        }
        return done(plan);
    }
    if (to.isLocal() && asFolderJob(session.invocation))
        return done(folderPlan(TransferItem::Kind::DownloadPrefix, from.withKey(folderPrefix(from.key)), to));
    listRemoteTree(session.client(from), from, context,
        [done, from, to](const s3::S3Error &error, const RemoteTree &tree) {
            if (error.isError())
                return done(failedWith(error));
            TransferPlan plan;
            addRemoteItems(plan, from.withKey(folderPrefix(from.key)), to, tree,
                [](const QString &, const RemoteEntry &) { return true; });
            done(plan);
        });
}

} // namespace

bool needsSync(
    qint64 sourceSize, const QDateTime &sourceTime, qint64 destinationSize, const QDateTime &destinationTime)
{
    if (sourceSize != destinationSize)
        return true;
    return sourceTime.isValid() && destinationTime.isValid()
        && sourceTime.toSecsSinceEpoch() > destinationTime.toSecsSinceEpoch();
}

void planCopy(const Session &session, const QObject *context, PlanCallback done)
{
    if (session.invocation.recursive)
        return planRecursiveCopy(session, context, std::move(done));
    const Location from = session.invocation.paths.at(0);
    Location to = session.invocation.paths.at(1);
    const TransferItem::Kind kind = kindFor(from, to);

    if (from.isRemote() && (from.key.isEmpty() || from.key.endsWith(u'/')))
        return done(failed(ExitCode::Usage,
            u"%1 names a prefix, not an object; add --recursive to copy everything "
            "under it."_s.arg(from.display())));
    if (from.isStream()) {
        if (isFolderTarget(to))
            return done(failed(ExitCode::Usage,
                u"Standard input has no name; give the full key, e.g. s3://%1/name."_s.arg(to.bucket)));
        return done(TransferPlan { { { kind, from, to, -1, {}, {}, 1 } }, {}, ExitCode::Ok, {} });
    }
    if (from.isLocal()) {
        const QFileInfo info(from.localPath);
        if (!info.exists())
            return done(failed(
                ExitCode::NotFound, u"The file %1 does not exist; check the path."_s.arg(from.localPath)));
        if (info.isDir())
            return done(failed(ExitCode::Usage,
                u"%1 is a folder; add --recursive to copy what is in it."_s.arg(from.localPath)));
        if (isFolderTarget(to))
            to = to.withKey(to.key + info.fileName());
        return done(
            TransferPlan { { { kind, from, to, info.size(), info.lastModified(QTimeZone::UTC), {}, 1 } }, {},
                ExitCode::Ok, {} });
    }
    // From an object: ask for it first, so a missing one is "not found" before anything
    // is created at the destination.
    session.client(from)
        ->headObject({ .bucket = from.bucket, .key = from.key })
        ->onFinished(context, [done, from, to, kind](const client::Result<client::ObjectHead> &head) mutable {
            if (!head)
                return done(failedWith(s3::S3Error(head.error()).withBucket(from.bucket).withKey(from.key)));
            if (to.isRemote() && isFolderTarget(to))
                to = to.withKey(to.key + keyName(from.key));
            else if (to.isLocal() && isFolderTarget(to))
                to.localPath = QDir(to.localPath).filePath(keyName(from.key));
            done(
                TransferPlan { { { kind, from, to, head->contentLength, head->lastModified, head->etag, 1 } },
                    {}, ExitCode::Ok, {} });
        });
}

void planSync(const Session &session, const QObject *context, PlanCallback done)
{
    const Location from = session.invocation.paths.at(0);
    const Location to = session.invocation.paths.at(1);
    const bool deleteExtra = session.invocation.deleteExtra;
    const bool folderJobs = !session.invocation.dryRun;
    auto warnings = std::make_shared<QStringList>();
    const auto compare = [done, from, to, deleteExtra, folderJobs, warnings](
                             const RemoteTree &source, const RemoteTree &destination) {
        TransferPlan plan;
        plan.warnings = *warnings;
        const Location base = from.isRemote() ? from.withKey(folderPrefix(from.key)) : from;
        // A key is compared with the local file it maps to ("a//b" with a/b).
        const auto sideKey = [&to](const QString &relative) {
            return to.isLocal() ? localRelativePath(relative) : relative;
        };
        if (from.isRemote()) {
            addRemoteItems(plan, base, to, source, [&](const QString &rel, const RemoteEntry &e) {
                const auto d = destination.constFind(sideKey(rel));
                return d == destination.cend() || needsSync(e.size, e.modified, d->size, d->modified);
            });
        } else {
            for (auto it = source.cbegin(); it != source.cend(); ++it) {
                const auto d = destination.constFind(it.key());
                if (d != destination.cend() && !needsSync(it->size, it->modified, d->size, d->modified))
                    continue;
                Location file = from;
                file.localPath = it->key;
                plan.items.append({ TransferItem::Kind::Upload, file, to.withKey(joinKey(to.key, it.key())),
                    it->size, it->modified, {}, 1 });
            }
        }
        // Everything in the source needs to go (a first sync): the whole folder is one
        // engine job, as with cp --recursive.
        const qsizetype planned = plan.items.size();
        if (folderJobs && planned > 0 && planned == source.size() && plan.warnings.isEmpty()
            && from.isLocal() != to.isLocal()) {
            plan.items = folderPlan(
                from.isLocal() ? TransferItem::Kind::UploadFolder : TransferItem::Kind::DownloadPrefix, base,
                to.isRemote() ? to.withKey(folderPrefix(to.key)) : to, static_cast<int>(planned))
                             .items;
        }
        if (deleteExtra) {
            QSet<QString> kept;
            for (auto it = source.cbegin(); it != source.cend(); ++it)
                kept.insert(sideKey(it.key()));
            for (auto it = destination.cbegin(); it != destination.cend(); ++it) {
                if (kept.contains(it.key()))
                    continue;
                Location gone = to.isRemote() ? to.withKey(it->key) : to;
                if (to.isLocal())
                    gone.localPath = it->key;
                plan.items.append({ TransferItem::Kind::Delete, gone, gone, it->size, it->modified, {}, 1 });
            }
        }
        done(plan);
    };

    // Local sides are read at once; remote sides are listed, then compared.
    const auto localTree = [](const Location &where, QStringList *problems) {
        RemoteTree tree;
        const auto files = listLocalTree(where.localPath, problems);
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            tree.insert(it.key(), { it->path, it->size, it->modified, {} });
        return tree;
    };
    if (from.isLocal() && !QFileInfo(from.localPath).isDir())
        return done(failed(ExitCode::NotFound,
            u"%1 is not a folder; sync copies folders. Check the path."_s.arg(from.localPath)));
    const auto withWarnings = compare;
    if (from.isLocal()) {
        const RemoteTree source = localTree(from, warnings.get());
        listRemoteTree(session.client(to), to, context,
            [done, source, withWarnings](const s3::S3Error &e, const RemoteTree &dest) {
                if (e.isError())
                    return done(failedWith(e));
                withWarnings(source, dest);
            });
        return;
    }
    listRemoteTree(session.client(from), from, context,
        [session, context, done, to, localTree, withWarnings, warnings](
            const s3::S3Error &e, const RemoteTree &source) {
            if (e.isError())
                return done(failedWith(e));
            if (to.isLocal())
                return withWarnings(source, localTree(to, warnings.get()));
            listRemoteTree(session.client(to), to, context,
                [done, source, withWarnings](const s3::S3Error &e2, const RemoteTree &dest) {
                    if (e2.isError())
                        return done(failedWith(e2));
                    withWarnings(source, dest);
                });
        });
}

} // namespace coffer::cli
