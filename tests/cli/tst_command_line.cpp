// parseCommandLine(): commands, options, positional paths, and the usage errors that
// exit 2, each checked against what the parser made of the words.

#include "invocation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::cli;

Q_DECLARE_METATYPE(coffer::cli::CommandKind)

namespace {

QStringList words(const QString &line)
{
    return QStringList { u"coffer-cli"_s } + line.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<CommandKind>("kind");
        QTest::addColumn<int>("paths");
        QTest::newRow("ls buckets") << u"ls"_s << CommandKind::Ls << 0;
        QTest::newRow("ls prefix") << u"ls s3://b/p/"_s << CommandKind::Ls << 1;
        QTest::newRow("cp up") << u"cp a.txt s3://b/k"_s << CommandKind::Cp << 2;
        QTest::newRow("cp down") << u"cp s3://b/k ./x"_s << CommandKind::Cp << 2;
        QTest::newRow("cp stdin") << u"cp - s3://b/k"_s << CommandKind::Cp << 2;
        QTest::newRow("mv") << u"mv s3://b/k s3://c/k"_s << CommandKind::Mv << 2;
        QTest::newRow("rm") << u"rm s3://b/k"_s << CommandKind::Rm << 1;
        QTest::newRow("mb") << u"mb s3://b"_s << CommandKind::Mb << 1;
        QTest::newRow("rb") << u"rb s3://b --force"_s << CommandKind::Rb << 1;
        QTest::newRow("sync") << u"sync dir s3://b/p --delete"_s << CommandKind::Sync << 2;
        QTest::newRow("presign") << u"presign s3://b/k"_s << CommandKind::Presign << 1;
        QTest::newRow("uploads list") << u"uploads list s3://b"_s << CommandKind::UploadsList << 1;
        QTest::newRow("uploads abort all")
            << u"uploads abort s3://b --all"_s << CommandKind::UploadsAbort << 1;
        QTest::newRow("resume") << u"resume"_s << CommandKind::Resume << 0;
        QTest::newRow("cors get") << u"cors get s3://b"_s << CommandKind::CorsGet << 1;
        QTest::newRow("cors set") << u"cors set s3://b rules.json"_s << CommandKind::CorsSet << 1;
        QTest::newRow("lifecycle get") << u"lifecycle get s3://b --xml"_s << CommandKind::LifecycleGet << 1;
        QTest::newRow("lifecycle set") << u"lifecycle set s3://b -"_s << CommandKind::LifecycleSet << 1;
        QTest::newRow("options first") << u"--quiet --region auto ls s3://b"_s << CommandKind::Ls << 1;
    }
    void commands()
    {
        QFETCH(QString, line);
        QFETCH(CommandKind, kind);
        QFETCH(int, paths);
        const ParsedCommandLine parsed = parseCommandLine(words(line));
        QVERIFY2(parsed.invocation, qPrintable(parsed.error));
        QCOMPARE(parsed.invocation->command, kind);
        QCOMPARE(parsed.invocation->paths.size(), paths);
        QVERIFY(parsed.output.isEmpty());
    }

    void options()
    {
        const ParsedCommandLine parsed = parseCommandLine(words(
            u"cp --recursive dir s3://b/p/ --concurrency=12 --part-size 8MiB --bandwidth-limit 10MB/s "
            "--checksum crc64nvme --journal /tmp/j.sqlite --endpoint-url http://127.0.0.1:9 --region auto "
            "--addressing path --no-verify-ssl --json --dryrun"_s));
        QVERIFY2(parsed.invocation, qPrintable(parsed.error));
        const Invocation &inv = *parsed.invocation;
        QVERIFY(inv.recursive);
        QVERIFY(inv.dryRun);
        QVERIFY(inv.json);
        QCOMPARE(inv.transfer.concurrency, 12);
        QCOMPARE(inv.transfer.partSize, 8 * 1024 * 1024);
        QCOMPARE(inv.transfer.bandwidthLimit, 10 * 1024 * 1024);
        QCOMPARE(inv.transfer.checksum, coffer::s3::ChecksumAlgorithm::Crc64Nvme);
        QCOMPARE(inv.transfer.journalPath, u"/tmp/j.sqlite"_s);
        QCOMPARE(inv.connection.endpointUrl, u"http://127.0.0.1:9"_s);
        QCOMPARE(inv.connection.region, u"auto"_s);
        QCOMPARE(inv.connection.addressing, coffer::s3::AddressingStyle::PathStyle);
        QVERIFY(inv.connection.noVerifySsl);
        QCOMPARE(inv.paths.at(0).localPath, u"dir"_s);
        QCOMPARE(inv.paths.at(1).bucket, u"b"_s);
        QCOMPARE(inv.paths.at(1).key, u"p/"_s);
    }

