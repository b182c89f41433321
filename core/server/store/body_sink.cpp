#include "server/store/body_sink.h"

using namespace Qt::StringLiterals;

namespace coffer::server {

BodySink::BodySink(const BlobDirectory &directory, qint64 inlineLimit,
                   std::optional<s3::ChecksumAlgorithm> keepChecksum,
                   const s3::Checksums &expected, QByteArray expectedMd5)
    : m_inlineLimit(inlineLimit),
      m_writer(directory),
      m_keep(keepChecksum),
      m_expected(expected),
      m_expectedMd5(std::move(expectedMd5))
{
    m_hashers.append(s3::Checksum(s3::ChecksumAlgorithm::Md5));
    for (s3::ChecksumAlgorithm algorithm : s3::allChecksumAlgorithms()) {
        const QString *value = checksumSlot(m_expected, algorithm);
        const bool wanted = (value && !value->isEmpty()) || m_keep == algorithm;
        if (!wanted || algorithm == s3::ChecksumAlgorithm::Md5)
            continue;
        if (!m_keep)
            m_keep = algorithm; // a checksum the client sent is the one S3 keeps
        m_hashers.append(s3::Checksum(algorithm));
    }
}

StoreError BodySink::write(QByteArrayView data)
{
    if (m_failed.isError())
        return m_failed;
    for (s3::Checksum &hasher : m_hashers)
        hasher.update(data);
    m_size += data.size();
    if (!m_spilled && m_size <= m_inlineLimit) {
        m_buffer.append(data);
        return {};
    }
    if (!m_spilled) {
        m_spilled = true;
        m_failed = m_writer.open();
        if (!m_failed.isError())
            m_failed = m_writer.write(m_buffer);
        m_buffer = QByteArray();
        if (m_failed.isError())
            return m_failed;
    }
    m_failed = m_writer.write(data);
    return m_failed;
}

StoreResult<BodySink::Body> BodySink::finish()
{
    if (m_failed.isError())
        return m_failed;
    Body body;
    body.size = m_size;
    body.md5 = m_hashers.first().result();
    if (!m_expectedMd5.isEmpty() && m_expectedMd5 != body.md5) {
        m_writer.discard();
        return StoreError(StoreError::Code::BadDigest,
                          u"The Content-MD5 you specified did not match what we received."_s);
    }
    for (qsizetype i = 1; i < m_hashers.size(); ++i) {
        const s3::Checksum &hasher = m_hashers[i];
        const QString *expected = checksumSlot(m_expected, hasher.algorithm());
        if (expected && !expected->isEmpty()
            && expected->toLatin1() != hasher.base64()) {
            m_writer.discard();
            return StoreError(StoreError::Code::BadDigest,
                              u"The "_s + QString::fromLatin1(s3::checksumAlgorithmName(hasher.algorithm()))
                                  + u" checksum you specified did not match what we received."_s);
        }
        if (m_keep == hasher.algorithm()) {
            body.checksumAlgorithm = m_keep;
            body.checksum = hasher.result();
        }
    }
    if (!m_spilled && m_inlineLimit >= 0 && m_size <= m_inlineLimit) {
        body.inlineData = m_buffer;
        return body;
    }
    if (!m_spilled) { // an empty body that must still get a file (parts)
        if (StoreError error = m_writer.open(); error.isError())
            return error;
        m_spilled = true;
    }
    StoreResult<QByteArray> id = m_writer.commit();
    if (!id.ok())
        return id.error();
    body.blobId = id.value();
    return body;
}

} // namespace coffer::server
