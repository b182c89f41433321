#include "stream_upload.h"

#include "transfer/bandwidth_limiter.h"

#include <QBuffer>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kMinPart = 5 * kMiB;
constexpr int kMaxParts = 10000;
// One read(2) at a time: small enough to keep the event loop turning between reads.
constexpr qint64 kReadChunk = 1 * kMiB;

QString returnedChecksum(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case s3::ChecksumAlgorithm::Crc32:
        return checksums.crc32;
    case s3::ChecksumAlgorithm::Crc32c:
        return checksums.crc32c;
    case s3::ChecksumAlgorithm::Crc64Nvme:
        return checksums.crc64nvme;
    case s3::ChecksumAlgorithm::Sha1:
        return checksums.sha1;
    case s3::ChecksumAlgorithm::Sha256:
        return checksums.sha256;
    case s3::ChecksumAlgorithm::Md5:
        break;
    }
    return {};
}

// A buffer that owns its bytes and dies with the reply that sends it.
QBuffer *bodyFor(const QByteArray &bytes)
{
    auto *buffer = new QBuffer;
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    return buffer;
}

} // namespace

StreamUpload::StreamUpload(
    int fd, client::S3Client *client, QString bucket, QString key, Settings settings, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_client(client)
    , m_bucket(std::move(bucket))
    , m_key(std::move(key))
    , m_settings(settings)
{
    // Equal parts of whole MiB, as the part plan makes them (R2 accepts nothing else).
    m_settings.partSize = std::max(kMinPart, (m_settings.partSize + kMiB - 1) / kMiB * kMiB);
    m_settings.multipartThreshold = std::clamp(m_settings.multipartThreshold, qint64(1), m_settings.partSize);
    m_settings.window = std::max(1, m_settings.window);
}

StreamUpload::~StreamUpload()
{
    if (!m_finished)
        stop();
}

void StreamUpload::start()
{
    m_notifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StreamUpload::readSome);
    if (m_settings.bandwidth)
        connect(
            m_settings.bandwidth, &transfer::BandwidthLimiter::refilled, this, &StreamUpload::resumeReading);
    Q_EMIT progress(0, -1);
}

void StreamUpload::pauseReading()
{
    if (m_notifier)
        m_notifier->setEnabled(false);
}

void StreamUpload::resumeReading()
{
    if (m_notifier && !m_ended && !m_finished && m_filling.size() < m_settings.partSize)
        m_notifier->setEnabled(true);
}

void StreamUpload::track(qint64 delta)
{
    m_buffered += delta;
    m_peakBuffered = std::max(m_peakBuffered, m_buffered);
}

void StreamUpload::readSome()
{
    if (m_finished || m_ended)
        return;
    qint64 wanted = std::min(kReadChunk, m_settings.partSize - m_filling.size());
    if (wanted <= 0)
        return pauseReading(); // the part is full; it is on its way or waits for the window
    if (m_settings.bandwidth) {
        wanted = m_settings.bandwidth->take(wanted);
        if (wanted == 0)
            return pauseReading(); // refilled() resumes
    }
    const qsizetype had = m_filling.size();
    // Exactly one part's room: growing in steps would let capacity reach twice the part.
    if (m_filling.capacity() < m_settings.partSize)
        m_filling.reserve(m_settings.partSize);
    m_filling.resize(had + wanted);
    // The notifier said the stream is readable, so one read(2) does not block.
    ssize_t got = 0;
    do {
        got = ::read(m_fd, m_filling.data() + had, size_t(wanted));
    } while (got < 0 && errno == EINTR);
    m_filling.resize(had + std::max<qsizetype>(got, 0));
    if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        return fail(s3::S3Error::local(u"Standard input could not be read (%1); nothing was uploaded."_s.arg(
            QString::fromLocal8Bit(std::strerror(errno)))));
    }
    if (got == 0)
        return endOfInput();
    m_read += got;
    track(got);
    Q_EMIT progress(m_sent, -1);
    if (m_filling.size() >= m_settings.partSize)
        partFull();
}

void StreamUpload::partFull()
{
    pauseReading();
    if (m_nextPart > kMaxParts)
        return fail(s3::S3Error::local(
            u"Standard input is longer than %1 parts of %2 MiB can hold; give a larger --part-size."_s
                .arg(kMaxParts)
                .arg(m_settings.partSize / kMiB)));
    if (m_uploadId.isEmpty()) {
        if (m_creating)
            return;
        m_creating = true;
        auto *reply = m_client->createMultipartUpload(
            { .bucket = m_bucket, .key = m_key, .attributes = {}, .checksumAlgorithm = m_settings.checksum });
        m_calls.append(reply);
        reply->onFinished(this, [this](const client::Result<s3::InitiateMultipartUploadResult> &created) {
            m_creating = false;
            if (!created)
                return fail(created.error());
            m_uploadId = created->uploadId;
            sendFilledPart();
        });
        return;
    }
    sendFilledPart();
}

