#pragma once
// The checksums S3 speaks: CRC32, CRC32C, CRC64NVME (hardware-accelerated through ISA-L),
// SHA-1, SHA-256 and MD5 (OpenSSL 3 EVP). Results are raw big-endian bytes, which is what
// S3 base64-encodes into x-amz-checksum-* headers and what the multipart helpers
// (multipart.h) concatenate.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>
#include <optional>

namespace coffer::s3 {

enum class ChecksumAlgorithm { Crc32, Crc32c, Crc64Nvme, Sha1, Sha256, Md5 };

// Every algorithm, in declaration order (for tables and menus).
QList<ChecksumAlgorithm> allChecksumAlgorithms();

// S3's spelling: "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"; Md5 is "MD5" (S3 never
// names it in x-amz-checksum-algorithm, but ETags and Content-MD5 use it).
QByteArray checksumAlgorithmName(ChecksumAlgorithm algorithm);
// Case-insensitive inverse of checksumAlgorithmName(); std::nullopt for anything else.
std::optional<ChecksumAlgorithm> checksumAlgorithmFromName(QByteArrayView name);

// The header carrying the value: "x-amz-checksum-crc32", ..., "x-amz-checksum-sha256";
// Md5 travels as "content-md5" (also base64 of the raw digest).
QByteArray checksumHeaderName(ChecksumAlgorithm algorithm);
// Case-insensitive inverse of checksumHeaderName(); std::nullopt for other headers
// (including "x-amz-checksum-type" and "x-amz-checksum-algorithm").
std::optional<ChecksumAlgorithm> checksumAlgorithmFromHeader(QByteArrayView headerName);

// Size of the raw digest in bytes: 4, 4, 8, 20, 32, 16.
int checksumSize(ChecksumAlgorithm algorithm);
// True for the three CRCs, the only algorithms that combine (see crcCombine) and hence
// the only ones S3 allows as full-object multipart checksums.
bool isCrc(ChecksumAlgorithm algorithm);

// An incremental hasher. Feed update() any number of times; result() may be read at any
// point (it does not disturb the running state), reset() starts over.
// Copyable (copies the running state) and movable.
class Checksum
{
public:
    explicit Checksum(ChecksumAlgorithm algorithm);
    Checksum(const Checksum &other);
    Checksum(Checksum &&other) noexcept;
    Checksum &operator=(const Checksum &other);
    Checksum &operator=(Checksum &&other) noexcept;
    ~Checksum();

    ChecksumAlgorithm algorithm() const { return m_algorithm; }
    qint64 bytesHashed() const { return m_length; }

    void update(QByteArrayView data);
    void reset();

    QByteArray result() const; // raw digest, big-endian for the CRCs
    QByteArray base64() const; // as in x-amz-checksum-* and Content-MD5
    QByteArray hex() const;    // lowercase, as in ETags and x-amz-content-sha256

    // The CRC register as a number (0 for non-CRC algorithms); equals the big-endian
    // decoding of result().
    quint64 crcValue() const { return m_crc; }

    // One-shot: raw digest of data.
    static QByteArray hash(ChecksumAlgorithm algorithm, QByteArrayView data);

private:
    struct Digest; // the OpenSSL context, for SHA-1/SHA-256/MD5
    ChecksumAlgorithm m_algorithm;
    qint64 m_length = 0;
    quint64 m_crc = 0;
    std::unique_ptr<Digest> m_digest;
};

// The CRCs as plain functions. `previous` is the CRC of the data before (0 for none),
// so crc32(b, crc32(a)) == crc32(a + b). Values are the standard finished CRCs
// (check values over "123456789": 0xCBF43926, 0xE3069283, 0xAE8B14860A799888).
quint32 crc32(QByteArrayView data, quint32 previous = 0);
quint32 crc32c(QByteArrayView data, quint32 previous = 0);
quint64 crc64Nvme(QByteArrayView data, quint64 previous = 0);

// CRC combination: given crc(A), crc(B) and the length of B in bytes, the CRC of A‖B,
// computed without the data (GF(2) matrix arithmetic, O(log lengthB)). The server uses it
// for full-object multipart checksums. lengthB < 0 is treated as 0.
quint32 crc32Combine(quint32 crcA, quint32 crcB, qint64 lengthB);
quint32 crc32cCombine(quint32 crcA, quint32 crcB, qint64 lengthB);
quint64 crc64NvmeCombine(quint64 crcA, quint64 crcB, qint64 lengthB);
// Dispatch on the algorithm; returns crcA unchanged for a non-CRC algorithm.
quint64 crcCombine(ChecksumAlgorithm algorithm, quint64 crcA, quint64 crcB, qint64 lengthB);

// Big-endian raw bytes <-> CRC value, sized for the algorithm (4 or 8 bytes).
QByteArray crcToBytes(ChecksumAlgorithm algorithm, quint64 crc);
std::optional<quint64> crcFromBytes(ChecksumAlgorithm algorithm, QByteArrayView raw);

} // namespace coffer::s3
