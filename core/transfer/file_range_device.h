#pragma once
// A read-only, seekable device over a byte range of a file: what one part's request body
// streams from, so a part is never held in memory. Seekable, so the client can rewind it
// for a retry. With a BandwidthLimiter, bytes are handed out only as tokens allow (bytes
// re-read after a rewind are not charged twice).

#include <QFile>
#include <QIODevice>
#include <QPointer>

namespace coffer::transfer {

class BandwidthLimiter;

class FileRangeDevice : public QIODevice
{
    Q_OBJECT
public:
    FileRangeDevice(const QString &path, qint64 offset, qint64 length, BandwidthLimiter *limiter = nullptr,
                    QObject *parent = nullptr);

    // Opens the file read-only; false with errorString() (e.g. permission denied).
    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_charged = 0; // bytes already paid for with limiter tokens
    QPointer<BandwidthLimiter> m_limiter;
    bool m_waitingForTokens = false;
};

} // namespace coffer::transfer
