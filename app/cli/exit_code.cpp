#include "exit_code.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {

ExitCode exitCodeFor(const s3::S3Error &error)
{
    using Kind = s3::S3Error::Kind;
    if (!error.isError())
        return ExitCode::Ok;
    if (error.kind == Kind::Auth)
        return ExitCode::Auth;
    const QString &c = error.code;
    if (c == "InvalidAccessKeyId"_L1 || c == "SignatureDoesNotMatch"_L1 || c == "AccessDenied"_L1
        || c == "RequestTimeTooSkewed"_L1 || c == "ExpiredToken"_L1 || c == "InvalidToken"_L1
        || c == "AuthorizationHeaderMalformed"_L1)
        return ExitCode::Auth;
    if (c == "NoSuchBucket"_L1 || c == "NoSuchKey"_L1 || c == "NoSuchUpload"_L1 || c == "NoSuchVersion"_L1
        || c == "NoSuchFile"_L1 || c == "NoSuchCORSConfiguration"_L1 || c == "NoSuchLifecycleConfiguration"_L1
        || c == "NotFound"_L1)
        return ExitCode::NotFound;
    if (error.kind == Kind::Http && c.isEmpty()) {
        // HEAD answers carry no body: the status is all there is.
        if (error.httpStatus == 404)
            return ExitCode::NotFound;
        if (error.httpStatus == 403)
            return ExitCode::Auth;
    }
    return ExitCode::Failure;
}

ExitCode worseOf(ExitCode a, ExitCode b)
{
    const auto rank = [](ExitCode code) {
        switch (code) {
        case ExitCode::Ok:
            return 0;
        case ExitCode::Failure:
            return 1;
        case ExitCode::NotFound:
            return 2;
        case ExitCode::Auth:
            return 3;
        case ExitCode::Usage:
            return 4;
        }
        return 1;
    };
    return rank(a) >= rank(b) ? a : b;
}

} // namespace coffer::cli
