#include "server/store/store_error.h"

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace coffer::server {

StoreError StoreError::fromErrno(const QString &what, int sysErrno)
{
    const QString text = QString::fromLocal8Bit(std::strerror(sysErrno));
    if (sysErrno == ENOSPC || sysErrno == EDQUOT) {
        return {Code::DiskFull,
                what + u": "_s + text
                    + u". The store's disk is full; free some space and try again."_s,
                sysErrno};
    }
    return {Code::Io, what + u": "_s + text, sysErrno};
}

QLatin1StringView StoreError::s3Code() const
{
    switch (m_code) {
    case Code::None: return {};
    case Code::NoSuchBucket: return "NoSuchBucket"_L1;
    case Code::NoSuchKey: return "NoSuchKey"_L1;
    case Code::NoSuchUpload: return "NoSuchUpload"_L1;
    case Code::BucketAlreadyExists: return "BucketAlreadyOwnedByYou"_L1;
    case Code::BucketNotEmpty: return "BucketNotEmpty"_L1;
    case Code::PreconditionFailed: return "PreconditionFailed"_L1;
    case Code::Conflict: return "ConditionalRequestConflict"_L1;
    case Code::InvalidPart: return "InvalidPart"_L1;
    case Code::InvalidPartOrder: return "InvalidPartOrder"_L1;
    case Code::EntityTooSmall: return "EntityTooSmall"_L1;
    case Code::BadDigest: return "BadDigest"_L1;
    case Code::InvalidRange: return "InvalidRange"_L1;
    case Code::InvalidArgument: return "InvalidArgument"_L1;
    // S3 has no code for a full disk; 503 tells clients to back off and retry later.
    case Code::DiskFull: return "ServiceUnavailable"_L1;
    case Code::Io: return "InternalError"_L1;
    }
    return "InternalError"_L1;
}

int StoreError::httpStatus() const
{
    switch (m_code) {
    case Code::None: return 200;
    case Code::NoSuchBucket:
    case Code::NoSuchKey:
    case Code::NoSuchUpload: return 404;
    case Code::BucketAlreadyExists:
    case Code::BucketNotEmpty:
    case Code::Conflict: return 409;
    case Code::PreconditionFailed: return 412;
    case Code::InvalidRange: return 416;
    case Code::InvalidPart:
    case Code::InvalidPartOrder:
    case Code::EntityTooSmall:
    case Code::BadDigest:
    case Code::InvalidArgument: return 400;
    case Code::DiskFull: return 503;
    case Code::Io: return 500;
    }
    return 500;
}

} // namespace coffer::server
