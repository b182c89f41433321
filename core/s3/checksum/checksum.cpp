#include "checksum.h"

#include <isa-l/crc.h>
#include <isa-l/crc64.h>
#include <openssl/evp.h>

#include <QtEndian>

#include <algorithm>
#include <array>
#include <limits>

namespace coffer::s3 {

namespace {

struct AlgorithmInfo {
    ChecksumAlgorithm algorithm;
    const char *name;
    const char *header;
    int size;
};

constexpr std::array<AlgorithmInfo, 6> kAlgorithms{{
    {ChecksumAlgorithm::Crc32, "CRC32", "x-amz-checksum-crc32", 4},
    {ChecksumAlgorithm::Crc32c, "CRC32C", "x-amz-checksum-crc32c", 4},
    {ChecksumAlgorithm::Crc64Nvme, "CRC64NVME", "x-amz-checksum-crc64nvme", 8},
    {ChecksumAlgorithm::Sha1, "SHA1", "x-amz-checksum-sha1", 20},
    {ChecksumAlgorithm::Sha256, "SHA256", "x-amz-checksum-sha256", 32},
    {ChecksumAlgorithm::Md5, "MD5", "content-md5", 16},
}};

const AlgorithmInfo &info(ChecksumAlgorithm algorithm)
{
    return kAlgorithms[static_cast<std::size_t>(algorithm)];
}

const EVP_MD *digestFor(ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case ChecksumAlgorithm::Sha1:
        return EVP_sha1();
    case ChecksumAlgorithm::Sha256:
        return EVP_sha256();
    case ChecksumAlgorithm::Md5:
        return EVP_md5();
    default:
        return nullptr;
    }
}

const unsigned char *bytes(QByteArrayView data)
{
    return reinterpret_cast<const unsigned char *>(data.data());
}

} // namespace

QList<ChecksumAlgorithm> allChecksumAlgorithms()
{
    QList<ChecksumAlgorithm> all;
    for (const auto &entry : kAlgorithms)
        all.append(entry.algorithm);
    return all;
}

QByteArray checksumAlgorithmName(ChecksumAlgorithm algorithm)
{
    return QByteArray(info(algorithm).name);
}

