#include "object_upload.h"

#include "bandwidth_limiter.h"
#include "file_range_device.h"
#include "part_hasher.h"
#include "lcTransfer.h"
#include "request_slots.h"

#include "client/s3_client.h"
#include "s3/checksum/multipart.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <filesystem>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

// A file whose bytes keep changing under us is given up on after this many restarts.
constexpr int kMaxRestarts = 3;

// Nanoseconds of the file's modification time (on the filesystem clock: a fingerprint
// only ever compares with itself).
qint64 modificationNs(const QString &path)
{
#ifdef Q_OS_WIN
    const std::filesystem::path native(path.toStdWString());
#else
    const std::filesystem::path native(QFile::encodeName(path).toStdString());
#endif
    std::error_code error;
    const auto time = std::filesystem::last_write_time(native, error);
    if (error)
        return 0;
    return qint64(std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count());
}

} // namespace

ObjectUpload::ObjectUpload(Setup setup, QObject *parent)
    : QObject(parent)
    , m_setup(std::move(setup))
    , m_gate(m_setup.environment.requestSlots)
{
    if (m_setup.environment.settings)
        m_algorithm = m_setup.environment.settings->checksum;
}

ObjectUpload::~ObjectUpload()
{
    stop();
}

qint64 ObjectUpload::bytesDone() const
{
    qint64 done = m_doneBytes + m_singleSent;
    for (const PartState &part : m_inFlight)
        done += part.sent;
    return done;
}

void ObjectUpload::stop()
{
    m_stopped = true;
    cancelRequests();
}

void ObjectUpload::cancelRequests()
{
    ++m_epoch;
    if (m_gate)
        m_gate->cancelWaits(this);
    const auto calls = std::exchange(m_calls, {});
    for (const QPointer<client::S3Call> &call : calls) {
        if (!call)
            continue;
        disconnect(call, nullptr, this, nullptr);
        call->cancel();
    }
    while (m_slotsHeld > 0)
        releaseSlot();
    for (int i = m_inFlight.size() - 1; i >= 0; --i)
        m_pending.push_front(m_inFlight[i].number);
    m_inFlight.clear();
    m_singleSent = 0;
}

void ObjectUpload::releaseSlot()
{
    if (m_slotsHeld <= 0)
        return;
    --m_slotsHeld;
    if (m_gate)
        m_gate->release();
}

void ObjectUpload::acquireSlot(std::function<void()> then)
{
    RequestSlots *gate = m_gate;
    if (!gate) {
        then();
        return;
    }
    const quint64 epoch = m_epoch;
    gate->acquire(this, [this, epoch, then = std::move(then)] {
        ++m_slotsHeld;
        if (epoch != m_epoch || m_stopped || m_finished) {
            releaseSlot();
            return;
        }
        then();
    });
}

s3::S3Error ObjectUpload::localError(const QString &text) const
{
    return s3::S3Error::local(text).withBucket(m_setup.destination.bucket).withKey(m_setup.destination.key);
}

void ObjectUpload::finishWith(const s3::S3Error &error)
{
    if (m_finished || m_stopped)
        return;
    m_finished = true;
    cancelRequests();
    Q_EMIT failed(error);
}

bool ObjectUpload::inspectSource(SourceFingerprint *fingerprint)
{
    const QString &path = m_setup.localPath;
    const QFileInfo info(path);
    if (!info.exists()) {
        finishWith(localError(tr("Can't read %1: the file no longer exists (it was moved or deleted). "
                                 "Put it back, or remove this transfer.")
                                  .arg(path)));
        return false;
    }
    if (info.isDir()) {
        finishWith(localError(tr("Can't upload %1 as a file: it is a folder.").arg(path)));
        return false;
    }
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        finishWith(localError(tr("Can't read %1: %2. Check the file's permissions.")
                                  .arg(path, probe.errorString().toLower())));
        return false;
    }
    fingerprint->size = probe.size();
    fingerprint->mtimeNs = modificationNs(path);
    return true;
}

