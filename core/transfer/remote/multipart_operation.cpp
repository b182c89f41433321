#include "multipart_operation.h"

namespace coffer::transfer {

MultipartOperation::MultipartOperation(client::S3Client *destination, QString bucket, QString key,
                                       QObject *parent)
    : QObject(parent)
    , m_destination(destination)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
{
}

MultipartOperation::~MultipartOperation()
{
    stopCalls();
    if (!m_resumable)
        abortUpload();
}

QString MultipartOperation::errorMessage() const
{
    return m_error.isError() ? m_error.userMessage() : QString();
}

bool MultipartOperation::begin()
{
    if (m_state == State::Running || m_state == State::Verifying)
        return false;
    m_state = State::Running;
    m_error = {};
    m_done = 0;
    m_parts.clear();
    m_nextPart = 1;
    return true;
}

void MultipartOperation::track(client::S3Call *call)
{
    m_calls.removeIf([](const QPointer<client::S3Call> &c) { return c.isNull(); });
    m_calls.append(call);
}

void MultipartOperation::stopCalls()
{
    const auto calls = m_calls;
    m_calls.clear();
    for (const auto &call : calls) {
        if (call) {
            // Disconnect first: a call canceled here must not call back into a copy that
            // is failing or being destroyed.
            disconnect(call, nullptr, this, nullptr);
            call->cancel();
        }
    }
    m_partsInFlight = 0;
    if (m_slots)
        m_slots->cancelWaits(this);
    while (m_slotsHeld > 0)
        releaseSlot();
}

void MultipartOperation::withSlot(std::function<void()> then)
{
    if (!m_slots) {
        then();
        return;
    }
    m_slots->acquire(this, [this, then = std::move(then)] {
        ++m_slotsHeld;
        if (m_state != State::Running)
            return releaseSlot();
        then();
    });
}

void MultipartOperation::releaseSlot()
{
    if (m_slotsHeld <= 0)
        return;
    --m_slotsHeld;
    if (m_slots)
        m_slots->release();
}

void MultipartOperation::abortUpload()
{
    if (m_uploadId.isEmpty())
        return;
    // Fire and forget: parts left behind cost money, and nobody waits for the answer.
    m_destination->abortMultipartUpload({m_bucket, m_key, m_uploadId});
    m_uploadId.clear();
    uploadAborted();
}

client::ObjectAttributes MultipartOperation::attributesOf(const client::ObjectHead &head)
{
    client::ObjectAttributes attributes;
    attributes.contentType = head.contentType;
    attributes.cacheControl = head.cacheControl;
    attributes.contentDisposition = head.contentDisposition;
    attributes.contentEncoding = head.contentEncoding;
    attributes.contentLanguage = head.contentLanguage;
    attributes.metadata = head.metadata;
    return attributes;
}

void MultipartOperation::createUpload(const client::CreateMultipartUploadParams &params, std::function<void()> next)
{
    auto *reply = m_destination->createMultipartUpload(params);
    track(reply);
    reply->onFinished(this, [this, next = std::move(next)](const client::Result<s3::InitiateMultipartUploadResult> &created) {
        if (!created)
            return fail(created.error());
        m_uploadId = created->uploadId;
        next();
    });
}

void MultipartOperation::startParts(int window, const std::function<void(int)> &send)
{
    while (m_state == State::Running && m_partsInFlight < window) {
        while (m_nextPart <= m_plan->partCount && m_parts.contains(m_nextPart))
            ++m_nextPart; // resumed from an earlier run
        if (m_nextPart > m_plan->partCount)
            return;
        const int number = m_nextPart++;
        ++m_partsInFlight;
        withSlot([send, number] { send(number); });
    }
}

void MultipartOperation::endPart()
{
    --m_partsInFlight;
    releaseSlot();
}

void MultipartOperation::partResumed(int number, const QString &etag, const s3::Checksums &checksums, qint64 size)
{
    m_parts.insert(number, {number, etag, checksums});
    m_done += size;
}

bool MultipartOperation::partCopied(int number, const QString &etag, const s3::Checksums &checksums, qint64 size)
{
    m_parts.insert(number, {number, etag, checksums});
    m_done += size;
    Q_EMIT progress(m_done, m_head.contentLength);
    return m_parts.size() == m_plan->partCount;
}

void MultipartOperation::completeUpload(std::function<void()> next)
{
    QList<s3::CompletedPart> parts;
    for (int part = 1; part <= m_plan->partCount; ++part)
        parts.append(m_parts.value(part));
    auto *reply = m_destination->completeMultipartUpload({m_bucket, m_key, m_uploadId, parts});
    track(reply);
    reply->onFinished(this, [this, next = std::move(next)](const client::Result<s3::CompleteMultipartUploadResult> &result) {
        if (!result)
            return fail(result.error());
        m_uploadId.clear(); // it is an object now: nothing to abort
        next();
    });
}

void MultipartOperation::cancel()
{
    if (m_state != State::Running && m_state != State::Verifying)
        return;
    stopCalls();
    abortUpload();
    m_error = s3::S3Error::canceled();
    finish(State::Canceled);
}

void MultipartOperation::stop()
{
    if (m_state != State::Running && m_state != State::Verifying)
        return;
    stopCalls();
    if (!m_resumable)
        abortUpload();
    m_error = s3::S3Error::canceled();
    finish(State::Canceled);
}

void MultipartOperation::fail(s3::S3Error error)
{
    stopCalls();
    // Parts of a resumable copy stay for a retry, unless they may hold wrong bytes.
    if (!m_resumable || error.kind == s3::S3Error::Kind::Integrity)
        abortUpload();
    if (error.bucket.isEmpty())
        error.withBucket(m_bucket).withKey(m_key);
    m_error = error;
    finish(State::Failed);
}

void MultipartOperation::finish(State state)
{
    m_state = state;
    Q_EMIT finished();
}

} // namespace coffer::transfer
