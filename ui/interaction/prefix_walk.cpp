#include "ui/interaction/prefix_walk.h"

#include <QPointer>

#include <memory>

namespace coffer::ui {

namespace {

void walkFrom(QPointer<client::S3Client> client, const QString &bucket, const QString &prefix,
    const QString &token, const QObject *context, std::shared_ptr<PrefixWalkCallbacks> callbacks)
{
    if (!client) {
        callbacks->done(s3::S3Error::canceled());
        return;
    }
    client::ListObjectsV2Params params;
    params.bucket = bucket;
    params.prefix = prefix;
    params.continuationToken = token;
    client->listObjectsV2(params)->onFinished(context,
        [client, bucket, prefix, context, callbacks](const client::Result<s3::ListObjectsPage> &page) {
            if (!page.ok()) {
                callbacks->done(page.error());
                return;
            }
            if (!callbacks->page(page->objects))
                return;
            if (page->isTruncated && !page->nextContinuationToken.isEmpty())
                walkFrom(client, bucket, prefix, page->nextContinuationToken, context, callbacks);
            else
                callbacks->done({});
        });
}

} // namespace

void walkPrefix(client::S3Client *client, const QString &bucket, const QString &prefix,
    const QObject *context, PrefixWalkCallbacks callbacks)
{
    walkFrom(
        client, bucket, prefix, {}, context, std::make_shared<PrefixWalkCallbacks>(std::move(callbacks)));
}

} // namespace coffer::ui