void StreamUpload::sendFilledPart()
{
    if (m_finished || m_uploadId.isEmpty() || m_inFlight >= m_settings.window)
        return; // a part finishing calls again
    const bool full = m_filling.size() >= m_settings.partSize;
    if (!full && !(m_ended && !m_filling.isEmpty()))
        return resumeReading();
    uploadPart(m_nextPart++, std::exchange(m_filling, {}));
    if (m_ended)
        return completeUpload();
    resumeReading();
}

void StreamUpload::endOfInput()
{
    m_ended = true;
    pauseReading();
    if (m_uploadId.isEmpty() && !m_creating) {
        // Ended before the first part filled: one PUT, or a one-part upload when it is
        // past the threshold.
        if (m_filling.size() < m_settings.multipartThreshold)
            return putWhole();
        return partFull();
    }
    if (!m_filling.isEmpty())
        return sendFilledPart();
    completeUpload();
}

void StreamUpload::putWhole()
{
    const QByteArray bytes = std::exchange(m_filling, {});
    client::PutObjectParams params;
    params.bucket = m_bucket;
    params.key = m_key;
    params.body = bodyFor(bytes);
    params.size = bytes.size();
    params.checksumAlgorithm = m_settings.checksum;
    params.checksumBase64 = s3::Checksum::hash(m_settings.checksum, bytes).toBase64();
    auto *reply = m_client->putObject(params);
    params.body->setParent(reply);
    m_calls.append(reply);
    connect(reply, &client::S3Call::progress, this,
        [this](qint64 done, qint64) { Q_EMIT progress(done, m_read); });
    reply->onFinished(
        this, [this, size = bytes.size()](const client::Result<client::PutObjectResult> &result) {
            track(-size);
            if (!result)
                return fail(result.error());
            m_sent = size;
            done();
        });
}

void StreamUpload::uploadPart(int number, const QByteArray &bytes)
{
    ++m_inFlight;
    const QByteArray checksum = s3::Checksum::hash(m_settings.checksum, bytes).toBase64();
    client::UploadPartParams params;
    params.bucket = m_bucket;
    params.key = m_key;
    params.uploadId = m_uploadId;
    params.partNumber = number;
    params.body = bodyFor(bytes);
    params.size = bytes.size();
    params.checksumAlgorithm = m_settings.checksum;
    params.checksumBase64 = checksum;
    auto *reply = m_client->uploadPart(params);
    params.body->setParent(reply);
    m_calls.append(reply);
    reply->onFinished(this,
        [this, number, checksum, size = bytes.size()](
            const client::Result<client::UploadPartResult> &result) {
            --m_inFlight;
            track(-size);
            if (!result)
                return fail(result.error());
            const QString returned = returnedChecksum(result->checksums, m_settings.checksum);
            if (!returned.isEmpty() && returned.toLatin1() != checksum)
                return fail(s3::S3Error::integrity(
                    u"The server stored part %1 with another checksum than was sent; the upload was aborted."_s
                        .arg(number)));
            m_parts.append({ number, result->etag, result->checksums });
            m_sent += size;
            Q_EMIT progress(m_sent, m_ended ? m_read : -1);
            partDone();
        });
}

void StreamUpload::partDone()
{
    if (m_finished)
        return;
    if (m_filling.size() >= m_settings.partSize || (m_ended && !m_filling.isEmpty()))
        return sendFilledPart();
    if (m_ended)
        return completeUpload();
    resumeReading();
}

void StreamUpload::completeUpload()
{
    if (m_finished || m_inFlight > 0 || !m_filling.isEmpty())
        return; // the last part's answer calls again
    std::sort(m_parts.begin(), m_parts.end(),
        [](const s3::CompletedPart &a, const s3::CompletedPart &b) { return a.partNumber < b.partNumber; });
    auto *reply = m_client->completeMultipartUpload({ m_bucket, m_key, m_uploadId, m_parts });
    m_calls.append(reply);
    reply->onFinished(this, [this](const client::Result<s3::CompleteMultipartUploadResult> &result) {
        if (!result)
            return fail(result.error());
        m_uploadId.clear(); // an object now: nothing to abort
        done();
    });
}

void StreamUpload::done()
{
    if (m_finished)
        return;
    m_finished = true;
    pauseReading();
    Q_EMIT progress(m_sent, m_read);
    Q_EMIT finished({}, m_sent);
}

void StreamUpload::fail(s3::S3Error error)
{
    if (m_finished)
        return;
    m_finished = true;
    stop();
    if (error.bucket.isEmpty())
        error.withBucket(m_bucket).withKey(m_key);
    Q_EMIT finished(error, m_sent);
}

void StreamUpload::stop()
{
    pauseReading();
    for (const QPointer<client::S3Call> &call : std::as_const(m_calls)) {
        if (call) {
            disconnect(call, nullptr, this, nullptr);
            call->cancel();
        }
    }
    m_calls.clear();
    if (!m_uploadId.isEmpty()) // fire and forget: left-over parts cost money
        m_client->abortMultipartUpload({ m_bucket, m_key, m_uploadId });
    m_uploadId.clear();
}

} // namespace coffer::cli
