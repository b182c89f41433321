#pragma once
// How a finished download is checked against what the server says the object is.
// In order of preference:
//   1. a full-object checksum the server returned (x-amz-checksum-mode: ENABLED):
//      CRC64NVME, CRC32C, CRC32, SHA-256 or SHA-1 of the whole object;
//   2. the ETag, when it is a plain MD5 (single-part uploads without SSE-C);
//   3. otherwise only the size: a multipart object with a composite or no checksum has
//      no whole-object digest to compare with, and the outcome says so.
// verifyFile() reads the whole file: run it off the GUI thread.

#include "client/operation_params.h"

#include "s3/checksum/checksum.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer::transfer {

enum class VerifiedBy { FullObjectChecksum, Md5Etag, SizeOnly };

struct DownloadExpectation {
    qint64 size = 0;
    VerifiedBy method = VerifiedBy::SizeOnly;
    std::optional<s3::ChecksumAlgorithm> algorithm{}; // for FullObjectChecksum and Md5Etag
    QByteArray expectedRaw{};                         // the digest to match
    QString notVerified{};                            // SizeOnly: what could not be checked, and why
};

DownloadExpectation expectationFor(const client::ObjectHead &head);

struct VerificationOutcome {
    bool matches = false;
    VerifiedBy method = VerifiedBy::SizeOnly;
    QString summary; // e.g. "size and CRC64NVME checksum match"; on mismatch what differed
};

// Blocking: hashes the file in chunks.
VerificationOutcome verifyFile(const QString &path, const DownloadExpectation &expected);

} // namespace coffer::transfer
