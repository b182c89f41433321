#pragma once
// S3's multipart conventions: composite checksums, the multipart ETag, full-object CRCs,
// and parsing an x-amz-checksum-* value as it travels (base64, optionally "-N").

#include "checksum.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace coffer::s3 {

// Composite (per-part) checksum: the algorithm applied to the concatenated raw part
// checksums, base64, then "-N" with N the number of parts. E.g. "Fxyz...==-3".
QByteArray compositeChecksum(ChecksumAlgorithm algorithm, const QList<QByteArray> &rawPartChecksums);

// Multipart ETag: MD5 of the concatenated raw (16-byte) part MD5s, lowercase hex, "-N",
// double-quoted: "\"d41d8cd98f00b204e9800998ecf8427e-2\"".
QByteArray multipartEtag(const QList<QByteArray> &rawPartMd5s);

// A single-part ETag ("\"<32 hex>\"", quotes optional) as a raw 16-byte MD5, or
// std::nullopt when it is not one (e.g. a multipart ETag, or SSE-C's opaque ETags).
std::optional<QByteArray> md5FromEtag(QByteArrayView etag);

// Full-object CRC of parts laid end to end, from each part's CRC and size (crcCombine).
struct PartCrc {
    quint64 crc = 0;
    qint64 size = 0;
};
// Returns raw big-endian bytes; std::nullopt if the algorithm is not a CRC.
std::optional<QByteArray> fullObjectCrc(ChecksumAlgorithm algorithm, const QList<PartCrc> &parts);

// A checksum value as carried by x-amz-checksum-<alg>: raw digest plus the part count of
// a composite value (0 when there is no "-N" suffix).
struct ChecksumValue {
    QByteArray raw;
    int partCount = 0;
    bool isComposite() const { return partCount > 0; }
};

struct ChecksumValueError {
    enum class Code {
        Empty,          // no value at all
        NotBase64,      // characters outside the base64 alphabet, or bad padding
        WrongLength,    // decodes, but not to the algorithm's digest size
        BadPartCount,   // "-N" suffix that is not a number from 1 to 10,000
    };
    Code code = Code::Empty;
    QString message; // a sentence: what is wrong and what to do
};

// Parses "base64" or "base64-N" for the given algorithm. The base64 must be canonical
// (standard alphabet, padded). On failure returns std::nullopt and fills *error.
std::optional<ChecksumValue> parseChecksumValue(ChecksumAlgorithm algorithm, QByteArrayView value,
                                                ChecksumValueError *error = nullptr);

} // namespace coffer::s3
