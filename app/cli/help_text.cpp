#include "help_text.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

const QString kGlobalOptions = uR"(GLOBAL OPTIONS
  --profile NAME         Use the Coffer profile NAME (secret from the keychain), or the
                         ~/.aws profile of that name. With --profile, paths may also be
                         written NAME:bucket/key.
  --endpoint-url URL     Override the endpoint (e.g. https://<account>.r2.cloudflarestorage.com).
  --region REGION        Override the region (R2: auto).
  --addressing STYLE     path or virtual.
  --no-verify-ssl        Do not verify TLS certificates (insecure; prints a warning).
  --quiet                Print nothing but errors.
  --json                 Print one JSON object per line: progress events and results.
  --help                 Show help for a command.
)"_s;

const QString kTransferOptions = uR"(TRANSFER OPTIONS
  --concurrency N        Parts or files in flight at once.
  --part-size SIZE       Multipart part size, 5MiB to 5GiB (e.g. 8MiB).
  --bandwidth-limit RATE Cap the rate of everything the command moves, uploads,
                         downloads and standard input alike (e.g. 10MB/s).
  --checksum ALG         crc32c or crc64nvme, sent with every part and checked.
  --journal PATH         The resume journal (default
                         $XDG_STATE_HOME/coffer/cli-journal.sqlite).
)"_s;

const QString kExitCodes = uR"(EXIT CODES
  0  The command succeeded.
  1  A transfer or another operation failed.
  2  The command line was wrong (usage error).
  3  Not found: no such bucket, key or upload, or a local file is missing.
  4  Authentication failed: unknown access key, wrong secret (signature does not
     match), access denied, or this computer's clock is off.
)"_s;

const QString kCredentials = uR"(CREDENTIALS
  Like aws-cli: command-line options win over the AWS_* environment variables
  (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION,
  AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, AWS_PROFILE), which win
  over ~/.aws/credentials and ~/.aws/config. Secrets are never printed.
)"_s;

const QHash<QString, QString> &pages()
{
    static const QHash<QString, QString> p {
        { u"ls"_s, uR"(ls [s3://BUCKET[/PREFIX]] [--recursive] [--human-readable] [--summarize]

  Lists the objects and common prefixes under PREFIX, or all buckets when no path is
  given. --recursive lists every object below PREFIX. --summarize prints the total
  number of objects and their total size.
)"_s },
        { u"cp"_s, uR"(cp SOURCE DESTINATION [--recursive] [--dryrun] [transfer options]

  Copies a local file or S3 object to another location locally or in S3: an upload
  (local to s3://), a download (s3:// to local), a server-side copy (s3:// to s3:// on
  one connection) or a cross-connection copy (PROFILE:bucket/key to s3://...). "-"
  reads standard input (streamed in parts, multipart past 16 MiB) or writes standard
  output. --recursive copies every object under a prefix, or every file in a folder,
  keeping relative paths; a folder or prefix moves as one resumable job. A DESTINATION
  ending in "/" (or an existing folder) receives the source's file name.
)"_s },
        { u"mv"_s, uR"(mv SOURCE DESTINATION [--recursive] [--dryrun] [transfer options]

  Moves a local file or S3 object: copies it, checks the copy, then deletes the source.
)"_s },
        { u"rm"_s, uR"(rm s3://BUCKET/KEY [--recursive] [--dryrun]

  Deletes an object, or with --recursive every object under a prefix (in batches of
  1,000).
)"_s },
        { u"mb"_s, uR"(mb s3://BUCKET

  Creates a bucket.
)"_s },
        { u"rb"_s, uR"(rb s3://BUCKET [--force]

  Deletes an empty bucket. --force first deletes every object and aborts every
  unfinished multipart upload in it.
)"_s },
        { u"sync"_s, uR"(sync SOURCE DESTINATION [--delete] [--dryrun] [transfer options]

  Copies new and changed files from SOURCE to DESTINATION (a folder and a prefix, in
  either direction). A file counts as changed when its size differs, or when the source
  is newer than the destination, as in aws-cli. --delete removes files in DESTINATION
  that are not in SOURCE. --dryrun shows what would happen and changes nothing.
)"_s },
        { u"presign"_s, uR"(presign s3://BUCKET/KEY [--expires-in SECONDS]

  Prints a URL that lets anyone holding it GET the object until it expires. Default
  3600 seconds (one hour), at most 604800 (7 days). Computed locally; nothing is sent.
)"_s },
        { u"uploads"_s, uR"(uploads list s3://BUCKET
uploads abort s3://BUCKET (--key KEY --upload-id ID | --all)

  Lists unfinished multipart uploads (their parts are stored and billed), with the
  initiation date and the size of the parts uploaded so far, and aborts them.
)"_s },
        { u"resume"_s, uR"(resume [--journal PATH] [transfer options]

  Continues the transfers an earlier cp, mv or sync left unfinished (after a crash, a
  kill or a lost connection), re-sending only the parts that did not arrive. A source
  file that changed since is detected and its transfer started over.
)"_s },
        { u"cors"_s, uR"(cors get s3://BUCKET [--xml]
cors set s3://BUCKET FILE

  Reads or replaces a bucket's CORS rules. FILE ("-" for standard input) is S3 XML
  (<CORSConfiguration>) or aws-cli's JSON ({"CORSRules": [...]}). get prints JSON, or
  the XML with --xml.
)"_s },
        { u"lifecycle"_s, uR"(lifecycle get s3://BUCKET [--xml]
lifecycle set s3://BUCKET FILE

  Reads or replaces a bucket's lifecycle rules. FILE ("-" for standard input) is S3 XML
  (<LifecycleConfiguration>) or aws-cli's JSON ({"Rules": [...]}). get prints JSON, or
  the XML with --xml.
)"_s },
    };
    return p;
}

bool isTransferCommand(const QString &name)
{
    return name == u"cp" || name == u"mv" || name == u"sync" || name == u"resume";
}

} // namespace

QString generalHelp()
{
    return uR"(usage: coffer-cli [options] <command> <subcommand> [parameters]

coffer-cli moves data between local files and S3-compatible stores (Cloudflare R2,
Amazon S3, the Coffer server, ...): fast, resumable and verified.

COMMANDS
  ls        List buckets, or objects under a prefix
  cp        Copy files and objects (upload, download, server-side, cross-connection)
  mv        Move files and objects
  rm        Delete objects
  mb        Make a bucket
  rb        Remove a bucket
  sync      Copy only new and changed files; --delete removes extra ones
  presign   Print a time-limited URL for an object
  uploads   List or abort unfinished multipart uploads
  resume    Continue interrupted transfers from the journal
  cors      Get or set a bucket's CORS rules
  lifecycle Get or set a bucket's lifecycle rules
  serve     Run the embedded S3 server (coffer-server's options: serve --help)

Run 'coffer-cli <command> --help' for a command's parameters.

)"_s % kGlobalOptions
        % u"\n"_s % kTransferOptions % u"\n"_s % kCredentials % u"\n"_s % kExitCodes;
}

QString commandHelp(const QString &name)
{
    const QString group = name.section(u' ', 0, 0);
    const auto it = pages().constFind(group);
    if (it == pages().constEnd())
        return {};
    QString text = u"usage: coffer-cli "_s % *it % u"\n"_s % kGlobalOptions;
    if (isTransferCommand(group))
        text += u"\n"_s % kTransferOptions;
    return text % u"\n"_s % kExitCodes;
}

QString versionText()
{
    return u"coffer-cli "_s + QStringLiteral(COFFER_VERSION);
}

} // namespace coffer::cli
