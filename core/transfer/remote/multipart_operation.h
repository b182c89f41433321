#pragma once
// What ObjectCopy and CrossCopy share: a copy of one source object that may become a
// multipart upload on the destination. It tracks the calls in flight so cancel() and
// failure stop them all, aborts the multipart upload it started (parts left behind cost
// money), keeps the completed parts in order, and reports state, progress and the error.
// The subclasses decide how bytes travel and how the copy is verified.

#include "transfer/part_plan.h"
#include "transfer/request_slots.h"

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace coffer::transfer {

class MultipartOperation : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Verifying, Finished, Failed, Canceled };
    Q_ENUM(State)

    // Stops requests in flight and aborts a multipart upload it started.
    ~MultipartOperation() override;

    // The engine's global cap on requests in flight: every part (and a whole-object
    // copy) holds one slot while it is on the wire. Not owned; may be null. Set before
    // start().
    void setRequestSlots(RequestSlots *gate) { m_slots = gate; }

    void cancel();
    // Stops the calls in flight like cancel(), but keeps the multipart upload when the
    // operation is resumable (see setResumable): a paused job continues from its parts.
    void stop();

    State state() const { return m_state; }
    const s3::S3Error &error() const { return m_error; }
    QString errorMessage() const;
    qint64 bytesTotal() const { return m_head.contentLength; }
    qint64 bytesDone() const { return m_done; }
    std::optional<PartPlan> plan() const { return m_plan; }
    // After Finished: what was compared ("size and ETag match", "size matches; ...").
    QString verification() const { return m_verification; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

protected:
    // destination is not owned and must outlive the operation; bucket and key name the
    // destination object, which errors without a bucket of their own are tagged with.
    MultipartOperation(client::S3Client *destination, QString bucket, QString key, QObject *parent);

    // A resumable operation keeps its journaled multipart upload when it is stopped,
    // destroyed or fails for a reason a retry may overcome; it aborts it only on
    // cancel() or when its bytes cannot be trusted (an integrity failure).
    void setResumable(bool resumable) { m_resumable = resumable; }
    // Called after the multipart upload was aborted (or found gone): forget it.
    virtual void uploadAborted() {}

    // Resets the bookkeeping and enters Running; false when already under way.
    bool begin();
    void track(client::S3Call *call);
    void fail(s3::S3Error error);
    void finish(State state);
    // The bytes are in place; the copy is being checked before it counts.
    void enterVerifying() { m_state = State::Verifying; }

    // The source's content headers and metadata, for the destination's create request.
    // Not the storage class: only a copy on the same endpoint can keep it.
    static client::ObjectAttributes attributesOf(const client::ObjectHead &head);

    // Starts the multipart upload on the destination, then calls next.
    void createUpload(const client::CreateMultipartUploadParams &params, std::function<void()> next);
    // Starts the parts not yet copied while fewer than window are in flight: each first
    // takes a global request slot, then send(number) runs (from the event loop when it
    // had to wait). The part holds its window place and slot until endPart().
    void startParts(int window, const std::function<void(int number)> &send);
    // A part is answered (successfully or not): it leaves the window, its slot is freed.
    void endPart();
    // Runs then() once a global request slot is held (at once without a gate); the
    // caller gives it back with releaseSlot(). Failing or canceling frees every slot.
    void withSlot(std::function<void()> then);
    void releaseSlot();
    // A part a previous run copied (confirmed by the journal and the server): counted as
    // done, never sent again.
    void partResumed(int number, const QString &etag, const s3::Checksums &checksums, qint64 size);
    bool isPartCopied(int number) const { return m_parts.contains(number); }
    // Records a copied part; true when it was the last one.
    bool partCopied(int number, const QString &etag, const s3::Checksums &checksums, qint64 size);
    // Completes the upload from the recorded parts, then calls next.
    void completeUpload(std::function<void()> next);

    client::ObjectHead m_head;
    std::optional<PartPlan> m_plan;
    QString m_uploadId;
    qint64 m_done = 0;
    QString m_verification;

private:
    void stopCalls();
    void abortUpload();

    client::S3Client *m_destination;
    QString m_bucket;
    QString m_key;
    State m_state = State::Idle;
    s3::S3Error m_error;
    int m_nextPart = 1;
    int m_partsInFlight = 0;
    QHash<int, s3::CompletedPart> m_parts;
    QList<QPointer<client::S3Call>> m_calls;
    // Guarded: an operation deleted later (deleteLater) may outlive the queue's gate.
    QPointer<RequestSlots> m_slots;
    int m_slotsHeld = 0;
    bool m_resumable = false;
};

} // namespace coffer::transfer
