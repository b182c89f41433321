#pragma once
// Small value types several S3 documents share.

#include <QString>

namespace coffer::s3 {

struct Owner {
    QString id;
    QString displayName;
    bool operator==(const Owner &) const = default;
};

// The x-amz-checksum-* values as S3 sends them (base64 of the big-endian bytes;
// composite multipart values carry a "-N" suffix). Empty means absent.
struct Checksums {
    QString crc32;
    QString crc32c;
    QString crc64nvme;
    QString sha1;
    QString sha256;
    bool isEmpty() const
    {
        return crc32.isEmpty() && crc32c.isEmpty() && crc64nvme.isEmpty() && sha1.isEmpty()
            && sha256.isEmpty();
    }
    bool operator==(const Checksums &) const = default;
};

// How keys travel in a listing (the encoding-type request parameter). With Url the
// XML carries percent-encoded keys; domain types always hold the decoded keys.
enum class KeyEncoding { None, Url };

} // namespace coffer::s3