bool ObjectUpload::sourceUnchanged()
{
    const QFileInfo info(m_setup.localPath);
    if (!info.exists()) {
        finishWith(localError(tr("Can't read %1: the file disappeared while it was being uploaded. "
                                 "Nothing was stored under %2; put the file back and retry.")
                                  .arg(m_setup.localPath, m_setup.destination.key)));
        return false;
    }
    if (info.size() != m_fingerprint.size || modificationNs(m_setup.localPath) != m_fingerprint.mtimeNs) {
        restartFromScratch(tr("%1 changed while it was being uploaded, so the upload restarts from the "
                              "beginning (the parts already sent are discarded).")
                               .arg(m_setup.localPath));
        return false;
    }
    return true;
}

void ObjectUpload::start()
{
    m_stopped = false;
    m_finished = false;
    if (!inspectSource(&m_fingerprint))
        return;
    m_size = m_fingerprint.size;
    TransferJournal *journal = m_setup.jobId != 0 ? m_setup.environment.journal : nullptr;
    const std::optional<ItemRecord> item = journal ? journal->item(m_setup.jobId, m_setup.item) : std::nullopt;
    if (item && item->done && item->fingerprint == m_fingerprint) {
        m_doneBytes = m_size;
        Q_EMIT progressed();
        Q_EMIT succeeded();
        return;
    }
    if (item && !item->uploadId.isEmpty()) {
        if (item->fingerprint != m_fingerprint) {
            m_uploadId = item->uploadId;
            restartFromScratch(tr("%1 changed since its upload began, so the upload restarts from the "
                                  "beginning (the parts already sent are discarded).")
                                   .arg(m_setup.localPath));
            return;
        }
        resumeMultipart(*item);
        return;
    }
    beginFresh();
}

void ObjectUpload::beginFresh()
{
    PartLimits limits;
    limits.maxSinglePut = qMin(limits.maxSinglePut, m_setup.options.maxSinglePut);
    const TransferSettings defaults;
    const TransferSettings &settings = m_setup.environment.settings ? *m_setup.environment.settings : defaults;
    m_algorithm = settings.checksum;
    const PlanOutcome outcome = planUpload(m_size, settings.multipartThreshold, settings.preferredPartSize, limits);
    if (!outcome.plan) {
        finishWith(localError(outcome.error));
        return;
    }
    m_plan = outcome.plan;
    m_doneParts.clear();
    m_doneBytes = 0;
    m_pending.clear();
    if (m_plan->isMultipart())
        beginMultipart();
    else
        beginSingle();
}

void ObjectUpload::restartFromScratch(const QString &why)
{
    if (++m_restarts > kMaxRestarts) {
        finishWith(localError(tr("%1 keeps changing while it is uploaded. Wait until nothing writes to it "
                                 "any more, then retry.")
                                  .arg(m_setup.localPath)));
        return;
    }
    Q_EMIT notice(why);
    cancelRequests();
    m_pending.clear();
    const QString oldUpload = std::exchange(m_uploadId, {});
    if (!oldUpload.isEmpty() && m_setup.client) {
        // Never mixed: the old parts are thrown away on the server too.
        m_setup.client->abortMultipartUpload({m_setup.destination.bucket, m_setup.destination.key, oldUpload});
    }
    if (m_setup.jobId != 0 && m_setup.environment.journal)
        m_setup.environment.journal->resetItem(m_setup.jobId, m_setup.item);
    m_plan.reset();
    if (!inspectSource(&m_fingerprint))
        return;
    m_size = m_fingerprint.size;
    beginFresh();
}

bool ObjectUpload::isPartRetryable(const s3::S3Error &error) const
{
    // A body that arrived damaged (BadDigest) or a checksum we refuse is worth sending again.
    return error.isRetryable() || error.kind == s3::S3Error::Kind::Integrity || error.code == "BadDigest"_L1
        || error.code == "XAmzContentSHA256Mismatch"_L1 || error.code == "IncompleteBody"_L1;
}

void ObjectUpload::retryLater(int attempt, std::function<void()> again)
{
    const TransferSettings defaults;
    const TransferSettings &settings = m_setup.environment.settings ? *m_setup.environment.settings : defaults;
    const qint64 base = settings.retryBaseDelay.count();
    const qint64 delay = qMin<qint64>(settings.retryMaxDelay.count(), base << qMin(attempt - 1, 20));
    const quint64 epoch = m_epoch;
    QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, epoch, again = std::move(again)] {
        if (epoch == m_epoch && !m_stopped && !m_finished)
            again();
    });
}

