#pragma once
// Downloads one object into a local file: parallel ranged GETs (a window of ranges, each
// written at its offset) into `name.part`, verified against the server's full-object
// checksum or MD5 ETag off the calling thread, then fsynced, renamed into place and
// given the server's Last-Modified as its mtime.
//
// Resumable: the records keep the object's ETag and the finished ranges, and the .part
// survives a canceled or destroyed download. A later download of the same destination
// fetches only the ranges still missing, unless the ETag or size changed, in which case
// it starts over. Every ranged GET carries If-Match, so bytes of two versions are never
// mixed. A verification mismatch removes the .part and never produces the final file.

#include "download_record.h"
#include "download_verification.h"

#include "client/s3_client.h"
#include "transfer/bandwidth_limiter.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>

namespace coffer::transfer {

class RequestSlots;

struct ObjectDownloadRequest {
    QString bucket;
    QString key;
    QString versionId{};
    QString destination;                 // the final file path
    qint64 rangeSize = 8LL * 1024 * 1024;
    int window = 4;                      // ranged GETs in flight at once
    int attemptsPerRange = 3;            // on top of the client's own retries
    // What a listing already said (size, ETag, Last-Modified). When the object fits in
    // one range the download then needs a single GET and no HEAD.
    std::optional<qint64> listedSize{};
    QString listedEtag{};
};

class ObjectDownload : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Verifying, Finished, Failed, Canceled };
    Q_ENUM(State)

    // client and records are not owned and must outlive the download.
    ObjectDownload(client::S3Client *client, DownloadRecords *records, ObjectDownloadRequest request,
                   QObject *parent = nullptr);
    // Stops the requests in flight; the .part and the records stay for a later resume.
    ~ObjectDownload() override;

    // The engine's global cap on requests in flight: each ranged GET holds one slot.
    // Not owned; may be null (no global cap). Set before start().
    void setRequestSlots(RequestSlots *gate) { m_slots = gate; }
    // The engine's bandwidth limit: a ranged GET starts only when the limiter has credit
    // and charges its length. Not owned; may be null (unlimited). Set before start().
    void setBandwidthLimiter(BandwidthLimiter *limiter) { m_bandwidth = limiter; }

    void start();
    void cancel();

    State state() const { return m_state; }
    const ObjectDownloadRequest &request() const { return m_request; }
    const s3::S3Error &error() const { return m_error; }
    // The sentence for a person: the S3 error's userMessage(), or what went wrong on the
    // local disk (which has no S3 error of its own).
    QString errorMessage() const;
    qint64 bytesDone() const;
    qint64 bytesTotal() const { return m_size; }
    // Bytes fetched over the network by this run (excludes ranges resumed from disk).
    qint64 bytesFetched() const { return m_fetched; }
    int rangesResumed() const { return m_resumedRanges; }
    // After Finished: how the file was checked ("size and CRC64NVME checksum match",
    // or what could not be verified).
    VerificationOutcome verification() const { return m_verification; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(); // once: Finished, Failed or Canceled

private:
    struct Range {
        int index = 0;
        qint64 first = 0;
        qint64 length = 0;
        int attempt = 0;
        qint64 received = 0;
        QPointer<client::S3Call> reply;
    };

    void onHead(const client::ObjectHead &head);
    void pump();
    void startRange(Range range);
    void onRangeFinished(int index, const client::Result<client::ObjectHead> &result, qint64 written);
    void startVerification();
    void fail(s3::S3Error error);
    void failLocally(const QString &sentence);
    void finish(State state);
    void stopRequests();
    void releaseSlot();
    void emitProgress();

    client::S3Client *m_client;
    DownloadRecords *m_records;
    ObjectDownloadRequest m_request;
    State m_state = State::Idle;
    s3::S3Error m_error;
    client::ObjectHead m_head;
    QString m_partPath;
    qint64 m_size = 0;
    qint64 m_rangeSize = 0;
    qint64 m_finishedBytes = 0;
    qint64 m_fetched = 0;
    int m_resumedRanges = 0;
    bool m_singleGet = false; // the whole object in one unranged GET (head comes with it)
    QList<Range> m_pending;
    QHash<int, Range> m_active; // by range index
    RequestSlots *m_slots = nullptr;
    QPointer<BandwidthLimiter> m_bandwidth;
    int m_slotsHeld = 0;
    int m_waitingForSlot = 0;
    VerificationOutcome m_verification;
    std::shared_ptr<std::atomic_bool> m_abandoned = std::make_shared<std::atomic_bool>(false);
};

} // namespace coffer::transfer
