// coffer-server under kill -9: the real executable takes 16 concurrent PUTs through
// S3Client and is killed at a random moment, then restarted on the same data directory.
// After every restart each acknowledged PUT must be there byte for byte, and every listed
// key must be a complete object. The bodies are derived from their keys, so an object that
// was committed but never acknowledged can still be checked. After the last restart the
// data directory must hold exactly the blob files the surviving objects need.
#include "client/s3_client.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QHash>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer::client;
namespace s3 = coffer::s3;

namespace {

const QString kBucket = u"durability"_s;
constexpr int kLanes = 16;                      // PUTs in flight, one connection each
constexpr qint64 kMaxBody = 256 * 1024;
constexpr qint64 kInlineLimit = 64 * 1024;      // the store's default: larger bodies get a blob file
constexpr quint32 kSeed = 20261123;

// Keys look like "r<round>/<lane>-<n>-<size>"; the size is the last field.
qint64 bodySize(const QString &key)
{
    return key.mid(key.lastIndexOf(u'-') + 1).toLongLong();
}

// The body stored under key: a header naming the key and length (so a body stored under
// the wrong key or cut short shows), then bytes from a generator seeded by the key's MD5.
QByteArray bodyFor(const QString &key)
{
    const qint64 size = bodySize(key);
    QByteArray body = (key + u'\n').toUtf8().left(size);
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Md5);
    const quint32 seed = quint32(quint8(digest[0])) << 24 | quint32(quint8(digest[1])) << 16
        | quint32(quint8(digest[2])) << 8 | quint32(quint8(digest[3]));
    QRandomGenerator generator{seed};
    body.reserve(size);
    while (body.size() < size)
        body.append(char(generator.bounded(256)));
    return body;
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// One connection's worth of sequential PUTs: its own QNetworkAccessManager, so 16 lanes
// really are 16 connections (one manager opens at most 6 per host).
struct Lane {
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<S3Client> client;
    std::unique_ptr<QBuffer> body;
    bool busy = false;
    int next = 0;
};

} // namespace

class TestServerDurability : public QObject
{
    Q_OBJECT

    QTemporaryDir m_data;
    std::unique_ptr<QProcess> m_server;
    int m_port = 0;
    QNetworkAccessManager m_checkNetwork;
    std::unique_ptr<S3Client> m_checker;
    QHash<QString, QByteArray> m_acknowledged; // key -> SHA-256 of the body we sent
    QRandomGenerator m_random{kSeed};
    int m_round = 0;
    int m_unacknowledgedButComplete = 0;

    ClientConfig configFor(int port) const
    {
        ClientConfig config;
        config.endpoint = *s3::parseEndpoint(u"http://127.0.0.1:%1"_s.arg(port));
        config.addressing = s3::AddressingStyle::PathStyle;
        config.region = "us-east-1";
        config.credentials = {"AK", "SK", {}};
        // A killed server must fail the PUT, not have it retried against the next one.
        config.retry.maxAttempts = 1;
        config.transferTimeout = std::chrono::milliseconds(20000);
        return config;
    }

    // Starts coffer-server on port 0 and waits for its "listening on" line.
    void startServer()
    {
        m_port = 0;
        m_server = std::make_unique<QProcess>();
        m_server->setProgram(QStringLiteral(COFFER_SERVER_EXE));
        m_server->setArguments({u"--data"_s, m_data.path(), u"--listen"_s, u"127.0.0.1:0"_s, u"--access-key"_s,
                                u"AK"_s, u"--secret-key"_s, u"SK"_s});
        QProcess *server = m_server.get();
        connect(server, &QProcess::readyReadStandardOutput, this, [this, server] {
            // Every request is logged on stdout: read it all so the pipe never fills.
            while (server->canReadLine()) {
                const QByteArray line = server->readLine().trimmed();
                if (m_port == 0 && line.startsWith("listening on http://"))
                    m_port = line.mid(line.lastIndexOf(':') + 1).toInt();
            }
        });
        connect(server, &QProcess::readyReadStandardError, this, [server] {
            // The startup sweep reports what it removed here (qCInfo).
            const QByteArray text = server->readAllStandardError().trimmed();
            if (!text.isEmpty())
                qInfo().noquote() << "coffer-server:" << QString::fromUtf8(text);
        });
        server->start();
        QVERIFY2(server->waitForStarted(10000), qPrintable(server->errorString()));
        QTRY_VERIFY2_WITH_TIMEOUT(m_port != 0 || server->state() == QProcess::NotRunning, "no address printed", 10000);
        QVERIFY2(m_port != 0, "coffer-server exited before it printed its address");
        m_checker = std::make_unique<S3Client>(configFor(m_port), &m_checkNetwork);
    }

