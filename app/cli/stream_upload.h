#pragma once
// Uploads a byte stream of unknown length (standard input) to one object as it arrives.
// A pipe has no size to announce, so the stream is cut into parts of one size as they
// fill: if it ends before the multipart threshold, the bytes go up as one PUT; otherwise
// each full part is sent with UploadPart (with its checksum) while the next one fills,
// and the last, shorter part completes the upload. At most `window` parts are in flight
// and one more is filling; when the window is full, reading stops (backpressure), so
// memory stays below (window + 1) x part size however long the stream is. A failure
// aborts the multipart upload, so no parts are left behind to cost money.

#include "client/s3_client.h"
#include "s3/checksum/checksum.h"

#include <QNetworkAccessManager> // s3_client.h needs the complete type

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QSocketNotifier;

namespace coffer::transfer {
class BandwidthLimiter;
}

namespace coffer::cli {

class StreamUpload : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        qint64 partSize = 16 * 1024 * 1024; // rounded up to a MiB, at least 5 MiB
        qint64 multipartThreshold = 16 * 1024 * 1024;
        int window = 4;
        s3::ChecksumAlgorithm checksum = s3::ChecksumAlgorithm::Crc32c;
        transfer::BandwidthLimiter *bandwidth = nullptr; // not owned; null: unlimited
    };

    // fd: open for reading (0 for standard input); not closed.
    StreamUpload(int fd, client::S3Client *client, QString bucket, QString key, Settings settings,
        QObject *parent = nullptr);
    ~StreamUpload() override;

    void start();
    // The largest number of part bytes held in memory at once so far.
    qint64 peakBufferedBytes() const { return m_peakBuffered; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total); // total is -1 until the stream ends
    void finished(const coffer::s3::S3Error &error, qint64 bytes);

private:
    void readSome();
    void pauseReading();
    void resumeReading();
    void partFull();
    void endOfInput();
    void sendFilledPart();
    void putWhole();
    void uploadPart(int number, const QByteArray &bytes);
    void partDone();
    void completeUpload();
    void fail(s3::S3Error error);
    void stop(); // cancels what is in flight and aborts the multipart upload
    void done();
    void track(qint64 delta);

    int m_fd;
    client::S3Client *m_client;
    QString m_bucket;
    QString m_key;
    Settings m_settings;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_filling; // the part being read
    bool m_ended = false; // the stream reached its end
    bool m_finished = false;
    QString m_uploadId;
    bool m_creating = false;
    int m_nextPart = 1;
    int m_inFlight = 0;
    QList<s3::CompletedPart> m_parts;
    QList<QPointer<client::S3Call>> m_calls;
    qint64 m_read = 0;
    qint64 m_sent = 0;
    qint64 m_buffered = 0;
    qint64 m_peakBuffered = 0;
};

} // namespace coffer::cli
