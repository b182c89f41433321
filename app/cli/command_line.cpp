// parseCommandLine(): commands and subcommands first-word style (like aws-cli), options
// anywhere after the program name, "--name value" or "--name=value", "--" ends options.

#include "byte_size.h"
#include "help_text.h"
#include "invocation.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

using Kind = CommandKind;

struct CommandName {
    QString name;
    Kind kind;
};

const QList<CommandName> &commandNames()
{
    static const QList<CommandName> names {
        { u"ls"_s, Kind::Ls },
        { u"cp"_s, Kind::Cp },
        { u"mv"_s, Kind::Mv },
        { u"rm"_s, Kind::Rm },
        { u"mb"_s, Kind::Mb },
        { u"rb"_s, Kind::Rb },
        { u"sync"_s, Kind::Sync },
        { u"presign"_s, Kind::Presign },
        { u"uploads list"_s, Kind::UploadsList },
        { u"uploads abort"_s, Kind::UploadsAbort },
        { u"resume"_s, Kind::Resume },
        { u"cors get"_s, Kind::CorsGet },
        { u"cors set"_s, Kind::CorsSet },
        { u"lifecycle get"_s, Kind::LifecycleGet },
        { u"lifecycle set"_s, Kind::LifecycleSet },
    };
    return names;
}

bool isGroup(const QString &word)
{
    return word == u"uploads" || word == u"cors" || word == u"lifecycle";
}

bool isTransfer(Kind k)
{
    return k == Kind::Cp || k == Kind::Mv || k == Kind::Sync || k == Kind::Resume;
}

// Which commands take an option; options not listed here are global.
bool allowedFor(const QString &option, Kind k)
{
    static const QHash<QString, QList<Kind>> table {
        { u"recursive"_s, { Kind::Ls, Kind::Cp, Kind::Mv, Kind::Rm } },
        { u"human-readable"_s, { Kind::Ls } },
        { u"summarize"_s, { Kind::Ls } },
        { u"force"_s, { Kind::Rb } },
        { u"delete"_s, { Kind::Sync } },
        { u"dryrun"_s, { Kind::Cp, Kind::Mv, Kind::Rm, Kind::Sync } },
        { u"expires-in"_s, { Kind::Presign } },
        { u"key"_s, { Kind::UploadsAbort } },
        { u"upload-id"_s, { Kind::UploadsAbort } },
        { u"all"_s, { Kind::UploadsAbort } },
        { u"xml"_s, { Kind::CorsGet, Kind::LifecycleGet } },
    };
    static const QStringList transferOptions { u"concurrency"_s, u"part-size"_s, u"bandwidth-limit"_s,
        u"checksum"_s, u"journal"_s };
    if (transferOptions.contains(option))
        return isTransfer(k);
    const auto it = table.constFind(option);
    return it == table.constEnd() || it->contains(k);
}

const QStringList kValueOptions { u"profile"_s, u"endpoint-url"_s, u"region"_s, u"addressing"_s,
    u"concurrency"_s, u"part-size"_s, u"bandwidth-limit"_s, u"checksum"_s, u"journal"_s, u"expires-in"_s,
    u"key"_s, u"upload-id"_s };
const QStringList kFlagOptions { u"no-verify-ssl"_s, u"quiet"_s, u"json"_s, u"recursive"_s,
    u"human-readable"_s, u"summarize"_s, u"force"_s, u"delete"_s, u"dryrun"_s, u"xml"_s, u"all"_s, u"help"_s,
    u"version"_s };

struct RawOption {
    QString name;
    QString value;
};

ParsedCommandLine usage(const QString &message)
{
    ParsedCommandLine parsed;
    parsed.error = message;
    return parsed;
}

QString seeHelp(const QString &command)
{
    return command.isEmpty() ? u"See 'coffer-cli --help'."_s : u"See 'coffer-cli %1 --help'."_s.arg(command);
}

