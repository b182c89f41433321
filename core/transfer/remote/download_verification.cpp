#include "download_verification.h"

#include "s3/checksum/multipart.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

constexpr qint64 kReadChunk = 1024 * 1024;

const QString *checksumSlot(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case s3::ChecksumAlgorithm::Crc64Nvme: return &checksums.crc64nvme;
    case s3::ChecksumAlgorithm::Crc32c: return &checksums.crc32c;
    case s3::ChecksumAlgorithm::Crc32: return &checksums.crc32;
    case s3::ChecksumAlgorithm::Sha256: return &checksums.sha256;
    case s3::ChecksumAlgorithm::Sha1: return &checksums.sha1;
    case s3::ChecksumAlgorithm::Md5: return nullptr;
    }
    return nullptr;
}

QString methodName(const DownloadExpectation &expected)
{
    switch (expected.method) {
    case VerifiedBy::FullObjectChecksum:
        return QString::fromLatin1(s3::checksumAlgorithmName(*expected.algorithm)) + u" checksum"_s;
    case VerifiedBy::Md5Etag:
        return u"MD5 (ETag)"_s;
    case VerifiedBy::SizeOnly:
        return u"size"_s;
    }
    return {};
}

} // namespace

DownloadExpectation expectationFor(const client::ObjectHead &head)
{
    DownloadExpectation expected;
    expected.size = head.objectSize();
    static constexpr s3::ChecksumAlgorithm kPreference[] = {
        s3::ChecksumAlgorithm::Crc64Nvme, s3::ChecksumAlgorithm::Crc32c, s3::ChecksumAlgorithm::Crc32,
        s3::ChecksumAlgorithm::Sha256, s3::ChecksumAlgorithm::Sha1};
    bool sawComposite = false;
    for (const auto algorithm : kPreference) {
        const QString *value = checksumSlot(head.checksums, algorithm);
        if (!value || value->isEmpty())
            continue;
        const auto parsed = s3::parseChecksumValue(algorithm, value->toLatin1());
        if (!parsed)
            continue;
        // A composite value is a checksum of part checksums: without the part
        // boundaries it says nothing about the whole file.
        if (parsed->isComposite() || head.checksumType.compare(u"COMPOSITE"_s, Qt::CaseInsensitive) == 0) {
            sawComposite = true;
            continue;
        }
        expected.method = VerifiedBy::FullObjectChecksum;
        expected.algorithm = algorithm;
        expected.expectedRaw = parsed->raw;
        return expected;
    }
    if (const auto md5 = s3::md5FromEtag(head.etag.toLatin1())) {
        expected.method = VerifiedBy::Md5Etag;
        expected.algorithm = s3::ChecksumAlgorithm::Md5;
        expected.expectedRaw = *md5;
        return expected;
    }
    expected.notVerified = sawComposite
        ? u"the content was not verified: the object was uploaded in parts with per-part (composite) "
          "checksums and its ETag %1 is not a digest of the whole object"_s.arg(head.etag)
        : u"the content was not verified: the object was uploaded in parts without a full-object "
          "checksum and its ETag %1 is not a digest of the whole object"_s.arg(head.etag);
    return expected;
}

VerificationOutcome verifyFile(const QString &path, const DownloadExpectation &expected)
{
    VerificationOutcome outcome;
    outcome.method = expected.method;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        outcome.summary = u"the downloaded file could not be read back for verification (%1)"_s.arg(file.errorString());
        return outcome;
    }
    if (file.size() != expected.size) {
        outcome.summary = u"the file holds %1 bytes but the object has %2"_s.arg(file.size()).arg(expected.size);
        return outcome;
    }
    if (expected.method == VerifiedBy::SizeOnly) {
        outcome.matches = true;
        outcome.summary = u"size matches; %1"_s.arg(expected.notVerified);
        return outcome;
    }
    s3::Checksum digest(*expected.algorithm);
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0) {
            outcome.summary = u"reading the downloaded file failed (%1)"_s.arg(file.errorString());
            return outcome;
        }
        if (n == 0)
            break;
        digest.update(QByteArrayView(buffer.constData(), n));
    }
    const QByteArray actual = digest.result();
    if (actual != expected.expectedRaw) {
        outcome.summary = u"the %1 does not match: the server has %2, the downloaded bytes give %3"_s
                              .arg(methodName(expected), QString::fromLatin1(expected.expectedRaw.toBase64()),
                                   QString::fromLatin1(actual.toBase64()));
        return outcome;
    }
    outcome.matches = true;
    outcome.summary = u"size and %1 match"_s.arg(methodName(expected));
    return outcome;
}

} // namespace coffer::transfer