// --- Single PUT ---

void ObjectUpload::beginSingle()
{
    const quint64 epoch = m_epoch;
    hashFileRange(m_setup.localPath, 0, m_size, m_algorithm)
        .then(this, [this, epoch](const RangeChecksum &sum) {
            if (epoch != m_epoch || m_stopped || m_finished)
                return;
            if (sum.base64.isEmpty()) {
                finishWith(localError(tr("Can't read %1: %2").arg(m_setup.localPath, sum.error)));
                return;
            }
            sendSingle(sum.base64, 1);
        });
}

void ObjectUpload::sendSingle(const QByteArray &checksumBase64, int attempt)
{
    acquireSlot([this, checksumBase64, attempt] {
        if (!sourceUnchanged()) {
            releaseSlot();
            return;
        }
        auto *device = new FileRangeDevice(m_setup.localPath, 0, m_size, m_setup.environment.bandwidth);
        if (!device->open(QIODevice::ReadOnly)) {
            const QString why = device->errorString();
            delete device;
            releaseSlot();
            finishWith(localError(tr("Can't read %1: %2").arg(m_setup.localPath, why)));
            return;
        }
        QIODevice *body = m_setup.environment.bodyTap ? m_setup.environment.bodyTap(device, 0) : device;
        client::PutObjectParams params;
        params.bucket = m_setup.destination.bucket;
        params.key = m_setup.destination.key;
        params.body = body;
        params.size = m_size;
        params.attributes = m_setup.options.attributes;
        params.checksumAlgorithm = m_algorithm;
        params.checksumBase64 = checksumBase64;
        auto *reply = m_setup.client->putObject(params);
        device->setParent(reply);
        m_calls.append(reply);
        connect(reply, &client::S3Call::progress, this, [this](qint64 sent, qint64) {
            m_singleSent = sent;
            Q_EMIT progressed();
        });
        reply->onFinished(this, [this, checksumBase64, attempt](const client::Result<client::PutObjectResult> &result) {
            releaseSlot();
            m_singleSent = 0;
            s3::S3Error error = result.error();
            if (result.ok()) {
                const QString echoed = checksumIn(result->checksums, m_algorithm);
                if (!echoed.isEmpty() && echoed.toLatin1() != checksumBase64) {
                    error = s3::S3Error::integrity(tr("the server stored a different checksum than the file has."))
                                .withBucket(m_setup.destination.bucket)
                                .withKey(m_setup.destination.key);
                }
            }
            if (!error.isError()) {
                m_doneBytes = m_size;
                if (m_setup.jobId != 0 && m_setup.environment.journal) {
                    ItemRecord item;
                    item.item = m_setup.item;
                    item.fingerprint = m_fingerprint;
                    item.done = true;
                    m_setup.environment.journal->saveItem(m_setup.jobId, item);
                }
                m_finished = true;
                Q_EMIT progressed();
                Q_EMIT succeeded();
                return;
            }
            if (isPartRetryable(error) && attempt < partAttempts())
                retryLater(attempt, [this, checksumBase64, attempt] { sendSingle(checksumBase64, attempt + 1); });
            else
                finishWith(error);
        });
    });
}

int ObjectUpload::partAttempts() const
{
    return m_setup.environment.settings ? qMax(1, m_setup.environment.settings->partAttempts) : 5;
}

// --- Multipart ---