// Applies one option's value to the invocation; returns an error sentence or empty.
QString applyOption(Invocation &inv, const RawOption &o)
{
    const QString &v = o.value;
    if (o.name == u"profile")
        inv.connection.profile = v;
    else if (o.name == u"endpoint-url")
        inv.connection.endpointUrl = v;
    else if (o.name == u"region")
        inv.connection.region = v;
    else if (o.name == u"addressing") {
        if (v == u"path")
            inv.connection.addressing = s3::AddressingStyle::PathStyle;
        else if (v == u"virtual")
            inv.connection.addressing = s3::AddressingStyle::VirtualHosted;
        else
            return u"--addressing takes “path” or “virtual”, not “%1”."_s.arg(v);
    } else if (o.name == u"no-verify-ssl")
        inv.connection.noVerifySsl = true;
    else if (o.name == u"quiet")
        inv.quiet = true;
    else if (o.name == u"json")
        inv.json = true;
    else if (o.name == u"concurrency") {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 1 || n > 256)
            return u"--concurrency takes a whole number from 1 to 256, not “%1”."_s.arg(v);
        inv.transfer.concurrency = n;
    } else if (o.name == u"part-size") {
        const auto size = parseByteSize(v);
        constexpr qint64 kMin = 5ll * 1024 * 1024;
        constexpr qint64 kMax = 5ll * 1024 * 1024 * 1024;
        if (!size || *size < kMin || *size > kMax)
            return u"--part-size takes a size from 5MiB to 5GiB (for example 8MiB), not “%1”."_s.arg(v);
        inv.transfer.partSize = *size;
    } else if (o.name == u"bandwidth-limit") {
        const auto rate = parseByteRate(v);
        if (!rate)
            return u"--bandwidth-limit takes a rate such as 10MB/s or 500KB/s, not “%1”."_s.arg(v);
        inv.transfer.bandwidthLimit = *rate;
    } else if (o.name == u"checksum") {
        const QString lower = v.toLower();
        if (lower == u"crc32c")
            inv.transfer.checksum = s3::ChecksumAlgorithm::Crc32c;
        else if (lower == u"crc64nvme")
            inv.transfer.checksum = s3::ChecksumAlgorithm::Crc64Nvme;
        else
            return u"--checksum takes crc32c or crc64nvme, not “%1”."_s.arg(v);
    } else if (o.name == u"journal")
        inv.transfer.journalPath = v;
    else if (o.name == u"recursive")
        inv.recursive = true;
    else if (o.name == u"human-readable")
        inv.humanReadable = true;
    else if (o.name == u"summarize")
        inv.summarize = true;
    else if (o.name == u"force")
        inv.force = true;
    else if (o.name == u"delete")
        inv.deleteExtra = true;
    else if (o.name == u"dryrun")
        inv.dryRun = true;
    else if (o.name == u"xml")
        inv.xml = true;
    else if (o.name == u"all")
        inv.all = true;
    else if (o.name == u"expires-in") {
        bool ok = false;
        const qint64 seconds = v.toLongLong(&ok);
        if (!ok || seconds < 1 || seconds > 7 * 24 * 3600)
            return u"--expires-in takes seconds from 1 to 604800 (7 days), not “%1”."_s.arg(v);
        inv.expiresIn = seconds;
    } else if (o.name == u"key")
        inv.uploadKey = v;
    else if (o.name == u"upload-id")
        inv.uploadId = v;
    return {};
}