std::optional<ChecksumAlgorithm> checksumAlgorithmFromName(QByteArrayView name)
{
    for (const auto &entry : kAlgorithms) {
        if (name.compare(QByteArrayView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.algorithm;
    }
    return std::nullopt;
}

QByteArray checksumHeaderName(ChecksumAlgorithm algorithm)
{
    return QByteArray(info(algorithm).header);
}

std::optional<ChecksumAlgorithm> checksumAlgorithmFromHeader(QByteArrayView headerName)
{
    for (const auto &entry : kAlgorithms) {
        if (headerName.compare(QByteArrayView(entry.header), Qt::CaseInsensitive) == 0)
            return entry.algorithm;
    }
    return std::nullopt;
}

int checksumSize(ChecksumAlgorithm algorithm)
{
    return info(algorithm).size;
}

bool isCrc(ChecksumAlgorithm algorithm)
{
    return algorithm == ChecksumAlgorithm::Crc32 || algorithm == ChecksumAlgorithm::Crc32c
        || algorithm == ChecksumAlgorithm::Crc64Nvme;
}

// --- CRCs through ISA-L ---
// crc32_gzip_refl and crc64_rocksoft_refl (Rocksoft's coefficients are CRC-64/NVME's)
// invert on entry and exit themselves, so a finished CRC chains as the next init value.
// crc32_iscsi does not: it takes and returns the raw register, hence the ~ on both sides.
// It also takes an int length, so large buffers go through in slices.

quint32 crc32(QByteArrayView data, quint32 previous)
{
    return crc32_gzip_refl(previous, bytes(data), static_cast<uint64_t>(data.size()));
}

quint32 crc32c(QByteArrayView data, quint32 previous)
{
    constexpr qsizetype kSlice = qsizetype(1) << 30;
    quint32 reg = ~previous;
    for (qsizetype offset = 0; offset < data.size(); offset += kSlice) {
        const qsizetype length = std::min(kSlice, data.size() - offset);
        // ISA-L's prototype lacks const; it only reads the buffer.
        reg = crc32_iscsi(const_cast<unsigned char *>(bytes(data)) + offset,
                          static_cast<int>(length), reg);
    }
    return ~reg;
}

quint64 crc64Nvme(QByteArrayView data, quint64 previous)
{
    return crc64_rocksoft_refl(previous, bytes(data), static_cast<uint64_t>(data.size()));
}

QByteArray crcToBytes(ChecksumAlgorithm algorithm, quint64 crc)
{
    if (algorithm == ChecksumAlgorithm::Crc64Nvme) {
        QByteArray raw(8, Qt::Uninitialized);
        qToBigEndian<quint64>(crc, raw.data());
        return raw;
    }
    QByteArray raw(4, Qt::Uninitialized);
    qToBigEndian<quint32>(static_cast<quint32>(crc), raw.data());
    return raw;
}

std::optional<quint64> crcFromBytes(ChecksumAlgorithm algorithm, QByteArrayView raw)
{
    if (!isCrc(algorithm) || raw.size() != checksumSize(algorithm))
        return std::nullopt;
    if (algorithm == ChecksumAlgorithm::Crc64Nvme)
        return qFromBigEndian<quint64>(raw.data());
    return qFromBigEndian<quint32>(raw.data());
}

// --- Checksum ---

struct Checksum::Digest {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    ~Digest() { EVP_MD_CTX_free(context); }
    Digest() = default;
    Digest(const Digest &) = delete;
    Digest &operator=(const Digest &) = delete;
};

Checksum::Checksum(ChecksumAlgorithm algorithm)
    : m_algorithm(algorithm)
{
    reset();
}

Checksum::Checksum(const Checksum &other)
    : m_algorithm(other.m_algorithm)
    , m_length(other.m_length)
    , m_crc(other.m_crc)
{
    if (other.m_digest) {
        m_digest = std::make_unique<Digest>();
        EVP_MD_CTX_copy_ex(m_digest->context, other.m_digest->context);
    }
}

Checksum::Checksum(Checksum &&other) noexcept = default;
Checksum &Checksum::operator=(Checksum &&other) noexcept = default;
Checksum::~Checksum() = default;

Checksum &Checksum::operator=(const Checksum &other)
{
    if (this != &other) {
        Checksum copy(other);
        *this = std::move(copy);
    }
    return *this;
}

void Checksum::reset()
{
    m_length = 0;
    m_crc = 0;
    if (const EVP_MD *md = digestFor(m_algorithm)) {
        if (!m_digest)
            m_digest = std::make_unique<Digest>();
        EVP_DigestInit_ex(m_digest->context, md, nullptr);
    }
}

void Checksum::update(QByteArrayView data)
{
    m_length += data.size();
    switch (m_algorithm) {
    case ChecksumAlgorithm::Crc32:
        m_crc = crc32(data, static_cast<quint32>(m_crc));
        break;
    case ChecksumAlgorithm::Crc32c:
        m_crc = crc32c(data, static_cast<quint32>(m_crc));
        break;
    case ChecksumAlgorithm::Crc64Nvme:
        m_crc = crc64Nvme(data, m_crc);
        break;
    case ChecksumAlgorithm::Sha1:
    case ChecksumAlgorithm::Sha256:
    case ChecksumAlgorithm::Md5:
        if (!data.isEmpty())
            EVP_DigestUpdate(m_digest->context, data.data(), static_cast<size_t>(data.size()));
        break;
    }
}

QByteArray Checksum::result() const
{
    if (isCrc(m_algorithm))
        return crcToBytes(m_algorithm, m_crc);
    // Finish a copy, so the running state stays open for more updates.
    Digest finished;
    EVP_MD_CTX_copy_ex(finished.context, m_digest->context);
    QByteArray raw(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    EVP_DigestFinal_ex(finished.context, reinterpret_cast<unsigned char *>(raw.data()), &size);
    raw.truncate(static_cast<qsizetype>(size));
    return raw;
}

QByteArray Checksum::base64() const
{
    return result().toBase64();
}

QByteArray Checksum::hex() const
{
    return result().toHex();
}

QByteArray Checksum::hash(ChecksumAlgorithm algorithm, QByteArrayView data)
{
    Checksum checksum(algorithm);
    checksum.update(data);
    return checksum.result();
}

} // namespace coffer::s3
