#pragma once
// One run of coffer-cli as the command line asked for it, parsed and checked: which
// command, on which locations, with which options. Built by parseCommandLine().

#include "location.h"

#include "s3/checksum/checksum.h"
#include "s3/endpoint/endpoint.h"

#include <QList>
#include <QString>

#include <optional>

namespace coffer::cli {

enum class CommandKind {
    Ls,
    Cp,
    Mv,
    Rm,
    Mb,
    Rb,
    Sync,
    Presign,
    UploadsList,
    UploadsAbort,
    Resume,
    CorsGet,
    CorsSet,
    LifecycleGet,
    LifecycleSet,
};

// How to reach the store; flags win over AWS_* variables, which win over ~/.aws files.
struct ConnectionOptions {
    QString profile; // --profile: a Coffer profile, else an ~/.aws profile of that name
    QString endpointUrl; // --endpoint-url
    QString region; // --region
    std::optional<s3::AddressingStyle> addressing; // --addressing path|virtual
    bool noVerifySsl = false;
    bool operator==(const ConnectionOptions &) const = default;
};

struct TransferOptions {
    int concurrency = 0; // 0: the engine's default
    qint64 partSize = 0; // 0: planned per object
    qint64 bandwidthLimit = 0; // bytes per second, 0: none
    std::optional<s3::ChecksumAlgorithm> checksum; // Crc32c or Crc64Nvme
    QString journalPath; // empty: $XDG_STATE_HOME/coffer/cli-journal.sqlite
    bool operator==(const TransferOptions &) const = default;
};

struct Invocation {
    CommandKind command = CommandKind::Ls;
    ConnectionOptions connection;
    TransferOptions transfer;
    bool quiet = false;
    bool json = false;

    QList<Location> paths; // the positional locations, in order
    QString file; // cors/lifecycle set: the document to read ("-" for stdin)

    bool recursive = false;
    bool humanReadable = false;
    bool summarize = false;
    bool force = false; // rb
    bool deleteExtra = false; // sync --delete
    bool dryRun = false;
    bool xml = false; // cors/lifecycle get
    bool all = false; // uploads abort --all
    qint64 expiresIn = 3600; // presign
    QString uploadKey; // uploads abort --key
    QString uploadId; // uploads abort --upload-id

    bool operator==(const Invocation &) const = default;
};

// What the command line amounts to: a command to run, text to print and exit 0 with
// (--help, --version), or a usage error (exit 2).
struct ParsedCommandLine {
    std::optional<Invocation> invocation;
    QString output;
    QString error; // one sentence, with what to type instead
};

// arguments as QCoreApplication::arguments() gives them (program name first).
ParsedCommandLine parseCommandLine(const QStringList &arguments);

} // namespace coffer::cli
