#include "object_copy.h"

#include "s3/checksum/multipart.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

// A full-object checksum both heads carry, as "ALG value" pairs; empty when none is shared.
std::optional<std::pair<QString, QString>> sharedChecksum(const s3::Checksums &a, const s3::Checksums &b)
{
    const std::pair<const QString *, const QString *> pairs[] = {
        {&a.crc64nvme, &b.crc64nvme}, {&a.crc32c, &b.crc32c}, {&a.crc32, &b.crc32},
        {&a.sha256, &b.sha256}, {&a.sha1, &b.sha1}};
    for (const auto &[left, right] : pairs) {
        if (!left->isEmpty() && !right->isEmpty() && !left->contains(u'-') && !right->contains(u'-'))
            return std::pair(*left, *right);
    }
    return std::nullopt;
}

} // namespace

ObjectCopy::ObjectCopy(client::S3Client *client, ObjectCopyRequest request, QObject *parent)
    : MultipartOperation(client, request.bucket, request.key, parent)
    , m_client(client)
    , m_request(std::move(request))
{
    m_request.window = qMax(1, m_request.window);
}

void ObjectCopy::start()
{
    if (!begin())
        return;
    const auto &source = m_request.source;
    if (source.bucket == m_request.bucket && source.key == m_request.key && source.versionId.isEmpty()) {
        return fail(s3::S3Error::invalidInput(
            u"%1/%2 cannot be copied onto itself; choose another destination."_s.arg(source.bucket, source.key)));
    }
    auto *reply = m_client->headObject({source.bucket, source.key, source.versionId, {}});
    track(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &head) {
        if (!head)
            return fail(head.error()); // the client named the source already
        onSourceHead(head.value());
    });
}

void ObjectCopy::onSourceHead(const client::ObjectHead &head)
{
    m_head = head;
    const PlanOutcome outcome = planCopy(head.contentLength, m_request.preferredPartSize, m_request.limits);
    if (!outcome.plan)
        return fail(s3::S3Error::invalidInput(outcome.error));
    m_plan = outcome.plan;
    Q_EMIT progress(0, head.contentLength);
    if (m_plan->isMultipart())
        startMultipart();
    else
        copyWhole();
}

void ObjectCopy::copyWhole()
{
    withSlot([this] { sendWhole(); });
}

void ObjectCopy::sendWhole()
{
    client::CopyObjectParams params;
    params.source = m_request.source;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.sourceConditions.ifMatch = m_head.etag; // the version we looked at, or nothing
    auto *reply = m_client->copyObject(params);
    track(reply);
    reply->onFinished(this, [this](const client::Result<s3::CopyObjectResult> &result) {
        releaseSlot();
        if (!result)
            return fail(result.error());
        m_done = m_head.contentLength;
        Q_EMIT progress(m_done, m_head.contentLength);
        verify();
    });
}

void ObjectCopy::startMultipart()
{
    client::CreateMultipartUploadParams params;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    // UploadPartCopy copies bytes only: the headers and metadata travel here.
    params.attributes = attributesOf(m_head);
    params.attributes.storageClass = m_head.storageClass; // same endpoint: keep the class
    createUpload(params, [this] { pumpParts(); });
}

void ObjectCopy::pumpParts()
{
    startParts(m_request.window, [this](int part) { sendPart(part); });
}

void ObjectCopy::sendPart(int part)
{
    const qint64 first = m_plan->offsetOf(part);
    const qint64 size = m_plan->sizeOf(part);
    client::UploadPartCopyParams params;
    params.source = m_request.source;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.uploadId = m_uploadId;
    params.partNumber = part;
    params.range = std::pair(first, first + size - 1);
    auto *reply = m_client->uploadPartCopy(params);
    track(reply);
    reply->onFinished(this, [this, part, size](const client::Result<s3::CopyPartResult> &result) {
        endPart();
        if (!result)
            return fail(result.error());
        if (partCopied(part, result->etag, result->checksums, size))
            return complete();
        pumpParts();
    });
}

void ObjectCopy::complete()
{
    // UploadPartCopy takes no If-Match here, so make sure the source is still the one
    // whose ranges were copied before the parts become an object.
    auto *check = m_client->headObject({m_request.source.bucket, m_request.source.key, m_request.source.versionId, {}});
    track(check);
    check->onFinished(this, [this](const client::Result<client::ObjectHead> &head) {
        if (!head)
            return fail(head.error()); // the client named the source already
        if (head->etag != m_head.etag) {
            return fail(s3::S3Error::integrity(u"%1/%2 changed on the server while it was being copied. "
                                               "Nothing was written; copy it again."_s
                                                   .arg(m_request.source.bucket, m_request.source.key)));
        }
        completeUpload([this] { verify(); });
    });
}

void ObjectCopy::verify()
{
    enterVerifying();
    auto *reply = m_client->headObject({m_request.bucket, m_request.key, {}, {}});
    track(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &copy) {
        if (!copy)
            return fail(copy.error());
        const qint64 size = m_head.contentLength;
        if (copy->contentLength != size) {
            return fail(s3::S3Error::integrity(u"The copy %1/%2 holds %3 bytes but the source has %4; the "
                                               "source was kept. Copy it again."_s
                                                   .arg(m_request.bucket, m_request.key)
                                                   .arg(copy->contentLength)
                                                   .arg(size)));
        }
        const auto sourceMd5 = s3::md5FromEtag(m_head.etag.toLatin1());
        const auto copyMd5 = s3::md5FromEtag(copy->etag.toLatin1());
        const auto checksums = sharedChecksum(m_head.checksums, copy->checksums);
        if (sourceMd5 && copyMd5) {
            if (*sourceMd5 != *copyMd5) {
                return fail(s3::S3Error::integrity(u"The copy's ETag %1 differs from the source's %2; the source "
                                                   "was kept. Copy it again."_s.arg(copy->etag, m_head.etag)));
            }
            m_verification = u"size and ETag (MD5) match"_s;
        } else if (checksums) {
            if (checksums->first != checksums->second) {
                return fail(s3::S3Error::integrity(u"The copy's checksum %1 differs from the source's %2; the "
                                                   "source was kept. Copy it again."_s
                                                       .arg(checksums->second, checksums->first)));
            }
            m_verification = u"size and full-object checksum match"_s;
        } else if (m_plan->isMultipart() && copy->etag.endsWith(u"-%1"_s.arg(m_plan->partCount) + u'"')) {
            m_verification = u"size and part count match; the server copied the bytes itself (UploadPartCopy), "
                             "and the source has no whole-object digest to compare"_s;
        } else {
            m_verification = u"size matches; neither side has a whole-object digest to compare"_s;
        }
        if (m_request.deleteSource)
            return deleteSource();
        finish(State::Finished);
    });
}

void ObjectCopy::deleteSource()
{
    const auto &source = m_request.source;
    auto *reply = m_client->deleteObject({source.bucket, source.key, source.versionId});
    track(reply);
    reply->onFinished(this, [this](const client::Result<client::Done> &result) {
        if (!result) {
            s3::S3Error error = result.error();
            error.withBucket(m_request.source.bucket).withKey(m_request.source.key);
            return fail(error);
        }
        finish(State::Finished);
    });
}

} // namespace coffer::transfer
