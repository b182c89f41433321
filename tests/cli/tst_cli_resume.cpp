// Crash tests of coffer-cli with the transfer engine, against a real coffer-server:
// kill -9 in the middle of an upload and of a download, then `coffer-cli resume`; the
// result is byte-identical and the server's request log shows that finished parts were
// not sent again. Also: a changed source is detected, R2 mode never sees unequal parts,
// and 2,000 small files in nested folders make the round trip intact.

#include "cli_harness.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer::cli::testing;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

// partNumber -> how many times the server answered 200 to a PUT of that part of key.
QMap<int, int> partUploads(const QList<QByteArray> &log, const QByteArray &key)
{
    static const QRegularExpression part(u"^PUT (\\S+)\\?\\S*partNumber=(\\d+)\\S* 200 "_s);
    QMap<int, int> counts;
    for (const QByteArray &line : log) {
        const auto m = part.match(QString::fromLatin1(line));
        if (m.hasMatch() && m.captured(1).toLatin1().endsWith(key))
            ++counts[m.captured(2).toInt()];
    }
    return counts;
}

// partNumber -> the "in=" size of the part PUTs of key (parts go up without framing).
QMap<int, qint64> partSizes(const QList<QByteArray> &log, const QByteArray &key)
{
    static const QRegularExpression part(u"^PUT (\\S+)\\?\\S*partNumber=(\\d+)\\S* 200 in=(\\d+)"_s);
    QMap<int, qint64> sizes;
    for (const QByteArray &line : log) {
        const auto m = part.match(QString::fromLatin1(line));
        if (m.hasMatch() && m.captured(1).toLatin1().endsWith(key))
            sizes.insert(m.captured(2).toInt(), m.captured(3).toLongLong());
    }
    return sizes;
}

// Bytes the server sent in answers to GETs of key, from line `from` on.
qint64 bytesServed(const QList<QByteArray> &log, const QByteArray &key, qsizetype from)
{
    static const QRegularExpression get(u"^GET (\\S+) 20[06] in=\\d+ out=(\\d+)"_s);
    qint64 total = 0;
    for (qsizetype i = from; i < log.size(); ++i) {
        const auto m = get.match(QString::fromLatin1(log.at(i)));
        if (m.hasMatch() && m.captured(1).toLatin1().endsWith(key))
            total += m.captured(2).toLongLong();
    }
    return total;
}

} // namespace