void ObjectUpload::beginMultipart(int attempt)
{
    client::CreateMultipartUploadParams params;
    params.bucket = m_setup.destination.bucket;
    params.key = m_setup.destination.key;
    params.attributes = m_setup.options.attributes;
    params.checksumAlgorithm = m_algorithm;
    auto *reply = m_setup.client->createMultipartUpload(params);
    m_calls.append(reply);
    reply->onFinished(this, [this, attempt](const client::Result<s3::InitiateMultipartUploadResult> &result) {
        if (!result.ok()) {
            if (result.error().isRetryable() && attempt < partAttempts())
                retryLater(attempt, [this, attempt] { beginMultipart(attempt + 1); });
            else
                finishWith(result.error());
            return;
        }
        m_uploadId = result->uploadId;
        if (m_setup.jobId != 0 && m_setup.environment.journal) {
            ItemRecord item;
            item.item = m_setup.item;
            item.fingerprint = m_fingerprint;
            item.uploadId = m_uploadId;
            item.partSize = m_plan->partSize;
            item.checksum = m_algorithm;
            m_setup.environment.journal->saveItem(m_setup.jobId, item);
        }
        for (int n = 1; n <= m_plan->partCount; ++n)
            m_pending.push_back(n);
        pumpParts();
    });
}

void ObjectUpload::resumeMultipart(const ItemRecord &item)
{
    if (item.partSize <= 0 || item.fingerprint.size != m_size) {
        m_uploadId = item.uploadId;
        restartFromScratch(tr("The saved state of %1's upload is unusable, so the upload restarts.")
                               .arg(m_setup.localPath));
        return;
    }
    PartPlan plan;
    plan.method = PartPlan::Method::Multipart;
    plan.objectSize = m_size;
    plan.partSize = item.partSize;
    plan.partCount = int((m_size + item.partSize - 1) / item.partSize);
    m_plan = plan;
    m_uploadId = item.uploadId;
    if (item.checksum)
        m_algorithm = *item.checksum;
    listServerParts(0, m_setup.environment.journal->parts(m_setup.jobId, m_setup.item), {});
}

void ObjectUpload::listServerParts(int marker, QList<PartRecord> journaled, QList<s3::PartEntry> listed)
{
    client::ListPartsParams params;
    params.bucket = m_setup.destination.bucket;
    params.key = m_setup.destination.key;
    params.uploadId = m_uploadId;
    if (marker > 0)
        params.partNumberMarker = marker;
    auto *reply = m_setup.client->listParts(params);
    m_calls.append(reply);
    reply->onFinished(this, [this, journaled, listed](const client::Result<s3::ListPartsPage> &result) mutable {
        if (!result.ok()) {
            if (result.error().code == "NoSuchUpload"_L1) {
                m_uploadId.clear(); // gone already: nothing to abort
                restartFromScratch(tr("The unfinished upload of %1 is no longer on the server (it expired or "
                                      "was aborted), so the upload starts again.")
                                       .arg(m_setup.localPath));
            } else {
                finishWith(result.error());
            }
            return;
        }
        listed.append(result->parts);
        if (result->isTruncated && result->nextPartNumberMarker) {
            listServerParts(*result->nextPartNumberMarker, journaled, listed);
            return;
        }
        // A part counts as done only when the journal recorded it and the server still holds
        // the same bytes (same ETag and size). Parts the server holds but the journal never
        // confirmed are sent again: their checksum was never compared.
        QSet<int> done;
        for (const PartRecord &part : std::as_const(journaled)) {
            const auto match = std::find_if(listed.cbegin(), listed.cend(), [&part](const s3::PartEntry &entry) {
                return entry.partNumber == part.partNumber && entry.etag == part.etag && entry.size == part.size;
            });
            if (match != listed.cend() && part.size == m_plan->sizeOf(part.partNumber)) {
                m_doneParts.append(part);
                m_doneBytes += part.size;
                done.insert(part.partNumber);
            }
        }
        for (int n = 1; n <= m_plan->partCount; ++n) {
            if (!done.contains(n))
                m_pending.push_back(n);
        }
        Q_EMIT progressed();
        pumpParts();
    });
}

ObjectUpload::PartState *ObjectUpload::inFlight(int number)
{
    for (PartState &part : m_inFlight) {
        if (part.number == number)
            return &part;
    }
    return nullptr;
}

void ObjectUpload::pumpParts()
{
    if (m_stopped || m_finished)
        return;
    const int window = m_setup.environment.settings ? qMax(1, m_setup.environment.settings->partWindow) : 4;
    while (m_inFlight.size() < window && !m_pending.empty()) {
        const int number = m_pending.front();
        m_pending.pop_front();
        m_inFlight.append({number, 0, 0, {}});
        hashPart(number);
        if (m_stopped || m_finished || m_inFlight.isEmpty())
            return;
    }
    if (m_inFlight.isEmpty() && m_pending.empty())
        complete();
}

