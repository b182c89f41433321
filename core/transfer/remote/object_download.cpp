#include "object_download.h"

#include "part_file.h"

#include "transfer/bandwidth_limiter.h"
#include "transfer/request_slots.h"

#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

struct FinishOutcome {
    VerificationOutcome verification;
    QString finalizeError;
    bool abandoned = false;
};

} // namespace

ObjectDownload::ObjectDownload(client::S3Client *client, DownloadRecords *records, ObjectDownloadRequest request,
                               QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_records(records)
    , m_request(std::move(request))
{
    m_request.rangeSize = qMax<qint64>(m_request.rangeSize, 64 * 1024);
    m_request.window = qMax(1, m_request.window);
    m_request.attemptsPerRange = qMax(1, m_request.attemptsPerRange);
    m_partPath = partPathFor(m_request.destination);
}

ObjectDownload::~ObjectDownload()
{
    m_abandoned->store(true);
    stopRequests();
}

QString ObjectDownload::errorMessage() const
{
    return m_error.isError() ? m_error.userMessage() : QString();
}

qint64 ObjectDownload::bytesDone() const
{
    qint64 done = m_finishedBytes;
    for (const Range &range : m_active)
        done += range.received;
    return done;
}

void ObjectDownload::start()
{
    if (m_state == State::Running || m_state == State::Verifying)
        return;
    m_state = State::Running;
    m_error = {};
    m_finishedBytes = 0;
    m_fetched = 0;
    m_resumedRanges = 0;
    m_rangeSize = m_request.rangeSize;

    // A small object the listing already described: one GET brings the bytes, the
    // checksums and Last-Modified, so no HEAD is needed (and nothing to resume).
    if (m_request.listedSize && *m_request.listedSize <= m_rangeSize && !m_request.listedEtag.isEmpty()) {
        m_singleGet = true;
        m_size = *m_request.listedSize;
        m_head.etag = m_request.listedEtag;
        if (const QString problem = preparePartFile(m_partPath, 0); !problem.isEmpty())
            return failLocally(problem);
        m_pending.append(Range{0, 0, m_size, 0, 0, {}});
        return pump();
    }
    m_singleGet = false;
    m_client->headObject({m_request.bucket, m_request.key, m_request.versionId, {}})
        ->onFinished(this, [this](const client::Result<client::ObjectHead> &result) {
            if (m_state != State::Running)
                return;
            if (!result)
                return fail(result.error());
            onHead(result.value());
        });
}

void ObjectDownload::onHead(const client::ObjectHead &head)
{
    m_head = head;
    m_size = head.contentLength;
    const auto record = m_records->find(m_request.destination);
    const bool resumable = record && record->etag == head.etag && record->size == m_size && record->rangeSize > 0
        && QFileInfo(m_partPath).size() == m_size;
    QSet<int> finished;
    if (resumable) {
        m_rangeSize = record->rangeSize;
        finished = record->finishedRanges;
    } else {
        if (const QString problem = preparePartFile(m_partPath, m_size); !problem.isEmpty())
            return failLocally(problem);
        m_records->begin(m_request.destination, DownloadRecord{head.etag, m_size, m_rangeSize, {}});
    }
    const int count = int((m_size + m_rangeSize - 1) / m_rangeSize);
    for (int i = 0; i < count; ++i) {
        const qint64 first = i * m_rangeSize;
        const qint64 length = qMin(m_rangeSize, m_size - first);
        if (finished.contains(i)) {
            m_finishedBytes += length;
            ++m_resumedRanges;
        } else {
            m_pending.append(Range{i, first, length, 0, 0, {}});
        }
    }
    emitProgress();
    if (m_pending.isEmpty())
        return startVerification();
    pump();
}

void ObjectDownload::pump()
{
    while (m_state == State::Running && m_active.size() + m_waitingForSlot < m_request.window && !m_pending.isEmpty()) {
        if (m_bandwidth && !m_bandwidth->hasCredit()) {
            // Paced: the next range starts once the limiter is out of debt.
            connect(m_bandwidth, &BandwidthLimiter::refilled, this, &ObjectDownload::pump, Qt::UniqueConnection);
            return;
        }
        Range range = m_pending.takeFirst();
        if (m_bandwidth)
            m_bandwidth->charge(range.length);
        if (!m_slots) {
            startRange(range);
            continue;
        }
        ++m_waitingForSlot;
        m_slots->acquire(this, [this, range] {
            --m_waitingForSlot;
            ++m_slotsHeld;
            if (m_state != State::Running)
                return releaseSlot();
            startRange(range);
        });
    }
}

void ObjectDownload::releaseSlot()
{
    if (m_slots && m_slotsHeld > 0) {
        --m_slotsHeld;
        m_slots->release();
    }
}

void ObjectDownload::startRange(Range range)
{
    auto *file = new QFile(m_partPath);
    if (!file->open(QIODevice::ReadWrite | QIODevice::ExistingOnly) || !file->seek(range.first)) {
        const QString why = file->errorString();
        delete file;
        return failLocally(u"%1 could not be opened for writing (%2); check the disk and its permissions."_s
                               .arg(m_partPath, why));
    }
    client::GetObjectParams params;
    params.bucket = m_request.bucket;
    params.key = m_request.key;
    params.versionId = m_request.versionId;
    if (!m_singleGet)
        params.range = client::ByteRange{range.first, range.first + range.length - 1, {}};
    // Never mix bytes of two versions of the object.
    params.conditions.ifMatch = m_head.etag;
    auto *reply = m_client->getObject(params, file);
    file->setParent(reply); // the client writes into it until the reply is gone
    range.reply = reply;
    range.received = 0;
    const int index = range.index;
    const qint64 first = range.first;
    m_active.insert(index, range);
    connect(reply, &client::S3Call::progress, this, [this, index](qint64 done, qint64) {
        const auto it = m_active.find(index);
        if (it != m_active.end()) {
            it->received = done;
            emitProgress();
        }
    });
    reply->onFinished(this, [this, index, file, first](const client::Result<client::ObjectHead> &result) {
        const qint64 written = file->pos() - first;
        const bool flushed = file->flush();
        file->close();
        onRangeFinished(index, result, flushed ? written : -1);
    });
}

void ObjectDownload::onRangeFinished(int index, const client::Result<client::ObjectHead> &result, qint64 written)
{
    Range range = m_active.take(index);
    releaseSlot();
    if (m_state != State::Running)
        return;
    if (result && written == range.length && (!m_singleGet || result->contentLength == m_size)) {
        m_finishedBytes += range.length;
        m_fetched += range.length;
        if (m_singleGet)
            m_head = result.value();
        else
            m_records->rangeFinished(m_request.destination, index);
        emitProgress();
        // Ranges waiting for a global slot are neither active nor pending: wait for them too.
        if (m_active.isEmpty() && m_pending.isEmpty() && m_waitingForSlot == 0)
            return startVerification();
        return pump();
    }
    if (written < 0)
        return failLocally(u"Writing to %1 failed; is the disk full?"_s.arg(m_partPath));
    s3::S3Error error = result ? s3::S3Error::integrity(u"The server sent %1 bytes for a range of %2."_s
                                                          .arg(written).arg(range.length))
                               : result.error();
    if (error.httpStatus == 412) {
        // The ETag no longer matches: the object was replaced while we were reading it.
        m_records->remove(m_request.destination);
        QFile::remove(m_partPath);
        error.kind = s3::S3Error::Kind::Integrity;
        error.detail = u"The object changed on the server while it was being downloaded. The partial file "
                       "was removed; download it again to get the new version."_s;
        return fail(error);
    }
    if ((error.isRetryable() || error.kind == s3::S3Error::Kind::Integrity) && ++range.attempt < m_request.attemptsPerRange) {
        m_pending.prepend(range);
        return pump();
    }
    fail(error);
}

void ObjectDownload::startVerification()
{
    m_state = State::Verifying;
    emitProgress();
    const DownloadExpectation expected = expectationFor(m_head);
    const QString part = m_partPath;
    const QString destination = m_request.destination;
    const QDateTime lastModified = m_head.lastModified;
    const auto abandoned = m_abandoned;
    // Hashing and fsync read and flush the whole file: keep them off this thread.
    QtConcurrent::run([part, destination, expected, lastModified, abandoned] {
        FinishOutcome outcome;
        outcome.verification = verifyFile(part, expected);
        if (!outcome.verification.matches) {
            QFile::remove(part); // never leave corrupt bytes behind, not even as .part
            return outcome;
        }
        if (abandoned->load()) {
            outcome.abandoned = true;
            return outcome;
        }
        outcome.finalizeError = finalizePartFile(part, destination, lastModified);
        return outcome;
    }).then(this, [this](const FinishOutcome &outcome) {
        if (m_state != State::Verifying || outcome.abandoned)
            return;
        if (!outcome.verification.matches) {
            m_records->remove(m_request.destination);
            return fail(s3::S3Error::integrity(
                u"%1 was downloaded but %2. Nothing was written to %3 and the partial file was removed."_s
                    .arg(m_request.key, outcome.verification.summary, m_request.destination)));
        }
        if (!outcome.finalizeError.isEmpty())
            return failLocally(outcome.finalizeError);
        m_records->remove(m_request.destination);
        m_verification = outcome.verification;
        finish(State::Finished);
    });
}

void ObjectDownload::cancel()
{
    if (m_state != State::Running && m_state != State::Verifying)
        return;
    m_abandoned->store(true);
    stopRequests();
    m_error = s3::S3Error::canceled();
    finish(State::Canceled);
}

void ObjectDownload::fail(s3::S3Error error)
{
    stopRequests();
    if (m_singleGet)
        QFile::remove(m_partPath); // one request, nothing worth resuming
    m_error = error.withBucket(m_request.bucket).withKey(m_request.key);
    finish(State::Failed);
}

void ObjectDownload::failLocally(const QString &sentence)
{
    fail(s3::S3Error::local(sentence));
}

void ObjectDownload::finish(State state)
{
    m_state = state;
    Q_EMIT finished();
}

void ObjectDownload::stopRequests()
{
    const auto active = m_active;
    m_active.clear();
    m_pending.clear();
    if (m_slots) {
        m_slots->cancelWaits(this);
        m_waitingForSlot = 0;
        while (m_slotsHeld > 0)
            releaseSlot();
    }
    for (const Range &range : active) {
        if (range.reply) {
            disconnect(range.reply, nullptr, this, nullptr);
            range.reply->cancel();
        }
    }
}

void ObjectDownload::emitProgress()
{
    Q_EMIT progress(bytesDone(), m_size);
}

} // namespace coffer::transfer
