#include "cross_copy.h"

#include "transfer/part_hasher.h"

#include "s3/checksum/multipart.h"

#include <QBuffer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

// A buffer that owns its bytes and dies with the reply that reads it.
QBuffer *bufferFor(const QByteArray &bytes, QObject *parent)
{
    auto *buffer = new QBuffer(parent);
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

// The integer value of a raw (big-endian) CRC digest, as s3::Checksum::crcValue() gives it.
quint64 crcFromRaw(const QByteArray &raw)
{
    quint64 value = 0;
    for (const char byte : raw)
        value = (value << 8) | quint8(byte);
    return value;
}

} // namespace

CrossCopy::CrossCopy(client::S3Client *source, client::S3Client *destination, CrossCopyRequest request,
                     QObject *parent)
    : MultipartOperation(destination, request.bucket, request.key, parent)
    , m_source(source)
    , m_destination(destination)
    , m_request(std::move(request))
{
    m_request.window = qMax(1, m_request.window);
}

void CrossCopy::setJournal(TransferJournal *journal, qint64 jobId)
{
    m_journal = jobId != 0 ? journal : nullptr;
    m_jobId = m_journal ? jobId : 0;
    setResumable(m_journal != nullptr);
}

SourceFingerprint CrossCopy::sourceFingerprint() const
{
    return {m_head.contentLength, 0, m_head.etag};
}

void CrossCopy::uploadAborted()
{
    if (m_journal)
        m_journal->resetItem(m_jobId, {});
}

void CrossCopy::hold(qint64 bytes)
{
    m_buffered += bytes;
    m_peakBuffered = qMax(m_peakBuffered, m_buffered);
}

void CrossCopy::start()
{
    if (!begin())
        return;
    m_buffered = 0; // parts a failed or canceled run held were dropped with its calls
    m_sourceCrcs.clear();
    m_partsResumed = 0;
    m_partsWithoutSourceCrc = 0;
    auto *reply = m_source->headObject({m_request.sourceBucket, m_request.sourceKey, {}, {}});
    track(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &head) {
        if (!head)
            return fail(head.error());
        onSourceHead(head.value());
    });
}

void CrossCopy::onSourceHead(const client::ObjectHead &head)
{
    m_head = head;
    const PlanOutcome outcome = planUpload(head.contentLength, m_request.multipartThreshold,
                                           m_request.preferredPartSize, m_request.limits);
    if (!outcome.plan)
        return fail(s3::S3Error::invalidInput(outcome.error));
    m_plan = outcome.plan;
    // A full-object CRC on the source can be checked without holding the whole object:
    // combine the parts' CRCs as they pass.
    const std::pair<s3::ChecksumAlgorithm, const QString *> crcs[] = {
        {s3::ChecksumAlgorithm::Crc64Nvme, &head.checksums.crc64nvme},
        {s3::ChecksumAlgorithm::Crc32c, &head.checksums.crc32c},
        {s3::ChecksumAlgorithm::Crc32, &head.checksums.crc32}};
    m_sourceCrcAlgorithm.reset();
    for (const auto &[algorithm, value] : crcs) {
        const auto parsed = s3::parseChecksumValue(algorithm, value->toLatin1());
        if (parsed && !parsed->isComposite()) {
            m_sourceCrcAlgorithm = algorithm;
            m_sourceCrcExpected = parsed->raw;
            break;
        }
    }
    Q_EMIT progress(0, head.contentLength);
    if (!m_plan->isMultipart())
        return copySingle();
    const std::optional<ItemRecord> item = m_journal ? m_journal->item(m_jobId, {}) : std::nullopt;
    if (item && !item->uploadId.isEmpty()) {
        if (item->fingerprint == sourceFingerprint() && item->partSize == m_plan->partSize
            && item->checksum == m_request.checksum)
            return resumeUpload(*item);
        // Parts of another version of the source (or another plan) must never be mixed in.
        Q_EMIT notice(tr("%1 changed since its copy started (or the part size did), so the copy starts over.")
                          .arg(m_request.sourceKey));
        m_destination->abortMultipartUpload({m_request.bucket, m_request.key, item->uploadId});
        m_journal->resetItem(m_jobId, {});
    }
    startMultipart();
}

void CrossCopy::resumeUpload(const ItemRecord &item)
{
    m_uploadId = item.uploadId;
    listParts(0, {});
}

void CrossCopy::listParts(int marker, QList<s3::PartEntry> listed)
{
    client::ListPartsParams params;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.uploadId = m_uploadId;
    if (marker > 0)
        params.partNumberMarker = marker;
    auto *reply = m_destination->listParts(params);
    track(reply);
    reply->onFinished(this, [this, listed](const client::Result<s3::ListPartsPage> &result) mutable {
        if (!result) {
            if (result.error().code != u"NoSuchUpload"_s)
                return fail(result.error());
            m_uploadId.clear(); // expired or aborted: nothing to abort, nothing to resume
            m_journal->resetItem(m_jobId, {});
            Q_EMIT notice(tr("The unfinished copy of %1 is no longer on the server, so the copy starts over.")
                              .arg(m_request.sourceKey));
            return startMultipart();
        }
        listed.append(result->parts);
        if (result->isTruncated && result->nextPartNumberMarker)
            return listParts(*result->nextPartNumberMarker, listed);
        resumeFrom(listed);
    });
}

