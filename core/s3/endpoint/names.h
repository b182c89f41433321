#pragma once
// Bucket-name and object-key validation, with an error that says what is wrong and what
// to do. Keys are opaque: "a//b", "..", "%2F", spaces, "+" and emoji are all valid.

#include "provider.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace coffer::s3 {

struct NameError {
    enum class Code {
        Empty,
        TooShort,          // bucket < 3 characters
        TooLong,           // bucket > 63 characters, key > 1,024 bytes
        InvalidCharacter,  // a character the provider does not allow (uppercase, '_', '.', ...)
        BadFirstOrLast,    // bucket must begin and end with a letter or digit
        ConsecutiveDots,   // ".." in a bucket name
        IpAddress,         // bucket formatted as an IPv4 address
        ReservedPrefix,    // xn--, sthree-, amzn-s3-demo-
        ReservedSuffix,    // -s3alias, --ol-s3, .mrap, --x-s3, --table-s3
        InvalidUtf8,       // key with a lone surrogate / invalid UTF-8 bytes
    };
    Code code = Code::Empty;
    QString message; // a sentence: what is wrong and what to do
};

// Bucket names. CloudflareR2: 3-63 lowercase letters, digits and hyphens, beginning and
// ending with a letter or digit. Every other provider: S3 general-purpose rules (3-63
// lowercase letters, digits, hyphens and dots; begins and ends with a letter or digit;
// no "..", not an IPv4 address, no reserved prefixes or suffixes).
std::optional<NameError> validateBucketName(const QString &name, Provider provider);

// Object keys: non-empty, valid Unicode (no lone surrogates), at most 1,024 bytes in UTF-8.
std::optional<NameError> validateObjectKey(const QString &key);
// The same for a key as raw bytes off the wire (the server): must be valid UTF-8.
std::optional<NameError> validateObjectKey(QByteArrayView utf8Key);

inline constexpr int kMaxObjectKeyBytes = 1024;
inline constexpr int kMinBucketNameLength = 3;
inline constexpr int kMaxBucketNameLength = 63;

} // namespace coffer::s3
