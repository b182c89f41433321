#include "file_range_device.h"

#include "bandwidth_limiter.h"

namespace coffer::transfer {

FileRangeDevice::FileRangeDevice(const QString &path, qint64 offset, qint64 length, BandwidthLimiter *limiter,
                                 QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
    , m_limiter(limiter)
{
    if (m_limiter) {
        connect(m_limiter, &BandwidthLimiter::refilled, this, [this] {
            if (m_waitingForTokens) {
                m_waitingForTokens = false;
                Q_EMIT readyRead();
            }
        });
    }
}

bool FileRangeDevice::open(OpenMode mode)
{
    if (mode != ReadOnly) {
        setErrorString(tr("A file range can only be read."));
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    if (m_file.size() < m_offset + m_length) {
        setErrorString(tr("The file is shorter than expected; it changed or was truncated."));
        m_file.close();
        return false;
    }
    // Unbuffered: QIODevice's own buffer would read ahead of the bandwidth limit.
    return QIODevice::open(mode | Unbuffered);
}

void FileRangeDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileRangeDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length)
        return false;
    return QIODevice::seek(pos);
}

bool FileRangeDevice::atEnd() const
{
    return pos() >= m_length;
}

qint64 FileRangeDevice::bytesAvailable() const
{
    return m_length - pos() + QIODevice::bytesAvailable();
}

qint64 FileRangeDevice::readData(char *data, qint64 maxSize)
{
    const qint64 position = pos();
    qint64 wanted = qMin(maxSize, m_length - position);
    if (wanted <= 0)
        return 0;
    if (m_limiter && m_limiter->isLimited()) {
        // Bytes below the high-water mark were paid for already (a rewind, or a peek).
        const qint64 prepaid = qMax<qint64>(0, m_charged - position);
        qint64 allowed = qMin(wanted, prepaid);
        if (allowed < wanted)
            allowed += m_limiter->take(wanted - allowed);
        if (allowed <= 0) {
            m_waitingForTokens = true;
            return 0;
        }
        wanted = allowed;
    }
    if (!m_file.seek(m_offset + position)) {
        setErrorString(m_file.errorString());
        return -1;
    }
    const qint64 got = m_file.read(data, wanted);
    if (got < 0) {
        setErrorString(m_file.errorString());
        return -1;
    }
    m_charged = qMax(m_charged, position + got);
    return got;
}

qint64 FileRangeDevice::writeData(const char *, qint64)
{
    return -1;
}

} // namespace coffer::transfer