void CrossCopy::resumeFrom(const QList<s3::PartEntry> &listed)
{
    // A part counts only when the journal recorded it (its checksum was confirmed) and the
    // destination still holds the same bytes (same ETag and size).
    const QList<PartRecord> journaled = m_journal->parts(m_jobId, {});
    for (const PartRecord &part : journaled) {
        const bool held = std::any_of(listed.cbegin(), listed.cend(), [&part](const s3::PartEntry &entry) {
            return entry.partNumber == part.partNumber && entry.etag == part.etag && entry.size == part.size;
        });
        if (!held || part.partNumber > m_plan->partCount || part.size != m_plan->sizeOf(part.partNumber))
            continue;
        s3::Checksums checksums;
        setChecksumIn(checksums, m_request.checksum, QString::fromLatin1(part.checksumBase64));
        partResumed(part.partNumber, part.etag, checksums, part.size);
        ++m_partsResumed;
        // The part's checksum is the source's CRC of the same bytes when the algorithms agree.
        const auto raw = s3::parseChecksumValue(m_request.checksum, part.checksumBase64);
        if (m_sourceCrcAlgorithm && *m_sourceCrcAlgorithm == m_request.checksum && raw && !raw->isComposite())
            m_sourceCrcs.insert(part.partNumber, crcFromRaw(raw->raw));
        else if (m_sourceCrcAlgorithm)
            ++m_partsWithoutSourceCrc;
    }
    Q_EMIT progress(m_done, m_head.contentLength);
    if (m_partsResumed == m_plan->partCount)
        return complete();
    pumpParts();
}

void CrossCopy::copySingle()
{
    // One global request slot from the GET until the PUT is answered.
    withSlot([this] { fetchSingle(); });
}

void CrossCopy::fetchSingle()
{
    auto *sink = new QBuffer(this);
    sink->open(QIODevice::WriteOnly);
    client::GetObjectParams get{m_request.sourceBucket, m_request.sourceKey, {}, {}, {}};
    get.conditions.ifMatch = m_head.etag;
    auto *reply = m_source->getObject(get, sink);
    sink->setParent(reply);
    track(reply);
    reply->onFinished(this, [this, sink](const client::Result<client::ObjectHead> &result) {
        if (!result)
            return fail(result.error());
        const QByteArray bytes = sink->data();
        hold(bytes.size());
        if (bytes.size() != m_head.contentLength) {
            return fail(s3::S3Error::integrity(u"the source sent %1 bytes of %2"_s.arg(bytes.size()).arg(m_head.contentLength)));
        }
        const QByteArray md5 = s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, bytes);
        if (const auto expected = s3::md5FromEtag(m_head.etag.toLatin1()); expected && *expected != md5) {
            return fail(s3::S3Error::integrity(u"the bytes read from the source do not match its ETag %1; nothing "
                                               "was written"_s.arg(m_head.etag)));
        }
        client::PutObjectParams put;
        put.bucket = m_request.bucket;
        put.key = m_request.key;
        put.body = bufferFor(bytes, this);
        put.size = bytes.size();
        put.attributes = attributesOf(m_head);
        put.checksumAlgorithm = m_request.checksum;
        put.checksumBase64 = s3::Checksum::hash(m_request.checksum, bytes).toBase64();
        put.contentMd5Base64 = md5.toBase64();
        auto *upload = m_destination->putObject(put);
        put.body->setParent(upload);
        track(upload);
        upload->onFinished(this, [this, size = bytes.size()](const client::Result<client::PutObjectResult> &putResult) {
            releaseSlot();
            m_buffered = 0;
            if (!putResult)
                return fail(putResult.error());
            m_done = size;
            Q_EMIT progress(m_done, m_head.contentLength);
            m_verification = s3::md5FromEtag(m_head.etag.toLatin1())
                ? u"source ETag (MD5) and destination Content-MD5 match"_s
                : u"destination checked the bytes against Content-MD5; the source has no MD5 ETag"_s;
            verifyDestination();
        });
    });
}

void CrossCopy::startMultipart()
{
    client::CreateMultipartUploadParams params;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.attributes = attributesOf(m_head);
    params.checksumAlgorithm = m_request.checksum;
    createUpload(params, [this] {
        if (m_journal) {
            m_journal->saveItem(m_jobId, ItemRecord{{}, sourceFingerprint(), m_uploadId, m_plan->partSize,
                                                    m_request.checksum, false});
        }
        pumpParts();
    });
}

