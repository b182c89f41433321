#pragma once
// Checksums of file ranges, computed on the global thread pool so the calling (GUI)
// thread never reads or hashes a large range itself. Consume the future with
// QFuture::then(context, ...), so the result dies with its receiver.

#include "s3/checksum/checksum.h"

#include <QFuture>
#include <QString>

namespace coffer::transfer {

struct RangeChecksum {
    QByteArray base64; // empty when reading failed
    QString error;     // the file error (e.g. "Permission denied")
};

QFuture<RangeChecksum> hashFileRange(const QString &path, qint64 offset, qint64 length,
                                     s3::ChecksumAlgorithm algorithm);

} // namespace coffer::transfer
