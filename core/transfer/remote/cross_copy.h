#pragma once
// Copies one object from one connection to another (S3 -> R2, one account to another),
// streaming through memory without a temporary file: each part is read with a ranged GET
// into a buffer and sent on with UploadPart as soon as it is complete; at most `window`
// parts are held at once, so memory stays below window x part size whatever the object's
// size (the GET of a part waits until a window slot is free: that is the backpressure).
// Objects below the multipart threshold travel as one GET and one PUT.
//
// Integrity: every part carries a checksum the destination verifies on arrival; the
// source side is checked end to end where it has a digest: its MD5 ETag for a single
// request, its full-object CRC (combined from the parts' CRCs) for multipart.

#include "transfer/part_plan.h"
#include "transfer/transfer_settings.h"

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QHash>
#include <QObject>
#include <QPointer>

namespace coffer::transfer {

struct CrossCopyRequest {
    QString sourceBucket;
    QString sourceKey;
    QString bucket;
    QString key;
    qint64 multipartThreshold = 16 * kMiB;
    qint64 preferredPartSize = 16 * kMiB;
    int window = 4;
    s3::ChecksumAlgorithm checksum = s3::ChecksumAlgorithm::Crc32c;
    PartLimits limits{};
};

class CrossCopy : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Verifying, Finished, Failed, Canceled };
    Q_ENUM(State)

    // Neither client is owned; both must outlive the copy.
    CrossCopy(client::S3Client *source, client::S3Client *destination, CrossCopyRequest request,
              QObject *parent = nullptr);
    // Stops requests in flight and aborts a multipart upload it started.
    ~CrossCopy() override;

    void start();
    void cancel();

    State state() const { return m_state; }
    const s3::S3Error &error() const { return m_error; }
    QString errorMessage() const;
    qint64 bytesTotal() const { return m_head.contentLength; }
    qint64 bytesDone() const { return m_done; }
    std::optional<PartPlan> plan() const { return m_plan; }
    QString verification() const { return m_verification; }
    // The most part bytes held in memory at once during this copy.
    qint64 peakBufferedBytes() const { return m_peakBuffered; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished();

private:
    void onSourceHead(const client::ObjectHead &head);
    void copySingle();
    void startMultipart();
    void pumpParts();
    void uploadPart(int number, const QByteArray &bytes);
    void complete();
    void verifyDestination();
    void fail(s3::S3Error error);
    void finish(State state);
    void stopCalls();
    void abortUpload();
    void track(client::S3Call *call);
    void hold(qint64 bytes);

    client::S3Client *m_source;
    client::S3Client *m_destination;
    CrossCopyRequest m_request;
    State m_state = State::Idle;
    s3::S3Error m_error;
    client::ObjectHead m_head;
    std::optional<PartPlan> m_plan;
    QString m_uploadId;
    int m_nextPart = 1;
    int m_inFlight = 0;
    QHash<int, s3::CompletedPart> m_parts;
    QHash<int, quint64> m_sourceCrcs; // per part, in the source's full-object CRC algorithm
    std::optional<s3::ChecksumAlgorithm> m_sourceCrcAlgorithm;
    QByteArray m_sourceCrcExpected;
    qint64 m_done = 0;
    qint64 m_buffered = 0;
    qint64 m_peakBuffered = 0;
    QString m_verification;
    QList<QPointer<client::S3Call>> m_calls;
};

} // namespace coffer::transfer