class TestCliResume : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ServerProcess m_server;
    std::unique_ptr<CliRunner> m_cli;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    bool logHas(const QByteArray &start)
    {
        const QList<QByteArray> log = m_server.requestLog();
        return std::any_of(
            log.cbegin(), log.cend(), [&start](const QByteArray &line) { return line.startsWith(start); });
    }
    // Makes a request the server logs, and waits for its line: every request answered
    // before it is in the log by then.
    bool syncLog()
    {
        const QByteArray marker = QByteArray("marker-") + QByteArray::number(++m_markers);
        const QByteArray needle = QByteArray("prefix=") + marker;
        cli(u"ls s3://resume/%1"_s.arg(QString::fromLatin1(marker)));
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10000) {
            for (const QByteArray &line : m_server.requestLog()) {
                if (line.contains(needle))
                    return true;
            }
            QTest::qWait(20);
        }
        return false;
    }
    int m_markers = 0;
    CliResult cli(const QString &line) { return m_cli->run(line.split(u' ', Qt::SkipEmptyParts)); }

    // Runs the command with --json and kills it once a progress event passed half of the
    // bytes; returns whether it was killed in the middle. The bandwidth limit keeps a
    // fast machine from finishing the rest before SIGKILL lands (200 MiB take ~5 s).
    bool killHalfway(const QString &line)
    {
        return m_cli->runAndKill(
            QString(line + u" --json --bandwidth-limit 40MiB/s"_s).split(u' ', Qt::SkipEmptyParts), [](const QJsonObject &e) {
                const qint64 total = e[u"bytesTotal"_s].toInteger();
                return e[u"event"_s] == u"progress"_s && total > 0
                    && e[u"bytesDone"_s].toInteger() * 2 >= total;
            });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start(path(u"server"_s), { u"--mode"_s, u"r2"_s }));
        QDir().mkpath(path(u"home"_s));
        m_cli = std::make_unique<CliRunner>(path(u"home"_s), m_server.endpoint());
        QCOMPARE(cli(u"mb s3://resume"_s).exitCode, 0);
        writeFileBytes(path(u"big.bin"_s), randomBytes(200 * kMiB, 2026));
    }

    void uploadResumesAfterKill()
    {
        const QString file = path(u"big.bin"_s);
        QVERIFY(killHalfway(u"cp %1 s3://resume/big.bin --part-size 8MiB --concurrency 4"_s.arg(file)));
        // The killed upload left an unfinished multipart upload behind.
        const CliResult uploads = cli(u"uploads list s3://resume --json"_s);
        QCOMPARE(uploads.exitCode, 0);
        QCOMPARE(uploads.events().last()[u"uploads"_s].toInt(), 1);
        // The server logs a request after answering it: wait for the listing's line, which
        // comes after everything the killed process had finished.
        QTRY_VERIFY_WITH_TIMEOUT(logHas("GET /resume?uploads"), 10000);
        const QMap<int, int> before = partUploads(m_server.requestLog(), "/resume/big.bin");
        QVERIFY(before.size() >= 4);
        QVERIFY(before.size() < 25);

        const CliResult resumed = cli(u"resume --json"_s);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(resumed.events().last()[u"completed"_s].toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(logHas("POST /resume/big.bin?uploadId="), 10000);

        const QMap<int, int> after = partUploads(m_server.requestLog(), "/resume/big.bin");
        QCOMPARE(after.size(), 25); // 200 MiB in 8 MiB parts
        // Parts the journal had recorded are never sent again. The engine re-sends only a
        // part the server finished but the killed process never confirmed (so its
        // checksum was never compared): at most the 4 that were in flight.
        int resent = 0;
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            QVERIFY(it.value() <= 2);
            resent += it.value() - 1;
        }
        QVERIFY2(resent <= 4, qPrintable(u"%1 finished parts were sent again"_s.arg(resent)));
        QVERIFY(before.size() - resent >= 1);

        QCOMPARE(cli(u"cp s3://resume/big.bin %1"_s.arg(path(u"big.back"_s))).exitCode, 0);
        QCOMPARE(fileDigest(path(u"big.back"_s)), fileDigest(file));
        QCOMPARE(cli(u"uploads list s3://resume --json"_s).events().last()[u"uploads"_s].toInt(), 0);
        QCOMPARE(cli(u"resume"_s).exitCode, 0); // nothing left
    }

    void downloadResumesAfterKill()
    {
        const QString target = path(u"download/big.bin"_s);
        const qsizetype logStart = m_server.requestLog().size();
        QVERIFY(killHalfway(u"cp s3://resume/big.bin %1 --part-size 8MiB --concurrency 4"_s.arg(target)));
        QVERIFY(!QFileInfo::exists(target)); // never a partial file under the final name
        QVERIFY(syncLog());
        const qsizetype resumeStart = m_server.requestLog().size();
        const qint64 servedBefore = bytesServed(m_server.requestLog(), "/resume/big.bin", logStart);
        QVERIFY(servedBefore > 0);

        const CliResult resumed = cli(u"resume --json"_s);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(fileDigest(target), fileDigest(path(u"big.bin"_s)));
        QVERIFY(syncLog());
        // Only what had not arrived was fetched again.
        const qint64 servedAfter = bytesServed(m_server.requestLog(), "/resume/big.bin", resumeStart);
        QVERIFY2(servedAfter < 200 * kMiB, qPrintable(u"resume fetched %1 bytes"_s.arg(servedAfter)));
    }

    void changedSourceIsDetected()
    {
        const QString file = path(u"changing.bin"_s);
        writeFileBytes(file, randomBytes(120 * kMiB, 5));
        QVERIFY(killHalfway(u"cp %1 s3://resume/changing.bin --part-size 8MiB --concurrency 2"_s.arg(file)));
        const QByteArray changed = randomBytes(121 * kMiB, 6);
        writeFileBytes(file, changed);
        const CliResult resumed = cli(u"resume --json"_s);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        bool noticed = false;
        for (const QJsonObject &e : resumed.events())
            noticed |= e[u"event"_s] == u"notice"_s;
        QVERIFY2(noticed, resumed.out.constData());
        QVERIFY(!resumed.err.isEmpty()); // the notice, as a warning
        QCOMPARE(cli(u"cp s3://resume/changing.bin %1"_s.arg(path(u"changing.back"_s))).exitCode, 0);
        QCOMPARE(fileDigest(path(u"changing.back"_s)), fileDigest(file));
    }

    void r2ModeGetsEqualParts()
    {
        // The server runs in R2 mode, which refuses unequal non-trailing parts.
        const QString file = path(u"three.bin"_s);
        writeFileBytes(file, randomBytes(12 * kMiB + 12345, 3));
        QCOMPARE(cli(u"cp %1 s3://resume/three.bin --part-size 5MiB"_s.arg(file)).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(logHas("POST /resume/three.bin?uploadId="), 10000);
        const QMap<int, qint64> sizes = partSizes(m_server.requestLog(), "/resume/three.bin");
        QCOMPARE(sizes.size(), 3);
        QCOMPARE(sizes.value(1), 5 * kMiB);
        QCOMPARE(sizes.value(2), 5 * kMiB);
        QCOMPARE(sizes.value(3), 2 * kMiB + 12345);
        QCOMPARE(cli(u"cp s3://resume/three.bin %1"_s.arg(path(u"three.back"_s))).exitCode, 0);
        QCOMPARE(fileBytes(path(u"three.back"_s)), fileBytes(file));
    }

    void twoThousandSmallFiles()
    {
        const QString source = path(u"many"_s);
        for (int i = 0; i < 2000; ++i)
            writeFileBytes(source + u"/a%1/b%2/c%3/file-%4.txt"_s.arg(i % 5).arg(i % 7).arg(i % 3).arg(i),
                randomBytes(64 + i % 200, static_cast<quint32>(i)));
        const CliResult up = cli(u"cp --recursive %1 s3://resume/many/ --quiet"_s.arg(source));
        QVERIFY2(up.exitCode == 0, up.err.constData());
        const CliResult down
            = cli(u"cp --recursive s3://resume/many/ %1 --quiet"_s.arg(path(u"many-back"_s)));
        QVERIFY2(down.exitCode == 0, down.err.constData());
        QProcess diff;
        diff.start(u"diff"_s, { u"-r"_s, source, path(u"many-back"_s) });
        QVERIFY(diff.waitForFinished(120000));
        QVERIFY2(diff.exitCode() == 0, diff.readAllStandardOutput().left(2000).constData());
        int count = 0;
        QDirIterator it(path(u"many-back"_s), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++count;
        }
        QCOMPARE(count, 2000);
    }
};

QTEST_GUILESS_MAIN(TestCliResume)
#include "tst_cli_resume.moc"
