#include "orphaned_uploads.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

OrphanedUploads::OrphanedUploads(client::S3Client *client, QString bucket, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_bucket(std::move(bucket))
{
}

OrphanedUploads::~OrphanedUploads()
{
    stopCalls();
}

void OrphanedUploads::stopCalls()
{
    const auto calls = m_calls;
    m_calls.clear();
    for (const auto &call : calls) {
        if (call) {
            disconnect(call, nullptr, this, nullptr);
            call->cancel();
        }
    }
    m_inFlight = 0;
}

void OrphanedUploads::cancel()
{
    if (!m_busy)
        return;
    stopCalls();
    m_busy = false;
    m_toAbort.clear();
}

void OrphanedUploads::scan(const QString &prefix)
{
    stopCalls();
    m_busy = true;
    m_prefix = prefix;
    m_uploads.clear();
    m_scanError = {};
    m_nextToSize = 0;
    listUploads({}, {});
}

void OrphanedUploads::listUploads(const QString &keyMarker, const QString &uploadIdMarker)
{
    client::ListMultipartUploadsParams params;
    params.bucket = m_bucket;
    params.prefix = m_prefix;
    params.keyMarker = keyMarker;
    params.uploadIdMarker = uploadIdMarker;
    auto *reply = m_client->listMultipartUploads(params);
    m_calls.append(reply);
    reply->onFinished(this, [this](const client::Result<s3::ListMultipartUploadsPage> &page) {
        if (!page) {
            m_scanError = page.error();
            m_busy = false;
            Q_EMIT scanFinished();
            return;
        }
        for (const auto &entry : page->uploads)
            m_uploads.append({entry.key, entry.uploadId, entry.initiated, entry.storageClass, 0, 0, {}});
        if (page->isTruncated && (!page->nextKeyMarker.isEmpty() || !page->nextUploadIdMarker.isEmpty()))
            return listUploads(page->nextKeyMarker, page->nextUploadIdMarker);
        sizeNext();
    });
}

void OrphanedUploads::sizeNext()
{
    while (m_inFlight < qMax(1, listPartsConcurrency) && m_nextToSize < m_uploads.size()) {
        ++m_inFlight;
        listParts(m_nextToSize++, std::nullopt);
    }
    if (m_inFlight == 0 && m_nextToSize >= m_uploads.size()) {
        m_busy = false;
        m_calls.clear();
        Q_EMIT scanFinished();
    }
}

void OrphanedUploads::listParts(int index, std::optional<int> marker)
{
    const OrphanedUpload &upload = m_uploads.at(index);
    client::ListPartsParams params;
    params.bucket = m_bucket;
    params.key = upload.key;
    params.uploadId = upload.uploadId;
    params.partNumberMarker = marker;
    params.maxParts = partsPerPage;
    auto *reply = m_client->listParts(params);
    m_calls.append(reply);
    reply->onFinished(this, [this, index](const client::Result<s3::ListPartsPage> &page) {
        OrphanedUpload &row = m_uploads[index];
        if (!page) {
            // Aborted meanwhile (NoSuchUpload), or refused: the row stays, its size unknown.
            row.sizeError = page.error().userMessage();
        } else {
            for (const auto &part : page->parts) {
                ++row.partCount;
                row.bytes += part.size;
            }
            if (page->isTruncated && page->nextPartNumberMarker)
                return listParts(index, page->nextPartNumberMarker);
        }
        --m_inFlight;
        sizeNext();
    });
}

void OrphanedUploads::abort(const QList<OrphanedUpload> &selection)
{
    stopCalls();
    m_busy = true;
    m_failures.clear();
    m_toAbort = selection;
    if (m_toAbort.isEmpty()) {
        m_busy = false;
        Q_EMIT abortFinished();
        return;
    }
    abortNext();
}

void OrphanedUploads::abortNext()
{
    while (m_inFlight < qMax(1, listPartsConcurrency) && !m_toAbort.isEmpty()) {
        const OrphanedUpload upload = m_toAbort.takeFirst();
        ++m_inFlight;
        auto *reply = m_client->abortMultipartUpload({m_bucket, upload.key, upload.uploadId});
        m_calls.append(reply);
        reply->onFinished(this, [this, upload](const client::Result<client::Done> &result) {
            --m_inFlight;
            // NoSuchUpload means someone else finished or aborted it: it is gone either way.
            if (result || result.error().code == u"NoSuchUpload"_s) {
                m_uploads.removeIf([&upload](const OrphanedUpload &u) { return u.uploadId == upload.uploadId && u.key == upload.key; });
            } else {
                m_failures.append({upload.key, u"The upload %1 of %2 could not be aborted: %3"_s.arg(
                                                   upload.uploadId, upload.key, result.error().userMessage())});
            }
            abortNext();
        });
    }
    if (m_inFlight == 0 && m_toAbort.isEmpty()) {
        m_busy = false;
        m_calls.clear();
        Q_EMIT abortFinished();
    }
}

} // namespace coffer::transfer