    bool killServer()
    {
        if (!m_server || m_server->state() == QProcess::NotRunning)
            return true;
        QSignalSpy exited(m_server.get(), &QProcess::finished);
        m_server->kill();
        return exited.wait(10000) || m_server->state() == QProcess::NotRunning;
    }

    template <typename T>
    std::optional<Result<T>> finish(S3Reply<T> *reply)
    {
        std::optional<Result<T>> result;
        reply->onFinished(this, [&result](const Result<T> &value) { result = value; });
        QSignalSpy done(reply, &S3Call::finished);
        if (result || done.wait(30000))
            return result;
        return std::nullopt;
    }

    std::optional<QByteArray> download(const QString &key)
    {
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const auto result = finish(m_checker->getObject({.bucket = kBucket, .key = key}, &sink));
        if (!result || !result->ok())
            return std::nullopt;
        return sink.data();
    }

    // Every (key, size) under prefix, across pages.
    std::optional<QList<s3::ObjectEntry>> listAll(const QString &prefix)
    {
        QList<s3::ObjectEntry> entries;
        QString token;
        for (;;) {
            const auto page = finish(m_checker->listObjectsV2(
                {.bucket = kBucket, .prefix = prefix, .continuationToken = token, .maxKeys = 1000}));
            if (!page || !page->ok())
                return std::nullopt;
            entries += page->value().objects;
            if (!page->value().isTruncated)
                return entries;
            token = page->value().nextContinuationToken;
        }
    }

    // Keeps every lane busy with the next PUT until stopped.
    void putNext(Lane &lane, int laneIndex, const bool &stopped)
    {
        if (stopped)
            return;
        qint64 size = qint64(m_random.bounded(int(kMaxBody) + 1));
        if (lane.next % 4 == 0)
            size = kInlineLimit + 1 + m_random.bounded(int(kMaxBody - kInlineLimit)); // the blob path, always
        const QString key = u"r%1/%2-%3-%4"_s.arg(m_round, 2, 10, QChar(u'0')).arg(laneIndex).arg(lane.next++).arg(size);
        const QByteArray body = bodyFor(key);
        lane.body = std::make_unique<QBuffer>();
        lane.body->setData(body);
        lane.body->open(QIODevice::ReadOnly);
        lane.busy = true;
        lane.client->putObject({.bucket = kBucket, .key = key, .body = lane.body.get(), .size = size})
            ->onFinished(this, [this, &lane, laneIndex, &stopped, key, hash = sha256(body)](const Result<PutObjectResult> &r) {
                lane.busy = false;
                if (r.ok())
                    m_acknowledged.insert(key, hash);
                putNext(lane, laneIndex, stopped);
            });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        startServer();
        if (QTest::currentTestFailed())
            return;
        const auto created = finish(m_checker->createBucket(kBucket));
        QVERIFY(created);
        QVERIFY2(created->ok(), qPrintable(created->error().userMessage()));
    }

    void killDuringConcurrentPuts_data()
    {
        QTest::addColumn<int>("round");
        for (int round = 0; round < 24; ++round)
            QTest::addRow("round %d", round) << round;
    }

