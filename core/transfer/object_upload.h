#pragma once
// The mechanics of putting one local file into one key, shared by UploadFileJob and
// UploadFolderJob: fingerprint and plan, single PUT or multipart through a window of
// parts, per-part checksums computed off the calling thread, retries with backoff, the
// journal item, resume from journal + ListParts, and abort. Deleting it stops it: its
// requests are cancelled, its request slots given back, and no callback arrives later.

#include "job_environment.h"
#include "object_location.h"
#include "part_plan.h"
#include "request_slots.h"
#include "transfer_journal.h"

#include "s3/error/s3error.h"
#include "s3/model/multipart.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <deque>
#include <functional>
#include <optional>

namespace coffer::client {
class S3Call;
class S3Client;
}

namespace coffer::transfer {

class ObjectUpload : public QObject
{
    Q_OBJECT
public:
    struct Setup {
        QString localPath;
        ObjectLocation destination;
        UploadOptions options;
        QString item;     // the journal item name ("" for a single-file job)
        qint64 jobId = 0; // 0: not journaled
        JobEnvironment environment;
        client::S3Client *client = nullptr;
    };
    explicit ObjectUpload(Setup setup, QObject *parent = nullptr);
    ~ObjectUpload() override;

    void start();
    // Cancels what is in flight and gives slots back; nothing is emitted afterwards.
    // The journal keeps the finished parts, so a new ObjectUpload continues from them.
    void stop();
    // Aborts the multipart upload the journal (or this object) knows of, forgets its
    // parts, then calls done (bound to context). Stops the upload first.
    // knownUploadId: an upload id learned elsewhere (a stopped ObjectUpload's), for jobs
    // without a journal.
    void abort(const QObject *context, std::function<void()> done, const QString &knownUploadId = {});
    QString uploadId() const { return m_uploadId; }
    QString item() const { return m_setup.item; }

    qint64 size() const { return m_size; }
    qint64 bytesDone() const;
    std::optional<PartPlan> plan() const { return m_plan; }

Q_SIGNALS:
    void progressed();
    // Every part is on the server; CompleteMultipartUpload is on its way.
    void completing();
    void notice(const QString &text);
    void succeeded();
    void failed(const coffer::s3::S3Error &error);

private:
    struct PartState {
        int number = 0;
        int attempts = 0;
        qint64 sent = 0;           // bytes of this attempt on the wire so far
        QByteArray checksumBase64; // computed from the file
    };

    bool inspectSource(SourceFingerprint *fingerprint);
    bool sourceUnchanged();
    void restartFromScratch(const QString &why);
    void beginFresh();
    void acquireSlot(std::function<void()> then);
    bool isPartRetryable(const s3::S3Error &error) const;
    PartState *inFlight(int number);
    void beginSingle();
    void sendSingle(const QByteArray &checksumBase64, int attempt);
    void beginMultipart(int attempt = 1);
    void resumeMultipart(const ItemRecord &item);
    void listServerParts(int marker, QList<PartRecord> journaled, QList<s3::PartEntry> listed);
    void pumpParts();
    void hashPart(int number);
    void sendPart(int number);
    void partFinished(int number, const s3::S3Error &error, const QString &etag, const QByteArray &serverChecksum);
    void complete(int attempt = 1);
    void retryLater(int attempt, std::function<void()> again);
    void finishWith(const s3::S3Error &error);
    void releaseSlot();
    s3::S3Error localError(const QString &text) const;
    int partAttempts() const;
    void cancelRequests();

    Setup m_setup;
    // Guarded: a stopped upload may be deleted (deleteLater) after the queue that owns the
    // gate is gone.
    QPointer<RequestSlots> m_gate;
    qint64 m_size = 0;
    SourceFingerprint m_fingerprint;
    std::optional<PartPlan> m_plan;
    QString m_uploadId;
    QList<PartRecord> m_doneParts;  // confirmed, journaled
    qint64 m_doneBytes = 0;
    std::deque<int> m_pending;      // part numbers still to send
    QList<PartState> m_inFlight;    // hashing or on the wire
    QList<QPointer<client::S3Call>> m_calls;
    int m_slotsHeld = 0;
    int m_restarts = 0;
    s3::ChecksumAlgorithm m_algorithm = s3::ChecksumAlgorithm::Crc32c;
    qint64 m_singleSent = 0;
    quint64 m_epoch = 0;            // bumped by stop()/restart: late callbacks compare it
    bool m_finished = false;
    bool m_stopped = false;
};

} // namespace coffer::transfer
