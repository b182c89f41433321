#pragma once
// One typed result for everything the store can end with. code() names the case for the
// handlers; s3Code()/httpStatus() give the S3 error they answer with; message() is a
// sentence for a person: what happened and what to do.

#include <QLatin1StringView>
#include <QString>

#include <optional>
#include <utility>

namespace coffer::server {

class StoreError
{
public:
    enum class Code {
        None,
        NoSuchBucket,
        NoSuchKey,
        NoSuchUpload,
        BucketAlreadyExists, // the name is taken (by us: S3's BucketAlreadyOwnedByYou)
        BucketNotEmpty,
        PreconditionFailed, // If-None-Match / If-Match did not hold when the write began
        Conflict,           // a concurrent writer changed the key while this write ran
        InvalidPart,        // a listed part is missing or its ETag does not match
        InvalidPartOrder,   // listed parts are not in ascending order
        EntityTooSmall,     // a non-final part is below the minimum part size
        BadDigest,          // the body does not match a checksum the client sent
        InvalidRange,       // a Range that starts past the end of the object
        InvalidArgument,    // bad input (key too long, bad part number, ...)
        DiskFull,           // ENOSPC / EDQUOT: nothing was kept
        Io,                 // any other filesystem or database failure
    };

    StoreError() = default;
    StoreError(Code code, QString message, int sysErrno = 0)
        : m_code(code), m_message(std::move(message)), m_errno(sysErrno)
    {
    }

    // An I/O failure from errno: "what" says what was being done, the errno text is added.
    // ENOSPC and EDQUOT become DiskFull.
    static StoreError fromErrno(const QString &what, int sysErrno);
    static StoreError io(const QString &what) { return {Code::Io, what}; }

    Code code() const { return m_code; }
    bool isError() const { return m_code != Code::None; }
    const QString &message() const { return m_message; }
    int sysErrno() const { return m_errno; }

    // The S3 error code (NoSuchKey, ConditionalRequestConflict, ...) and its HTTP status.
    QLatin1StringView s3Code() const;
    int httpStatus() const;

    bool operator==(const StoreError &) const = default;

private:
    Code m_code = Code::None;
    QString m_message;
    int m_errno = 0;
};

// A value or a StoreError. C++20 has no std::expected; this is the small part we need.
template <typename T>
class StoreResult
{
public:
    StoreResult(T value) : m_value(std::move(value)) {} // NOLINT: implicit by design
    StoreResult(StoreError error) : m_error(std::move(error)) {} // NOLINT

    bool ok() const { return m_value.has_value(); }
    const StoreError &error() const { return m_error; }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

private:
    std::optional<T> m_value;
    StoreError m_error;
};

} // namespace coffer::server
