#include "bucket_config/dry_run_runner.h"

#include "client/s3_client.h"

namespace coffer::bucket_config {

DryRunRunner::DryRunRunner(client::S3Client *client, QString bucket, s3::LifecycleConfiguration configuration,
                           QDateTime now, QObject *parent)
    : QObject(parent), m_client(client), m_bucket(std::move(bucket)), m_dryRun(std::move(configuration), std::move(now))
{
}

DryRunRunner::~DryRunRunner()
{
    if (m_call)
        m_call->cancel();
}

void DryRunRunner::start()
{
    listObjects(QString());
}

void DryRunRunner::cancel()
{
    if (m_finished)
        return;
    if (m_call) {
        m_call->cancel(); // its callback finishes the run with the Canceled error
        return;
    }
    s3::S3Error error;
    error.kind = s3::S3Error::Kind::Canceled;
    finish(error);
}

void DryRunRunner::listObjects(const QString &continuationToken)
{
    if (!m_client) {
        s3::S3Error error;
        error.kind = s3::S3Error::Kind::Canceled;
        finish(error);
        return;
    }
    auto *reply = m_client->listObjectsV2(
        {.bucket = m_bucket, .prefix = m_dryRun.listingPrefix(), .continuationToken = continuationToken});
    m_call = reply;
    reply->onFinished(this, [this](const client::Result<s3::ListObjectsPage> &page) {
        m_call = nullptr;
        if (!page) {
            finish(page.error());
            return;
        }
        m_dryRun.addObjects(page->objects);
        Q_EMIT progress(m_dryRun.objectsSeen());
        if (page->isTruncated && !page->nextContinuationToken.isEmpty())
            listObjects(page->nextContinuationToken);
        else if (m_dryRun.needsUploads())
            listUploads(QString(), QString());
        else
            finish({});
    });
}

void DryRunRunner::listUploads(const QString &keyMarker, const QString &uploadIdMarker)
{
    if (!m_client) {
        s3::S3Error error;
        error.kind = s3::S3Error::Kind::Canceled;
        finish(error);
        return;
    }
    auto *reply = m_client->listMultipartUploads(
        {.bucket = m_bucket, .prefix = m_dryRun.listingPrefix(), .keyMarker = keyMarker, .uploadIdMarker = uploadIdMarker});
    m_call = reply;
    reply->onFinished(this, [this](const client::Result<s3::ListMultipartUploadsPage> &page) {
        m_call = nullptr;
        if (!page) {
            finish(page.error());
            return;
        }
        m_dryRun.addUploads(page->uploads);
        if (page->isTruncated && (!page->nextKeyMarker.isEmpty() || !page->nextUploadIdMarker.isEmpty()))
            listUploads(page->nextKeyMarker, page->nextUploadIdMarker);
        else
            finish({});
    });
}

void DryRunRunner::finish(const s3::S3Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace coffer::bucket_config
