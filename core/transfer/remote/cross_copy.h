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
//
// Resumable with a journal (setJournal): the multipart upload's id, the source's ETag and
// size, and every part the destination confirmed are recorded. A later run of the same
// job (after a pause or a restart) lists the destination's parts and sends only those
// the journal and the server do not both hold; a changed source starts over.

#include "multipart_operation.h"
#include "transfer/transfer_journal.h"
#include "transfer/transfer_settings.h"

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

// State, progress, cancel() and the error come from MultipartOperation.
class CrossCopy : public MultipartOperation
{
    Q_OBJECT
public:
    // Neither client is owned; both must outlive the copy.
    CrossCopy(client::S3Client *source, client::S3Client *destination, CrossCopyRequest request,
              QObject *parent = nullptr);

    // Records progress under jobId's item "" and resumes from it. Not owned; set before
    // start(). Without it (or with jobId 0) a stopped copy aborts its upload.
    void setJournal(TransferJournal *journal, qint64 jobId);

    void start();

    // The most part bytes held in memory at once during this copy.
    qint64 peakBufferedBytes() const { return m_peakBuffered; }
    // Parts a previous run had copied, not sent again by this one.
    int partsResumed() const { return m_partsResumed; }

Q_SIGNALS:
    void notice(const QString &text);

protected:
    void uploadAborted() override;

private:
    SourceFingerprint sourceFingerprint() const;
    void resumeUpload(const ItemRecord &item);
    void listParts(int marker, QList<s3::PartEntry> listed);
    void resumeFrom(const QList<s3::PartEntry> &listed);
    void startFresh();
    void sendPart(int number);
    void onSourceHead(const client::ObjectHead &head);
    void copySingle();
    void fetchSingle();
    void startMultipart();
    void pumpParts();
    void uploadPart(int number, const QByteArray &bytes);
    void complete();
    void verifyDestination();
    void hold(qint64 bytes);

    client::S3Client *m_source;
    client::S3Client *m_destination;
    CrossCopyRequest m_request;
    QHash<int, quint64> m_sourceCrcs; // per part, in the source's full-object CRC algorithm
    std::optional<s3::ChecksumAlgorithm> m_sourceCrcAlgorithm;
    QByteArray m_sourceCrcExpected;
    qint64 m_buffered = 0;
    qint64 m_peakBuffered = 0;
    TransferJournal *m_journal = nullptr;
    qint64 m_jobId = 0;
    int m_partsResumed = 0;
    // Resumed parts whose source CRC is unknown (the part checksum used another
    // algorithm): the full-object comparison cannot be made then.
    int m_partsWithoutSourceCrc = 0;
};

} // namespace coffer::transfer
