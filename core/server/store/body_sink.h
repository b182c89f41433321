#pragma once
// Receives one request body (an object or a part) as it streams in: hashes it (MD5 for the
// ETag, plus the checksums asked for), keeps it in memory while it is small enough to be
// stored inline in its index row, and spills it to a BlobWriter once it is not.

#include "server/store/blob_writer.h"
#include "server/store/store_types.h"

#include "s3/checksum/checksum.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace coffer::server {

class BodySink
{
public:
    // inlineLimit < 0: never inline (parts always get a blob file).
    BodySink(const BlobDirectory &directory, qint64 inlineLimit,
             std::optional<s3::ChecksumAlgorithm> keepChecksum, const s3::Checksums &expected,
             QByteArray expectedMd5);

    StoreError write(QByteArrayView data);
    qint64 size() const { return m_size; }

    struct Body {
        qint64 size = 0;
        QByteArray md5;         // raw 16 bytes
        QByteArray inlineData;  // set when stored inline
        QByteArray blobId;      // set when stored in a blob file (now durable)
        std::optional<s3::ChecksumAlgorithm> checksumAlgorithm;
        QByteArray checksum;    // raw digest of checksumAlgorithm
        bool isInline() const { return blobId.isEmpty(); }
    };
    // Verifies the digests the client sent (BadDigest), then makes the blob durable.
    StoreResult<Body> finish();

private:
    qint64 m_inlineLimit;
    BlobWriter m_writer;
    bool m_spilled = false;
    QByteArray m_buffer;
    qint64 m_size = 0;
    QList<s3::Checksum> m_hashers; // [0] is MD5
    std::optional<s3::ChecksumAlgorithm> m_keep;
    s3::Checksums m_expected;
    QByteArray m_expectedMd5;
    StoreError m_failed; // sticky: the first write error
};

} // namespace coffer::server
