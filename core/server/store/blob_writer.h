#pragma once
// Streams one body into a temp file under DIR/tmp/ and, on commit(), makes it a durable
// blob: fsync the file, rename it into data/, fsync that directory. Any failure removes the
// temp file, so nothing partial is ever left behind; ENOSPC/EDQUOT come back as DiskFull.

#include "server/store/blob_directory.h"
#include "server/store/store_error.h"

#include <QByteArray>
#include <QByteArrayView>

namespace coffer::server {

class BlobWriter
{
public:
    explicit BlobWriter(const BlobDirectory &directory);
    ~BlobWriter(); // discards an uncommitted temp file
    BlobWriter(const BlobWriter &) = delete;
    BlobWriter &operator=(const BlobWriter &) = delete;

    StoreError open();
    StoreError write(QByteArrayView data);
    // On success the blob id (16 raw bytes) of the now durable blob file.
    StoreResult<QByteArray> commit();
    void discard();

    qint64 size() const { return m_size; }

    // Fault injection for tests that cannot mount a small filesystem: after this many
    // more bytes (process-wide) every write fails with ENOSPC. Negative turns it off.
    static void setSpaceLimitForTesting(qint64 bytes);

private:
    StoreError fail(const QString &what, int sysErrno);

    const BlobDirectory &m_directory;
    QByteArray m_tmpPath;
    int m_fd = -1;
    qint64 m_size = 0;
    qint64 m_injected = 0; // bytes taken from the test space limit
};

} // namespace coffer::server
