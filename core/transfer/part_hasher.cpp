#include "part_hasher.h"

#include <QFile>
#include <QPromise>
#include <QThreadPool>

#include <memory>

namespace coffer::transfer {

namespace {

// Read in 1 MiB slices: memory stays flat whatever the part size.
constexpr qint64 kSlice = 1024 * 1024;

RangeChecksum hashNow(const QString &path, qint64 offset, qint64 length, s3::ChecksumAlgorithm algorithm)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, file.errorString()};
    if (!file.seek(offset))
        return {{}, file.errorString()};
    s3::Checksum checksum(algorithm);
    QByteArray buffer(int(qMin(kSlice, qMax<qint64>(length, 1))), Qt::Uninitialized);
    qint64 left = length;
    while (left > 0) {
        const qint64 got = file.read(buffer.data(), qMin<qint64>(left, buffer.size()));
        if (got <= 0) {
            return {{}, got < 0 ? file.errorString()
                                : QFile::tr("The file ended early; it was truncated while being read.")};
        }
        checksum.update(QByteArrayView(buffer.constData(), got));
        left -= got;
    }
    return {checksum.base64(), {}};
}

} // namespace

QFuture<RangeChecksum> hashFileRange(const QString &path, qint64 offset, qint64 length,
                                     s3::ChecksumAlgorithm algorithm)
{
    auto promise = std::make_shared<QPromise<RangeChecksum>>();
    QFuture<RangeChecksum> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path, offset, length, algorithm] {
        promise->addResult(hashNow(path, offset, length, algorithm));
        promise->finish();
    });
    return future;
}

QString checksumIn(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case s3::ChecksumAlgorithm::Crc32: return checksums.crc32;
    case s3::ChecksumAlgorithm::Crc32c: return checksums.crc32c;
    case s3::ChecksumAlgorithm::Crc64Nvme: return checksums.crc64nvme;
    case s3::ChecksumAlgorithm::Sha1: return checksums.sha1;
    case s3::ChecksumAlgorithm::Sha256: return checksums.sha256;
    case s3::ChecksumAlgorithm::Md5: return {};
    }
    return {};
}

void setChecksumIn(s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm, const QString &value)
{
    switch (algorithm) {
    case s3::ChecksumAlgorithm::Crc32: checksums.crc32 = value; break;
    case s3::ChecksumAlgorithm::Crc32c: checksums.crc32c = value; break;
    case s3::ChecksumAlgorithm::Crc64Nvme: checksums.crc64nvme = value; break;
    case s3::ChecksumAlgorithm::Sha1: checksums.sha1 = value; break;
    case s3::ChecksumAlgorithm::Sha256: checksums.sha256 = value; break;
    case s3::ChecksumAlgorithm::Md5: break;
    }
}

} // namespace coffer::transfer
