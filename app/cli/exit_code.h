#pragma once
// The exit status of coffer-cli, so scripts can tell a typo from a missing object from
// bad keys. Documented in --help and README.md; never renumber.

#include "s3/error/s3error.h"

namespace coffer::cli {

enum class ExitCode : int {
    Ok = 0,
    Failure = 1, // a transfer or anything else failed
    Usage = 2, // the command line was wrong
    NotFound = 3, // NoSuchBucket, NoSuchKey, NoSuchUpload, a local file missing
    Auth = 4, // InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, clock skew
};

ExitCode exitCodeFor(const s3::S3Error &error);

// The more telling of two outcomes, for commands that do many things: a usage error
// wins, then auth, then not-found, then failure.
ExitCode worseOf(ExitCode a, ExitCode b);

} // namespace coffer::cli