void CrossCopy::pumpParts()
{
    // A part occupies its window place and a global request slot from its GET until its
    // UploadPart is answered, so no more than `window` parts are ever in memory.
    startParts(m_request.window, [this](int number) { sendPart(number); });
}

void CrossCopy::sendPart(int number)
{
    const qint64 first = m_plan->offsetOf(number);
    const qint64 size = m_plan->sizeOf(number);
    auto *sink = new QBuffer(this);
    sink->open(QIODevice::WriteOnly);
    client::GetObjectParams get{m_request.sourceBucket, m_request.sourceKey, {}, client::ByteRange{first, first + size - 1, {}}, {}};
    get.conditions.ifMatch = m_head.etag;
    auto *reply = m_source->getObject(get, sink);
    sink->setParent(reply);
    track(reply);
    reply->onFinished(this, [this, number, size, sink](const client::Result<client::ObjectHead> &result) {
        if (!result)
            return fail(result.error());
        const QByteArray bytes = sink->data();
        if (bytes.size() != size)
            return fail(s3::S3Error::integrity(u"the source sent %1 bytes for a part of %2"_s.arg(bytes.size()).arg(size)));
        hold(bytes.size());
        uploadPart(number, bytes);
    });
}

void CrossCopy::uploadPart(int number, const QByteArray &bytes)
{
    if (m_sourceCrcAlgorithm) {
        s3::Checksum crc(*m_sourceCrcAlgorithm);
        crc.update(bytes);
        m_sourceCrcs.insert(number, crc.crcValue());
    }
    client::UploadPartParams params;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.uploadId = m_uploadId;
    params.partNumber = number;
    params.body = bufferFor(bytes, this);
    params.size = bytes.size();
    params.checksumAlgorithm = m_request.checksum;
    params.checksumBase64 = s3::Checksum::hash(m_request.checksum, bytes).toBase64();
    auto *reply = m_destination->uploadPart(params);
    params.body->setParent(reply);
    track(reply);
    const qint64 size = bytes.size();
    reply->onFinished(this, [this, number, size, sent = params.checksumBase64](const client::Result<client::UploadPartResult> &result) {
        endPart();
        m_buffered -= size;
        if (!result)
            return fail(result.error());
        // Confirmed by the destination (it checked the checksum): a resume may skip it.
        if (m_journal)
            m_journal->addPart(m_jobId, {}, PartRecord{number, size, result->etag, sent});
        if (partCopied(number, result->etag, result->checksums, size))
            return complete();
        pumpParts();
    });
}

void CrossCopy::complete()
{
    if (m_sourceCrcAlgorithm && m_partsWithoutSourceCrc > 0) {
        m_verification = u"every part's %1 was checked by the destination; the source's %2 checksum was not "
                         "compared, as %3 parts were copied before a restart"_s
                             .arg(QString::fromLatin1(s3::checksumAlgorithmName(m_request.checksum)),
                                  QString::fromLatin1(s3::checksumAlgorithmName(*m_sourceCrcAlgorithm)))
                             .arg(m_partsWithoutSourceCrc);
    } else if (m_sourceCrcAlgorithm) {
        QList<s3::PartCrc> crcs;
        for (int part = 1; part <= m_plan->partCount; ++part)
            crcs.append({m_sourceCrcs.value(part), m_plan->sizeOf(part)});
        const auto combined = s3::fullObjectCrc(*m_sourceCrcAlgorithm, crcs);
        if (!combined || *combined != m_sourceCrcExpected) {
            return fail(s3::S3Error::integrity(u"the bytes read from the source do not match its %1 checksum; the "
                                               "upload was aborted and nothing was written"_s
                                                   .arg(QString::fromLatin1(s3::checksumAlgorithmName(*m_sourceCrcAlgorithm)))));
        }
        m_verification = u"source %1 checksum matches, and every part's %2 was checked by the destination"_s.arg(
            QString::fromLatin1(s3::checksumAlgorithmName(*m_sourceCrcAlgorithm)),
            QString::fromLatin1(s3::checksumAlgorithmName(m_request.checksum)));
    } else {
        m_verification = u"every part's %1 was checked by the destination; the source has no whole-object "
                         "checksum to compare"_s.arg(QString::fromLatin1(s3::checksumAlgorithmName(m_request.checksum)));
    }
    completeUpload([this] {
        if (m_journal)
            m_journal->markItemDone(m_jobId, {});
        verifyDestination();
    });
}

void CrossCopy::verifyDestination()
{
    enterVerifying();
    auto *reply = m_destination->headObject({m_request.bucket, m_request.key, {}, {}});
    track(reply);
    reply->onFinished(this, [this](const client::Result<client::ObjectHead> &head) {
        if (!head)
            return fail(head.error());
        if (head->contentLength != m_head.contentLength) {
            return fail(s3::S3Error::integrity(u"the copy holds %1 bytes but the source has %2"_s
                                                   .arg(head->contentLength)
                                                   .arg(m_head.contentLength)));
        }
        finish(State::Finished);
    });
}

} // namespace coffer::transfer