    void killDuringConcurrentPuts()
    {
        QFETCH(int, round);
        m_round = round;
        // 30–500 ms after the first PUT starts: early kills hit the first writes and
        // commits in flight, later ones a busy commit queue.
        const int killAfterMs = 30 + int(m_random.bounded(470));

        std::vector<Lane> lanes(kLanes);
        bool stopped = false;
        for (int i = 0; i < kLanes; ++i) {
            lanes[size_t(i)].network = std::make_unique<QNetworkAccessManager>();
            lanes[size_t(i)].client = std::make_unique<S3Client>(configFor(m_port), lanes[size_t(i)].network.get());
        }
        const qsizetype acknowledgedBefore = m_acknowledged.size();
        for (int i = 0; i < kLanes; ++i)
            putNext(lanes[size_t(i)], i, stopped);

        bool killed = false;
        QTimer::singleShot(killAfterMs, this, [this, &stopped, &killed] {
            stopped = true;
            m_server->kill();
            killed = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(killed, 10000);
        QVERIFY(killServer());
        const auto idle = [&lanes] {
            return std::none_of(lanes.begin(), lanes.end(), [](const Lane &lane) { return lane.busy; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(idle(), 30000);
        lanes.clear();
        qInfo("round %d: killed after %d ms, %lld PUT(s) acknowledged", round, killAfterMs,
              qlonglong(m_acknowledged.size() - acknowledgedBefore));

        startServer(); // on the same data directory: the startup sweep runs first
        if (QTest::currentTestFailed())
            return;

        const QString prefix = u"r%1/"_s.arg(round, 2, 10, QChar(u'0'));
        const auto listed = listAll(prefix);
        QVERIFY2(listed, "the listing after the restart failed");
        QSet<QString> listedKeys;
        for (const s3::ObjectEntry &entry : *listed) {
            listedKeys.insert(entry.key);
            // Listed means complete: the right length, and the body written for that key.
            QCOMPARE(entry.size, bodySize(entry.key));
            const auto bytes = download(entry.key);
            QVERIFY2(bytes, qPrintable(u"listed %1 but cannot GET it"_s.arg(entry.key)));
            QVERIFY2(*bytes == bodyFor(entry.key), qPrintable(u"%1 is not the body that was sent"_s.arg(entry.key)));
            if (!m_acknowledged.contains(entry.key))
                ++m_unacknowledgedButComplete;
        }
        for (auto it = m_acknowledged.cbegin(); it != m_acknowledged.cend(); ++it) {
            if (it.key().startsWith(prefix))
                QVERIFY2(listedKeys.contains(it.key()), qPrintable(u"acknowledged %1 is gone"_s.arg(it.key())));
        }
    }

    void acknowledgedObjectsSurviveAllRestarts()
    {
        // Some kills must have landed after acknowledgements, or the test proved nothing.
        QVERIFY(m_acknowledged.size() >= 24);
        qInfo("%lld acknowledged object(s), %d complete but unacknowledged", qlonglong(m_acknowledged.size()),
              m_unacknowledgedButComplete);
        for (auto it = m_acknowledged.cbegin(); it != m_acknowledged.cend(); ++it) {
            const auto bytes = download(it.key());
            QVERIFY2(bytes, qPrintable(u"acknowledged %1 cannot be read"_s.arg(it.key())));
            QCOMPARE(sha256(*bytes).toHex(), it.value().toHex());
        }
    }

    void noOrphanedFilesAfterTheSweep()
    {
        const auto listed = listAll(QString());
        QVERIFY(listed);
        qsizetype needBlob = 0;
        for (const s3::ObjectEntry &entry : *listed)
            needBlob += entry.size > kInlineLimit ? 1 : 0;
        // A clean stop, so nothing is in flight when the files are counted.
        QSignalSpy exited(m_server.get(), &QProcess::finished);
        m_server->terminate();
        QVERIFY(exited.wait(10000));

        const QDir tmp(m_data.filePath(u"tmp"_s));
        QVERIFY(tmp.exists());
        QCOMPARE(tmp.entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
        qsizetype blobFiles = 0;
        const QDir data(m_data.filePath(u"data"_s));
        QVERIFY(data.exists());
        for (const QString &fanout : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            blobFiles += QDir(data.filePath(fanout)).entryList(QDir::Files | QDir::Hidden | QDir::System).size();
        // One plain PUT over the inline limit owns exactly one blob file; any more is an orphan.
        QCOMPARE(blobFiles, needBlob);
    }

    void cleanupTestCase()
    {
        killServer();
    }
};

QTEST_GUILESS_MAIN(TestServerDurability)
#include "tst_server_durability.moc"
