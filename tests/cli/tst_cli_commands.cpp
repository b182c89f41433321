// coffer-cli end to end against a real coffer-server process: every command, with the
// bytes compared, the exit codes for usage, not-found and auth failures, and --json
// output parsed and checked.

#include "cli_harness.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer::cli::testing;

class TestCliCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<CliRunner> m_cli;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }

    CliResult cli(const QString &line, const QByteArray &input = {})
    {
        return m_cli->run(line.split(u' ', Qt::SkipEmptyParts), input);
    }

    // The relative path -> bytes of every file under a folder.
    static QMap<QString, QByteArray> tree(const QString &folder)
    {
        QMap<QString, QByteArray> files;
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            files.insert(QDir(folder).relativeFilePath(file), fileBytes(file));
        }
        return files;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start(path(u"server"_s)));
        QDir().mkpath(path(u"home"_s));
        m_cli = std::make_unique<CliRunner>(path(u"home"_s), m_server.endpoint());
        const CliResult made = cli(u"mb s3://cli-bucket"_s);
        QCOMPARE(made.exitCode, 0);
        QVERIFY(made.out.contains("make_bucket: cli-bucket"));
    }

    void listBuckets()
    {
        const CliResult r = cli(u"ls"_s);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(" cli-bucket"), r.out.constData());
        const CliResult json = cli(u"ls --json"_s);
        QCOMPARE(json.exitCode, 0);
        bool found = false;
        for (const QJsonObject &e : json.events())
            found |= e[u"event"_s] == u"bucket"_s && e[u"name"_s] == u"cli-bucket"_s;
        QVERIFY(found);
    }

    void uploadAndDownload_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::newRow("empty") << qint64(0);
        QTest::newRow("small") << qint64(1000);
        QTest::newRow("odd 3 MiB") << qint64(3 * 1024 * 1024 + 7);
        QTest::newRow("multipart 20 MiB") << qint64(20 * 1024 * 1024 + 13);
    }
    void uploadAndDownload()
    {
        QFETCH(qint64, size);
        const QString name = u"file-%1.bin"_s.arg(size);
        const QByteArray bytes = randomBytes(size, static_cast<quint32>(size + 1));
        writeFileBytes(path(name), bytes);
        CliResult up = cli(u"cp %1 s3://cli-bucket/up/"_s.arg(path(name)));
        QCOMPARE(up.exitCode, 0);
        QVERIFY2(up.out.contains("upload: "), up.out.constData());
        const QString back = path(u"back/"_s + name);
        CliResult down = cli(u"cp s3://cli-bucket/up/%1 %2"_s.arg(name, back));
        QCOMPARE(down.exitCode, 0);
        QCOMPARE(fileBytes(back), bytes);
        QVERIFY(!QFileInfo::exists(back + u".part"_s));
    }

    void streams()
    {
        const QByteArray bytes = randomBytes(100000, 7);
        QCOMPARE(cli(u"cp - s3://cli-bucket/stream.bin"_s, bytes).exitCode, 0);
        const CliResult out = cli(u"cp s3://cli-bucket/stream.bin -"_s);
        QCOMPARE(out.exitCode, 0);
        QCOMPARE(out.out, bytes);
    }

    // Standard input is cut into parts as it arrives (a pipe has no size to announce):
    // 30 MiB is past the 16 MiB threshold, so it must go up as a multipart upload.
    void largeStreams()
    {
        const QByteArray bytes = randomBytes(30 * 1024 * 1024 + 11, 30);
        const CliResult up = cli(u"cp - s3://cli-bucket/piped.bin"_s, bytes);
        QVERIFY2(up.exitCode == 0, up.err.constData());
        // The server's log arrives through a pipe, a little after the requests.
        const auto logged = [this](const QByteArray &start, const QByteArray &query) {
            const QList<QByteArray> log = m_server.requestLog();
            const QByteArray target = start + " /cli-bucket/piped.bin?";
            return std::count_if(log.cbegin(), log.cend(), [&](const QByteArray &line) {
                return line.startsWith(target) && line.contains(query) && line.contains(" 200 ");
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(logged("POST", "?uploadId="), 1, 10000);
        QCOMPARE(logged("PUT", "partNumber="), 2);
        const CliResult down = cli(u"cp s3://cli-bucket/piped.bin -"_s);
        QCOMPARE(down.exitCode, 0);
        QCOMPARE(down.out.size(), bytes.size());
        QVERIFY(down.out == bytes);
    }

    void listing()
    {
        writeFileBytes(path(u"ls/a.txt"_s), "aaaa");
        writeFileBytes(path(u"ls/sub/b.txt"_s), "bbbbbbbb");
        QCOMPARE(cli(u"cp --recursive %1 s3://cli-bucket/ls"_s.arg(path(u"ls"_s))).exitCode, 0);
        CliResult r = cli(u"ls s3://cli-bucket/ls/"_s);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("PRE sub/"), r.out.constData());
        QVERIFY(r.out.contains(" 4 a.txt"));
        r = cli(u"ls s3://cli-bucket/ls/ --recursive --summarize"_s);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("ls/sub/b.txt"));
        QVERIFY2(r.out.contains("Total Objects: 2"), r.out.constData());
        QVERIFY(r.out.contains("Total Size: 12"));
        r = cli(u"ls s3://cli-bucket/ls/ --recursive --json"_s);
        const QList<QJsonObject> events = r.events();
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.last()[u"event"_s], u"result"_s);
        QCOMPARE(events.last()[u"objects"_s].toInt(), 2);
        QCOMPARE(events.last()[u"bytes"_s].toInt(), 12);
    }

    void folderRoundTripAndSync()
    {
        const QString source = path(u"tree"_s);
        for (int i = 0; i < 30; ++i)
            writeFileBytes(
                source + u"/d%1/e%2/f%3.txt"_s.arg(i % 3).arg(i % 4).arg(i), randomBytes(100 + i, i));
        QCOMPARE(cli(u"cp --recursive %1 s3://cli-bucket/tree/"_s.arg(source)).exitCode, 0);
        QCOMPARE(cli(u"cp --recursive s3://cli-bucket/tree/ %1"_s.arg(path(u"tree-back"_s))).exitCode, 0);
        QCOMPARE(tree(path(u"tree-back"_s)), tree(source));

        // Nothing changed: sync sends nothing.
        CliResult r = cli(u"sync %1 s3://cli-bucket/tree --json"_s.arg(source));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.events().last()[u"completed"_s].toInt(), 0);
        // One file grows, one is removed: sync sends one, --delete removes one.
        writeFileBytes(source + u"/d0/e0/f0.txt"_s, "changed and longer than before");
        QVERIFY(QFile::remove(source + u"/d1/e1/f1.txt"_s));
        r = cli(u"sync %1 s3://cli-bucket/tree --delete --dryrun"_s.arg(source));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.contains("(dryrun) upload: ") && r.out.contains("(dryrun) delete: "), r.out.constData());
        r = cli(u"sync %1 s3://cli-bucket/tree --delete"_s.arg(source));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("f0.txt") && r.out.contains("delete: s3://cli-bucket/tree/d1/e1/f1.txt"),
            r.out.constData());
        r = cli(u"sync s3://cli-bucket/tree %1 --delete"_s.arg(path(u"tree-back"_s)));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(tree(path(u"tree-back"_s)), tree(source));
    }

    void moveAndRemove()
    {
        writeFileBytes(path(u"mv.txt"_s), "move me");
        QCOMPARE(cli(u"mv %1 s3://cli-bucket/moved/a.txt"_s.arg(path(u"mv.txt"_s))).exitCode, 0);
        QVERIFY(!QFileInfo::exists(path(u"mv.txt"_s)));
        QCOMPARE(cli(u"mv s3://cli-bucket/moved/a.txt s3://cli-bucket/moved/b.txt"_s).exitCode, 0);
        QCOMPARE(cli(u"cp s3://cli-bucket/moved/a.txt -"_s).exitCode, 3);
        CliResult r = cli(u"cp s3://cli-bucket/moved/b.txt -"_s);
        QCOMPARE(r.out, QByteArray("move me"));
        QCOMPARE(cli(u"rm s3://cli-bucket/moved/b.txt"_s).exitCode, 0);
        QCOMPARE(cli(u"rm s3://cli-bucket/moved/b.txt"_s).exitCode, 3);
        QCOMPARE(cli(u"rm s3://cli-bucket/ls/ --recursive"_s).exitCode, 0);
        QCOMPARE(cli(u"ls s3://cli-bucket/ls/"_s).exitCode, 3);
    }

    void presign()
    {
        QCOMPARE(cli(u"cp - s3://cli-bucket/presigned.txt"_s, "presigned body").exitCode, 0);
        const CliResult r = cli(u"presign s3://cli-bucket/presigned.txt --expires-in 120"_s);
        QCOMPARE(r.exitCode, 0);
        const QUrl url = QUrl::fromEncoded(r.out.trimmed());
        QVERIFY(url.isValid());
        QVERIFY(r.out.contains("X-Amz-Expires=120"));
        QVERIFY(!r.out.contains(ServerProcess::secretKey()));
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(reply->readAll(), QByteArray("presigned body"));
    }

    void bucketConfiguration()
    {
        writeFileBytes(path(u"cors.json"_s),
            R"({"CORSRules":[{"AllowedOrigins":["https://app.example"],"AllowedMethods":["GET","PUT"],)"
            R"("AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":600}]})");
        QCOMPARE(cli(u"cors set s3://cli-bucket %1"_s.arg(path(u"cors.json"_s))).exitCode, 0);
        CliResult r = cli(u"cors get s3://cli-bucket"_s);
        QCOMPARE(r.exitCode, 0);
        const QJsonObject cors = QJsonDocument::fromJson(r.out).object();
        const QJsonObject rule = cors[u"CORSRules"_s].toArray().first().toObject();
        QCOMPARE(rule[u"AllowedOrigins"_s].toArray().first().toString(), u"https://app.example"_s);
        QCOMPARE(rule[u"AllowedMethods"_s].toArray().size(), 2);
        QCOMPARE(rule[u"MaxAgeSeconds"_s].toInt(), 600);
        r = cli(u"cors get s3://cli-bucket --xml"_s);
        QVERIFY(r.out.contains("<AllowedOrigin>https://app.example</AllowedOrigin>"));
        // XML in, from standard input.
        QCOMPARE(cli(u"cors set s3://cli-bucket -"_s,
                     "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</"
                     "AllowedMethod>"
                     "</CORSRule></CORSConfiguration>")
                     .exitCode,
            0);
        QVERIFY(cli(u"cors get s3://cli-bucket"_s).out.contains("HEAD"));
        // A document with a problem is refused before anything is sent.
        QCOMPARE(
            cli(u"cors set s3://cli-bucket -"_s, R"({"CORSRules":[{"AllowedOrigins":["x"]}]})").exitCode, 2);

        QCOMPARE(
            cli(u"lifecycle set s3://cli-bucket -"_s,
                R"({"Rules":[{"ID":"tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":7}},)"
                R"({"ID":"mpu","Status":"Enabled","Filter":{},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":2}}]})")
                .exitCode,
            0);
        r = cli(u"lifecycle get s3://cli-bucket --json"_s);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rules = r.events().first()[u"document"_s].toObject()[u"Rules"_s].toArray();
        QCOMPARE(rules.size(), 2);
        QCOMPARE(rules.at(0).toObject()[u"Expiration"_s].toObject()[u"Days"_s].toInt(), 7);
        QCOMPARE(rules.at(1)
                     .toObject()[u"AbortIncompleteMultipartUpload"_s]
                     .toObject()[u"DaysAfterInitiation"_s]
                     .toInt(),
            2);
    }

    void jsonProgress()
    {
        const QByteArray bytes = randomBytes(24 * 1024 * 1024, 99);
        writeFileBytes(path(u"json.bin"_s), bytes);
        const CliResult r
            = cli(u"cp %1 s3://cli-bucket/json.bin --json --part-size 5MiB"_s.arg(path(u"json.bin"_s)));
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> events = r.events();
        QVERIFY(events.size() >= 3);
        QCOMPARE(events.first()[u"event"_s], u"start"_s);
        const QString job = events.first()[u"job"_s].toString();
        QVERIFY(!job.isEmpty());
        for (const QJsonObject &e : events) {
            if (e[u"event"_s] != u"progress"_s)
                continue;
            QCOMPARE(e[u"job"_s].toString(), job);
            QVERIFY(e[u"bytesDone"_s].toInteger() <= e[u"bytesTotal"_s].toInteger());
            QVERIFY(e.contains(u"rate"_s) && e.contains(u"state"_s));
        }
        const QJsonObject done = events.at(events.size() - 2);
        QCOMPARE(done[u"event"_s], u"done"_s);
        QCOMPARE(done[u"state"_s], u"completed"_s);
        QCOMPARE(done[u"bytes"_s].toInteger(), bytes.size());
        QCOMPARE(events.last()[u"event"_s], u"result"_s);
        QCOMPARE(events.last()[u"completed"_s].toInt(), 1);
        QCOMPARE(events.last()[u"failed"_s].toInt(), 0);
    }

    // Two servers, two ~/.aws profiles, one command: the bytes stream from one to the other.
    void crossConnectionCopy()
    {
        ServerProcess second;
        QVERIFY(second.start(path(u"server2"_s)));
        const QString home = path(u"home2"_s);
        const QByteArray keys = "aws_access_key_id = " + ServerProcess::accessKey()
            + "\naws_secret_access_key = " + ServerProcess::secretKey() + "\n";
        writeFileBytes(home + u"/.aws/credentials"_s, "[one]\n" + keys + "[two]\n" + keys);
        writeFileBytes(home + u"/.aws/config"_s,
            "[profile one]\nregion = auto\nendpoint_url = " + m_server.endpoint().toUtf8()
                + "\n[profile two]\nregion = auto\nendpoint_url = " + second.endpoint().toUtf8() + "\n");
        CliRunner profiles(home, QString());
        for (const QString &name :
            { u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_ENDPOINT_URL"_s })
            profiles.environment().remove(name);
        // The bytes stream through memory: a temporary file would show up here.
        const QString scratch = path(u"cross-tmp"_s);
        QVERIFY(QDir().mkpath(scratch));
        profiles.environment().insert(u"TMPDIR"_s, scratch);

        const QByteArray bytes = randomBytes(3 * 1024 * 1024 + 5, 42);
        QCOMPARE(cli(u"cp - s3://cli-bucket/cross.bin"_s, bytes).exitCode, 0);
        QCOMPARE(profiles.run({ u"--profile"_s, u"two"_s, u"mb"_s, u"s3://far"_s }).exitCode, 0);
        const CliResult copy = profiles.run(
            { u"--profile"_s, u"one"_s, u"cp"_s, u"one:cli-bucket/cross.bin"_s, u"two:far/copied.bin"_s });
        QVERIFY2(copy.exitCode == 0, copy.err.constData());
        QVERIFY2(QDir(scratch).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System),
            qPrintable(QDir(scratch)
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .join(u", "_s)));
        // Above the threshold the copy goes part by part, still without a file.
        const QByteArray large = randomBytes(20 * 1024 * 1024 + 3, 43);
        QCOMPARE(cli(u"cp - s3://cli-bucket/cross-large.bin"_s, large).exitCode, 0);
        const CliResult multipart = profiles.run({ u"--profile"_s, u"one"_s, u"cp"_s,
            u"one:cli-bucket/cross-large.bin"_s, u"two:far/large.bin"_s, u"--part-size"_s, u"5MiB"_s });
        QVERIFY2(multipart.exitCode == 0, multipart.err.constData());
        QVERIFY(QDir(scratch).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System));
        const auto farParts = [&second] {
            const QList<QByteArray> log = second.requestLog();
            return std::count_if(log.cbegin(), log.cend(), [](const QByteArray &line) {
                return line.startsWith("PUT /far/large.bin?") && line.contains("partNumber=");
            });
        };
        QTRY_COMPARE_WITH_TIMEOUT(farParts(), 5, 10000);
        const CliResult largeBack
            = profiles.run({ u"--profile"_s, u"two"_s, u"cp"_s, u"s3://far/large.bin"_s, u"-"_s });
        QVERIFY(largeBack.out == large);
        const CliResult back
            = profiles.run({ u"--profile"_s, u"two"_s, u"cp"_s, u"s3://far/copied.bin"_s, u"-"_s });
        QCOMPARE(back.exitCode, 0);
        QCOMPARE(back.out, bytes);
        // The first server never got the copy; the second one did.
        QCOMPARE(cli(u"cp s3://cli-bucket/copied.bin -"_s).exitCode, 3);
        QCOMPARE(profiles.run({ u"--profile"_s, u"nosuch"_s, u"ls"_s }).exitCode, 4);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("usage") << u"cp onlyone"_s << 2;
        QTest::newRow("unknown command") << u"explode"_s << 2;
        QTest::newRow("no such key") << u"cp s3://cli-bucket/missing.txt -"_s << 3;
        QTest::newRow("no such bucket") << u"ls s3://no-such-bucket"_s << 3;
        writeFileBytes(path(u"lonely/x.txt"_s), "x");
        QTest::newRow("folder to no such bucket")
            << u"cp --recursive %1 s3://no-such-bucket/"_s.arg(path(u"lonely"_s)) << 3;
        QTest::newRow("no such local file") << u"cp /nonexistent/file.txt s3://cli-bucket/x"_s << 3;
        QTest::newRow("rm missing") << u"rm s3://cli-bucket/missing.txt"_s << 3;
        QTest::newRow("abort missing upload")
            << u"uploads abort s3://cli-bucket --key k --upload-id nope"_s << 3;
        QTest::newRow("rb not empty") << u"rb s3://cli-bucket"_s << 1;
    }
    void exitCodes()
    {
        QFETCH(QString, line);
        QFETCH(int, exitCode);
        const CliResult r = cli(line);
        QCOMPARE(r.exitCode, exitCode);
        // One sentence on stderr, nothing secret.
        QVERIFY2(r.err.startsWith("coffer-cli: "), r.err.constData());
        QVERIFY(!r.err.contains(ServerProcess::secretKey()));
    }

    void authFailures_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::newRow("wrong secret") << u"AWS_SECRET_ACCESS_KEY"_s << u"not-the-secret"_s;
        QTest::newRow("unknown key") << u"AWS_ACCESS_KEY_ID"_s << u"NOSUCHKEY"_s;
    }
    void authFailures()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        CliRunner other(path(u"home"_s), m_server.endpoint());
        other.environment().insert(variable, value);
        const CliResult r = other.run({ u"ls"_s, u"s3://cli-bucket"_s, u"--json"_s });
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!r.err.contains(value.toUtf8()) || variable != u"AWS_SECRET_ACCESS_KEY");
        const QList<QJsonObject> events = r.events();
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.last()[u"event"_s], u"error"_s);
        QCOMPARE(events.last()[u"exitCode"_s].toInt(), 4);
    }

    void noCredentials()
    {
        CliRunner bare(path(u"home"_s), m_server.endpoint());
        bare.environment().remove(u"AWS_ACCESS_KEY_ID"_s);
        bare.environment().remove(u"AWS_SECRET_ACCESS_KEY"_s);
        const CliResult r = bare.run({ u"ls"_s });
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("AWS_ACCESS_KEY_ID"), r.err.constData());
    }

    void removeBucket()
    {
        QCOMPARE(cli(u"mb s3://cli-empty"_s).exitCode, 0);
        QCOMPARE(cli(u"rb s3://cli-empty"_s).exitCode, 0);
        CliResult r = cli(u"rb s3://cli-bucket --force"_s);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("remove_bucket: cli-bucket"));
        QCOMPARE(cli(u"ls s3://cli-bucket"_s).exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_cli_commands.moc"