void ObjectUpload::hashPart(int number)
{
    if (!sourceUnchanged())
        return;
    const quint64 epoch = m_epoch;
    hashFileRange(m_setup.localPath, m_plan->offsetOf(number), m_plan->sizeOf(number), m_algorithm)
        .then(this, [this, epoch, number](const RangeChecksum &sum) {
            if (epoch != m_epoch || m_stopped || m_finished)
                return;
            if (sum.base64.isEmpty()) {
                finishWith(localError(tr("Can't read %1: %2").arg(m_setup.localPath, sum.error)));
                return;
            }
            if (PartState *part = inFlight(number)) {
                part->checksumBase64 = sum.base64;
                acquireSlot([this, number] { sendPart(number); });
            }
        });
}

void ObjectUpload::sendPart(int number)
{
    PartState *part = inFlight(number);
    if (!part) {
        releaseSlot();
        return;
    }
    ++part->attempts;
    part->sent = 0;
    auto *device = new FileRangeDevice(m_setup.localPath, m_plan->offsetOf(number), m_plan->sizeOf(number),
                                       m_setup.environment.bandwidth);
    if (!device->open(QIODevice::ReadOnly)) {
        const QString why = device->errorString();
        delete device;
        releaseSlot();
        if (sourceUnchanged())
            finishWith(localError(tr("Can't read %1: %2").arg(m_setup.localPath, why)));
        return;
    }
    QIODevice *body = m_setup.environment.bodyTap ? m_setup.environment.bodyTap(device, number) : device;
    client::UploadPartParams params;
    params.bucket = m_setup.destination.bucket;
    params.key = m_setup.destination.key;
    params.uploadId = m_uploadId;
    params.partNumber = number;
    params.body = body;
    params.size = m_plan->sizeOf(number);
    params.checksumAlgorithm = m_algorithm;
    params.checksumBase64 = part->checksumBase64;
    auto *reply = m_setup.client->uploadPart(params);
    device->setParent(reply);
    m_calls.append(reply);
    connect(reply, &client::S3Call::progress, this, [this, number](qint64 sent, qint64) {
        if (PartState *p = inFlight(number)) {
            p->sent = sent;
            Q_EMIT progressed();
        }
    });
    reply->onFinished(this, [this, number](const client::Result<client::UploadPartResult> &result) {
        releaseSlot();
        if (result.ok())
            partFinished(number, {}, result->etag, checksumIn(result->checksums, m_algorithm).toLatin1());
        else
            partFinished(number, result.error(), {}, {});
    });
}

void ObjectUpload::partFinished(int number, const s3::S3Error &error, const QString &etag,
                                const QByteArray &serverChecksum)
{
    PartState *part = inFlight(number);
    if (!part)
        return;
    s3::S3Error problem = error;
    if (!problem.isError() && !serverChecksum.isEmpty() && serverChecksum != part->checksumBase64) {
        problem = s3::S3Error::integrity(tr("the server computed a different checksum for part %1.").arg(number))
                      .withBucket(m_setup.destination.bucket)
                      .withKey(m_setup.destination.key);
    }
    if (!problem.isError()) {
        const PartRecord record{number, m_plan->sizeOf(number), etag, part->checksumBase64};
        // Recorded only now, after the server confirmed the bytes: a crash before this line
        // means the part is sent again, never that a bad part is trusted.
        if (m_setup.jobId != 0 && m_setup.environment.journal)
            m_setup.environment.journal->addPart(m_setup.jobId, m_setup.item, record);
        m_doneParts.append(record);
        m_doneBytes += record.size;
        m_inFlight.removeIf([number](const PartState &p) { return p.number == number; });
        Q_EMIT progressed();
        pumpParts();
        return;
    }
    part->sent = 0;
    Q_EMIT progressed();
    if (problem.code == "NoSuchUpload"_L1) {
        m_uploadId.clear();
        restartFromScratch(tr("The upload of %1 disappeared from the server, so it starts again.")
                               .arg(m_setup.localPath));
        return;
    }
    if (isPartRetryable(problem) && part->attempts < partAttempts()) {
        qCDebug(lcTransfer) << "retrying part" << number << "after" << problem.userMessage();
        retryLater(part->attempts, [this, number] { acquireSlot([this, number] { sendPart(number); }); });
        return;
    }
    finishWith(problem);
}

