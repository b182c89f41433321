#pragma once
// Checksums of file ranges, computed on the global thread pool so the calling (GUI)
// thread never reads or hashes a large range itself. Consume the future with
// QFuture::then(context, ...), so the result dies with its receiver.

#include "s3/checksum/checksum.h"
#include "s3/model/common.h"

#include <QFuture>
#include <QString>

namespace coffer::transfer {

struct RangeChecksum {
    QByteArray base64; // empty when reading failed
    QString error;     // the file error (e.g. "Permission denied")
};

// The value of one algorithm in a response's checksums (base64), and the reverse: for
// part records and CompleteMultipartUpload.
QString checksumIn(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm);
void setChecksumIn(s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm, const QString &value);

QFuture<RangeChecksum> hashFileRange(const QString &path, qint64 offset, qint64 length,
                                     s3::ChecksumAlgorithm algorithm);

} // namespace coffer::transfer
