#pragma once
// "Copy as curl": one S3 request as a curl command line a user can paste into a POSIX
// shell and run. curl signs it itself (--aws-sigv4), so the command carries no
// signature that would expire, and the keys appear only when the caller reveals them;
// otherwise they are the shell variables aws-cli uses, expanded when the command runs.

#include "http_activity.h"

#include "s3/sigv4/signer.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer::client {

struct CurlRequest {
    QByteArray method = "GET";
    QString url;                         // as sent: scheme, host, encoded path and query
    s3::sigv4::HeaderList headers;       // extra headers sent and signed (Range, checksums, ...)
    // Where the request body comes from (PUT/POST) and where a GET object's bytes go. A
    // placeholder the user replaces, or a real path; empty: no body / write to stdout.
    QString bodyFile;
    QString outputFile;
};

struct CurlOptions {
    QByteArray region = "us-east-1";     // "auto" on R2
    // Set: the keys are written into the command. Unset: $AWS_ACCESS_KEY_ID,
    // $AWS_SECRET_ACCESS_KEY (and $AWS_SESSION_TOKEN when sessionToken is true).
    std::optional<s3::sigv4::Credentials> revealedKeys;
    bool sessionToken = false;           // the masked form also sends x-amz-security-token
};

// The request an Activity row describes: its method, URL and extra headers (never the
// secrets); a PUT or POST reads its body from a file named after the key, and a GET of
// an object writes to a file of that name.
CurlRequest curlRequestFor(const HttpActivity &record);

// The command line, every argument quoted for a POSIX shell.
QString curlCommand(const CurlRequest &request, const CurlOptions &options);

// One argument in single quotes (a ' inside becomes '\''), unless it is made only of
// characters no shell treats specially.
QString shellQuote(const QString &argument);

} // namespace coffer::client