    void commandOptions()
    {
        const auto inv = parseCommandLine(words(u"presign s3://b/k --expires-in 60"_s)).invocation;
        QVERIFY(inv);
        QCOMPARE(inv->expiresIn, 60);
        QCOMPARE(parseCommandLine(words(u"presign s3://b/k"_s)).invocation->expiresIn, 3600);
        const auto abort
            = parseCommandLine(words(u"uploads abort s3://b --key a/b --upload-id XYZ"_s)).invocation;
        QVERIFY(abort);
        QCOMPARE(abort->uploadKey, u"a/b"_s);
        QCOMPARE(abort->uploadId, u"XYZ"_s);
        const auto set = parseCommandLine(words(u"cors set s3://b rules.xml"_s)).invocation;
        QVERIFY(set);
        QCOMPARE(set->file, u"rules.xml"_s);
        const auto profile = parseCommandLine(words(u"--profile work cp work:b/k other:c/k"_s)).invocation;
        QVERIFY(profile);
        QCOMPARE(profile->paths.at(0).connection, u"work"_s);
        QCOMPARE(profile->paths.at(1).connection, u"other"_s);
        QCOMPARE(profile->paths.at(1).bucket, u"c"_s);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("nothing") << QString() << u"No command"_s;
        QTest::newRow("unknown command") << u"frobnicate"_s << u"frobnicate"_s;
        QTest::newRow("unknown option") << u"ls --frob"_s << u"--frob"_s;
        QTest::newRow("single dash") << u"ls -r"_s << u"-r"_s;
        QTest::newRow("option of another command") << u"ls s3://b --delete"_s << u"--delete"_s;
        QTest::newRow("transfer option on ls") << u"ls --concurrency 4"_s << u"--concurrency"_s;
        QTest::newRow("missing value") << u"ls --region"_s << u"--region"_s;
        QTest::newRow("flag with value") << u"ls --quiet=yes"_s << u"--quiet"_s;
        QTest::newRow("cp one path") << u"cp a.txt"_s << u"cp needs 2 paths"_s;
        QTest::newRow("cp three paths") << u"cp a b s3://c/d"_s << u"at most 2"_s;
        QTest::newRow("cp local to local") << u"cp a b"_s << u"s3://"_s;
        QTest::newRow("rm local") << u"rm a.txt"_s << u"s3://"_s;
        QTest::newRow("mb with key") << u"mb s3://b/k"_s << u"not an object"_s;
        QTest::newRow("presign bucket") << u"presign s3://b"_s << u"KEY"_s;
        QTest::newRow("no bucket") << u"ls s3://"_s << u"no bucket"_s;
        QTest::newRow("group without sub") << u"uploads"_s << u"subcommand"_s;
        QTest::newRow("bad sub") << u"cors delete s3://b"_s << u"cors delete"_s;
        QTest::newRow("abort without target") << u"uploads abort s3://b"_s << u"--all"_s;
        QTest::newRow("abort both") << u"uploads abort s3://b --all --key k --upload-id u"_s << u"--all"_s;
        QTest::newRow("bad concurrency") << u"cp a s3://b/k --concurrency 0"_s << u"--concurrency"_s;
        QTest::newRow("part too small") << u"cp a s3://b/k --part-size 1MiB"_s << u"5MiB"_s;
        QTest::newRow("bad rate") << u"cp a s3://b/k --bandwidth-limit fast"_s << u"--bandwidth-limit"_s;
        QTest::newRow("bad checksum") << u"cp a s3://b/k --checksum md5"_s << u"crc32c"_s;
        QTest::newRow("expiry too long") << u"presign s3://b/k --expires-in 604801"_s << u"604800"_s;
        QTest::newRow("bad addressing") << u"ls --addressing dns"_s << u"path"_s;
        QTest::newRow("stdin recursive") << u"cp - s3://b/k --recursive"_s << u"one object"_s;
        QTest::newRow("both streams") << u"cp - -"_s << u"Only one side"_s;
        QTest::newRow("quiet and json") << u"ls --quiet --json"_s << u"--json"_s;
        QTest::newRow("resume with path") << u"resume s3://b"_s << u"at most 0"_s;
    }
    void usageErrors()
    {
        QFETCH(QString, line);
        QFETCH(QString, mentions);
        const ParsedCommandLine parsed = parseCommandLine(words(line));
        QVERIFY(!parsed.invocation);
        QVERIFY(parsed.output.isEmpty());
        QVERIFY2(parsed.error.contains(mentions), qPrintable(parsed.error));
    }

    void help_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("--help") << u"--help"_s << u"COMMANDS"_s;
        QTest::newRow("help") << u"help"_s << u"COMMANDS"_s;
        QTest::newRow("cp --help") << u"cp --help"_s << u"cp SOURCE DESTINATION"_s;
        QTest::newRow("help sync") << u"help sync"_s << u"--delete"_s;
        QTest::newRow("uploads help") << u"uploads --help"_s << u"uploads abort"_s;
        QTest::newRow("cors set -h") << u"cors set -h"_s << u"CORSRules"_s;
        QTest::newRow("exit codes") << u"--help"_s << u"4  Authentication failed"_s;
        QTest::newRow("command exit codes") << u"ls --help"_s << u"3  Not found"_s;
        QTest::newRow("version") << u"--version"_s << u"coffer-cli "_s;
    }
    void help()
    {
        QFETCH(QString, line);
        QFETCH(QString, mentions);
        const ParsedCommandLine parsed = parseCommandLine(words(line));
        QVERIFY(!parsed.invocation);
        QVERIFY(parsed.error.isEmpty());
        QVERIFY2(parsed.output.contains(mentions), qPrintable(parsed.output));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_command_line.moc"