// Checks the positional words against what the command takes; fills paths and file.
QString applyPositionals(Invocation &inv, const QStringList &words, const QString &name)
{
    const bool profilePaths = !inv.connection.profile.isEmpty();
    const auto count = [&](qsizetype min, qsizetype max) -> QString {
        if (words.size() < min)
            return u"%1 needs %2 path%3. %4"_s.arg(name).arg(min).arg(
                min == 1 ? u""_s : u"s"_s, seeHelp(name));
        if (words.size() > max)
            return u"%1 takes at most %2 path%3, but “%4” came too. %5"_s.arg(name).arg(max).arg(
                max == 1 ? u""_s : u"s"_s, words.at(max), seeHelp(name));
        return {};
    };
    const auto location
        = [&](const QString &word, QString *error) { return parseLocation(word, profilePaths, error); };

    QString error;
    switch (inv.command) {
    case Kind::Ls:
        error = count(0, 1);
        break;
    case Kind::Cp:
    case Kind::Mv:
    case Kind::Sync:
        error = count(2, 2);
        break;
    case Kind::Rm:
    case Kind::Mb:
    case Kind::Rb:
    case Kind::Presign:
    case Kind::UploadsList:
    case Kind::UploadsAbort:
    case Kind::CorsGet:
    case Kind::LifecycleGet:
        error = count(1, 1);
        break;
    case Kind::CorsSet:
    case Kind::LifecycleSet:
        error = count(2, 2);
        break;
    case Kind::Resume:
        error = count(0, 0);
        break;
    }
    if (!error.isEmpty())
        return error;

    for (qsizetype i = 0; i < words.size(); ++i) {
        if ((inv.command == Kind::CorsSet || inv.command == Kind::LifecycleSet) && i == 1) {
            inv.file = words.at(i);
            continue;
        }
        auto parsed = location(words.at(i), &error);
        if (!parsed)
            return error;
        inv.paths.append(*parsed);
    }

    const auto needRemote = [&](const Location &l) -> QString {
        return l.isRemote() ? QString()
                            : u"%1 works on buckets: write s3://BUCKET%2 instead of “%3”."_s.arg(
                                  name, inv.command == Kind::Presign ? u"/KEY"_s : QString(), l.display());
    };
    const auto bucketOnly = [&](const Location &l) -> QString {
        if (QString e = needRemote(l); !e.isEmpty())
            return e;
        return l.key.isEmpty() ? QString()
                               : u"%1 takes a bucket, not an object: write s3://%2."_s.arg(name, l.bucket);
    };

    switch (inv.command) {
    case Kind::Ls:
        return inv.paths.isEmpty() ? QString() : needRemote(inv.paths.first());
    case Kind::Rm:
        return needRemote(inv.paths.first());
    case Kind::Mb:
    case Kind::Rb:
    case Kind::UploadsList:
    case Kind::UploadsAbort:
    case Kind::CorsGet:
    case Kind::CorsSet:
    case Kind::LifecycleGet:
    case Kind::LifecycleSet:
        return bucketOnly(inv.paths.first());
    case Kind::Presign: {
        const Location &l = inv.paths.first();
        if (QString e = needRemote(l); !e.isEmpty())
            return e;
        return l.key.isEmpty() ? u"presign needs an object: write s3://%1/KEY."_s.arg(l.bucket) : QString();
    }
    case Kind::Cp:
    case Kind::Mv:
    case Kind::Sync: {
        const Location &from = inv.paths.at(0);
        const Location &to = inv.paths.at(1);
        if (from.isStream() && to.isStream())
            return u"Only one side of %1 can be “-”."_s.arg(name);
        if (!from.isRemote() && !to.isRemote())
            return u"%1 needs at least one s3:// path; to copy between local paths use your shell's cp. %2"_s
                .arg(name, seeHelp(name));
        if ((from.isStream() || to.isStream()) && (inv.recursive || inv.command == Kind::Sync))
            return u"“-” (standard input or output) works with one object only, not with --recursive or sync."_s;
        if (inv.command == Kind::Mv && from.isStream())
            return u"mv cannot move from standard input; use cp."_s;
        return {};
    }
    case Kind::Resume:
        return {};
    }
    return {};
}

} // namespace

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    QList<RawOption> options;
    QStringList words;
    bool help = false;
    bool version = false;
    bool endOfOptions = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (endOfOptions || !arg.startsWith(u'-') || arg == u"-") {
            words.append(arg);
            continue;
        }
        if (arg == u"--") {
            endOfOptions = true;
            continue;
        }
        if (arg == u"-h") {
            help = true;
            continue;
        }
        if (!arg.startsWith(u"--"_s))
            return usage(
                u"Unknown option “%1”; options are spelled with two dashes. %2"_s.arg(arg, seeHelp({})));
        QString name = arg.mid(2);
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasValue = true;
        }
        if (name == u"help") {
            help = true;
            continue;
        }
        if (name == u"version") {
            version = true;
            continue;
        }
        if (kValueOptions.contains(name)) {
            if (!hasValue) {
                if (i + 1 >= arguments.size())
                    return usage(u"--%1 needs a value. %2"_s.arg(name, seeHelp({})));
                value = arguments.at(++i);
            }
        } else if (kFlagOptions.contains(name)) {
            if (hasValue)
                return usage(u"--%1 takes no value. %2"_s.arg(name, seeHelp({})));
        } else {
            return usage(u"Unknown option --%1. %2"_s.arg(name, seeHelp({})));
        }
        options.append({ name, value });
    }

    if (words.isEmpty() && version) {
        ParsedCommandLine parsed;
        parsed.output = versionText();
        return parsed;
    }
    if (!words.isEmpty() && words.first() == u"help") {
        words.removeFirst();
        help = true;
    }
    if (words.isEmpty()) {
        if (help) {
            ParsedCommandLine parsed;
            parsed.output = generalHelp();
            return parsed;
        }
        return usage(u"No command given. %1"_s.arg(seeHelp({})));
    }

    QString name = words.takeFirst();
    if (isGroup(name)) {
        if (words.isEmpty()) {
            if (help) {
                ParsedCommandLine parsed;
                parsed.output = commandHelp(name);
                return parsed;
            }
            return usage(u"%1 needs a subcommand. %2"_s.arg(name, seeHelp(name)));
        }
        name += u' ' + words.takeFirst();
    }
    const auto known = std::find_if(
        commandNames().cbegin(), commandNames().cend(), [&](const CommandName &c) { return c.name == name; });
    if (known == commandNames().cend())
        return usage(u"Unknown command “%1”. %2"_s.arg(name, seeHelp({})));
    if (help) {
        ParsedCommandLine parsed;
        parsed.output = commandHelp(name);
        return parsed;
    }

    Invocation inv;
    inv.command = known->kind;
    for (const RawOption &o : std::as_const(options)) {
        if (!allowedFor(o.name, inv.command))
            return usage(u"%1 does not take --%2. %3"_s.arg(name, o.name, seeHelp(name)));
        if (QString error = applyOption(inv, o); !error.isEmpty())
            return usage(error);
    }
    if (QString error = applyPositionals(inv, words, name); !error.isEmpty())
        return usage(error);
    if (inv.command == Kind::UploadsAbort) {
        const bool one = !inv.uploadKey.isEmpty() || !inv.uploadId.isEmpty();
        if (inv.all == one || (one && (inv.uploadKey.isEmpty() || inv.uploadId.isEmpty())))
            return usage(
                u"uploads abort needs either --key KEY --upload-id ID, or --all. %1"_s.arg(seeHelp(name)));
    }
    if (inv.quiet && inv.json)
        return usage(u"--quiet and --json do not go together; choose one."_s);

    ParsedCommandLine parsed;
    parsed.invocation = inv;
    return parsed;
}

} // namespace coffer::cli
