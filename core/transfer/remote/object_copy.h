#pragma once
// Server-side copy of one object on one endpoint (within a bucket or across buckets):
// CopyObject up to the plan's single-copy limit (5 GiB), above it a multipart upload of
// UploadPartCopy ranges cut by the engine's PartPlan (equal parts, legal on R2), which
// carries the source's content headers and metadata over explicitly. No byte passes
// through this machine.
//
// The copy is verified before it counts: the destination's size must equal the source's,
// and its ETag too when both are plain MD5s (or a full-object checksum both sides have).
// A move deletes the source only after that verification, so a failed copy never loses
// the only copy.

#include "transfer/part_plan.h"

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QHash>
#include <QObject>
#include <QPointer>

namespace coffer::transfer {

struct ObjectCopyRequest {
    client::CopySource source;
    QString bucket;
    QString key;
    bool deleteSource = false; // a move
    qint64 preferredPartSize = 16 * kMiB;
    int window = 4;            // UploadPartCopy requests in flight
    PartLimits limits{};       // tests lower maxSingleCopy to reach UploadPartCopy
};

class ObjectCopy : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Verifying, Finished, Failed, Canceled };
    Q_ENUM(State)

    // client is not owned and must outlive the copy.
    ObjectCopy(client::S3Client *client, ObjectCopyRequest request, QObject *parent = nullptr);
    // Stops requests in flight and aborts a multipart upload it started.
    ~ObjectCopy() override;

    void start();
    void cancel();

    State state() const { return m_state; }
    const ObjectCopyRequest &request() const { return m_request; }
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

private:
    void onSourceHead(const client::ObjectHead &head);
    void copyWhole();
    void startMultipart();
    void pumpParts();
    void complete();
    void verify();
    void deleteSource();
    void fail(s3::S3Error error);
    void finish(State state);
    void stopCalls();
    void abortUpload();
    void track(client::S3Call *call);

    client::S3Client *m_client;
    ObjectCopyRequest m_request;
    State m_state = State::Idle;
    s3::S3Error m_error;
    client::ObjectHead m_head;
    std::optional<PartPlan> m_plan;
    QString m_uploadId;
    int m_nextPart = 1;
    int m_partsInFlight = 0;
    QHash<int, s3::CompletedPart> m_parts;
    qint64 m_done = 0;
    QString m_verification;
    QList<QPointer<client::S3Call>> m_calls;
};

} // namespace coffer::transfer
