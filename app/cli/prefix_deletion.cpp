#include "prefix_deletion.h"

#include <memory>

namespace coffer::cli {

namespace {

struct DeletionRun {
    client::S3Client *client = nullptr;
    QString bucket;
    QString prefix;
    bool dryRun = false;
    const QObject *context = nullptr;
    std::function<void(const QString &)> onKey;
    std::function<void(const PrefixDeletion &)> onDone;
    PrefixDeletion result;
};

void nextPage(const std::shared_ptr<DeletionRun> &run, const QString &continuation);

void deletePage(const std::shared_ptr<DeletionRun> &run, const s3::ListObjectsPage &page)
{
    const auto next = [run, truncated = page.isTruncated, token = page.nextContinuationToken] {
        if (truncated && !token.isEmpty())
            nextPage(run, token);
        else
            run->onDone(run->result);
    };
    if (page.objects.isEmpty() || run->dryRun) {
        for (const s3::ObjectEntry &object : page.objects)
            run->onKey(object.key);
        next();
        return;
    }
    client::DeleteObjectsParams params { .bucket = run->bucket };
    for (const s3::ObjectEntry &object : page.objects)
        params.objects.append({ object.key, {} });
    run->client->deleteObjects(params)->onFinished(
        run->context, [run, next, params](const client::Result<s3::DeleteObjectsResult> &result) {
            if (!result) {
                run->result.error = result.error();
                run->onDone(run->result);
                return;
            }
            QSet<QString> refused;
            for (const s3::DeleteObjectError &e : result->errors) {
                refused.insert(e.key);
                run->result.failures.append(e);
            }
            for (const s3::ObjectIdentifier &object : params.objects) {
                if (!refused.contains(object.key)) {
                    ++run->result.deleted;
                    run->onKey(object.key);
                }
            }
            next();
        });
}

void nextPage(const std::shared_ptr<DeletionRun> &run, const QString &continuation)
{
    run->client
        ->listObjectsV2({ .bucket = run->bucket, .prefix = run->prefix, .continuationToken = continuation })
        ->onFinished(run->context, [run](const client::Result<s3::ListObjectsPage> &page) {
            if (!page) {
                run->result.error = page.error();
                run->onDone(run->result);
                return;
            }
            deletePage(run, page.value());
        });
}

} // namespace

void deleteUnderPrefix(client::S3Client *client, const QString &bucket, const QString &prefix, bool dryRun,
    const QObject *context, std::function<void(const QString &key)> onKey,
    std::function<void(const PrefixDeletion &result)> onDone)
{
    auto run = std::make_shared<DeletionRun>();
    run->client = client;
    run->bucket = bucket;
    run->prefix = prefix;
    run->dryRun = dryRun;
    run->context = context;
    run->onKey = std::move(onKey);
    run->onDone = std::move(onDone);
    nextPage(run, {});
}

} // namespace coffer::cli
