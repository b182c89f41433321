#include "prefix_deletion.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

PrefixDeletion::PrefixDeletion(client::S3Client *client, QString bucket, QString prefix, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_prefix(std::move(prefix))
{
}

PrefixDeletion::~PrefixDeletion()
{
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void PrefixDeletion::start()
{
    if (m_running)
        return;
    m_running = true;
    m_error = {};
    listNext();
}

void PrefixDeletion::cancel()
{
    if (!m_running)
        return;
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
    end(s3::S3Error::canceled());
}

void PrefixDeletion::listNext()
{
    client::ListObjectsV2Params params;
    params.bucket = m_bucket;
    params.prefix = m_prefix;
    // Start after the last key of the previous page rather than following a continuation
    // token: the keys before it are gone (or failed and reported), and a token minted
    // before the deletion need not survive it on every store.
    params.startAfter = m_startAfter;
    params.maxKeys = 1000;
    auto *reply = m_client->listObjectsV2(params);
    m_call = reply;
    reply->onFinished(this, [this](const client::Result<s3::ListObjectsPage> &page) {
        if (!page)
            return end(page.error());
        QList<s3::ObjectIdentifier> objects;
        objects.reserve(page->objects.size());
        for (const auto &entry : page->objects)
            objects.append({entry.key, {}});
        if (objects.isEmpty())
            return end({});
        m_startAfter = objects.last().key;
        deletePage(objects, page->isTruncated);
    });
}

void PrefixDeletion::deletePage(const QList<s3::ObjectIdentifier> &objects, bool more)
{
    auto *reply = m_client->deleteObjects({m_bucket, objects, true});
    m_call = reply;
    const int requested = int(objects.size());
    reply->onFinished(this, [this, requested, more](const client::Result<s3::DeleteObjectsResult> &result) {
        if (!result)
            return end(result.error());
        for (const auto &failure : result->errors) {
            const QString message = u"%1 could not be deleted: %2 (%3)."_s.arg(
                failure.key, failure.message.isEmpty() ? u"the server refused"_s : failure.message, failure.code);
            m_failures.append({failure.key, message});
            Q_EMIT keyFailed(failure.key, message);
        }
        m_deleted += requested - int(result->errors.size());
        Q_EMIT progress(m_deleted, int(m_failures.size()));
        if (!more)
            return end({});
        listNext();
    });
}

void PrefixDeletion::end(const s3::S3Error &error)
{
    m_call = nullptr;
    m_running = false;
    m_error = error;
    if (m_error.isError())
        m_error.withBucket(m_bucket);
    Q_EMIT finished();
}

} // namespace coffer::transfer