void ObjectUpload::complete(int attempt)
{
    Q_EMIT completing();
    client::CompleteMultipartUploadParams params;
    params.bucket = m_setup.destination.bucket;
    params.key = m_setup.destination.key;
    params.uploadId = m_uploadId;
    QList<PartRecord> parts = m_doneParts;
    std::sort(parts.begin(), parts.end(), [](const PartRecord &a, const PartRecord &b) {
        return a.partNumber < b.partNumber;
    });
    QList<QByteArray> rawChecksums;
    for (const PartRecord &part : std::as_const(parts)) {
        s3::CompletedPart completed;
        completed.partNumber = part.partNumber;
        completed.etag = part.etag;
        setChecksumIn(completed.checksums, m_algorithm, QString::fromLatin1(part.checksumBase64));
        params.parts.append(completed);
        rawChecksums.append(QByteArray::fromBase64(part.checksumBase64));
    }
    const QByteArray composite = s3::compositeChecksum(m_algorithm, rawChecksums);
    auto *reply = m_setup.client->completeMultipartUpload(params);
    m_calls.append(reply);
    reply->onFinished(this, [this, attempt, composite](const client::Result<s3::CompleteMultipartUploadResult> &result) {
        if (!result.ok()) {
            const s3::S3Error &error = result.error();
            if (error.isRetryable() && attempt < partAttempts()) {
                retryLater(attempt, [this, attempt] { complete(attempt + 1); });
            } else if (error.code == "InvalidPart"_L1 || error.code == "NoSuchUpload"_L1) {
                if (error.code == "NoSuchUpload"_L1)
                    m_uploadId.clear();
                restartFromScratch(tr("The server no longer holds every part of %1, so the upload restarts.")
                                       .arg(m_setup.localPath));
            } else {
                finishWith(error);
            }
            return;
        }
        // A composite checksum ("...-N") must be the one our parts add up to.
        const QString echoed = checksumIn(result->checksums, m_algorithm);
        if (echoed.contains(u'-') && echoed.toLatin1() != composite) {
            finishWith(s3::S3Error::integrity(tr("the object's checksum on the server (%1) is not the one its "
                                                 "parts add up to (%2).")
                                                  .arg(echoed, QString::fromLatin1(composite)))
                           .withBucket(m_setup.destination.bucket)
                           .withKey(m_setup.destination.key));
            return;
        }
        if (m_setup.jobId != 0 && m_setup.environment.journal)
            m_setup.environment.journal->markItemDone(m_setup.jobId, m_setup.item);
        m_uploadId.clear();
        m_finished = true;
        Q_EMIT progressed();
        Q_EMIT succeeded();
    });
}

void ObjectUpload::abort(const QObject *context, std::function<void()> done, const QString &knownUploadId)
{
    stop();
    TransferJournal *journal = m_setup.jobId != 0 ? m_setup.environment.journal : nullptr;
    QString uploadId = m_uploadId.isEmpty() ? knownUploadId : m_uploadId;
    if (uploadId.isEmpty() && journal) {
        if (const auto item = journal->item(m_setup.jobId, m_setup.item))
            uploadId = item->uploadId;
    }
    const qint64 jobId = m_setup.jobId;
    const QString itemName = m_setup.item;
    auto finish = [journal, jobId, itemName, done = std::move(done)] {
        if (journal)
            journal->resetItem(jobId, itemName);
        done();
    };
    if (uploadId.isEmpty() || !m_setup.client) {
        finish();
        return;
    }
    m_setup.client->abortMultipartUpload({m_setup.destination.bucket, m_setup.destination.key, uploadId})
        ->onFinished(context, [finish = std::move(finish)](const client::Result<client::Done> &) { finish(); });
}

} // namespace coffer::transfer
