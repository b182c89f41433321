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

#include "multipart_operation.h"
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

    void start();

    // The most part bytes held in memory at once during this copy.
    qint64 peakBufferedBytes() const { return m_peakBuffered; }

private:
    void onSourceHead(const client::ObjectHead &head);
    void copySingle();
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
};

} // namespace coffer::transfer
