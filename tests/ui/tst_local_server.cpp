// The local server of "Try it offline": started off the GUI thread, keys kept, sample
// bucket made once, stopped and started again.
#include "client/s3_client.h"
#include "ui/connection/connection.h"
#include "ui/connection/local_session.h"
#include "ui/connection/sample_bucket.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using namespace coffer::ui;
using State = LocalServer::State;

namespace {

// Every key in the sample bucket, through the session's own connection.
QStringList listSample(Connection *connection, bool *ok)
{
    QStringList keys;
    bool done = false;
    *ok = false;
    client::ListObjectsV2Params params;
    params.bucket = kSampleBucket.toString();
    connection->client()->listObjectsV2(params)->onFinished(
        connection, [&](const client::Result<s3::ListObjectsPage> &page) {
            done = true;
            *ok = page.ok();
            if (page.ok()) {
                for (const s3::ObjectEntry &entry : page->objects)
                    keys.append(entry.key);
            }
        });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        *ok = false;
    return keys;
}

bool deleteKey(Connection *connection, const QString &key)
{
    bool done = false;
    bool ok = false;
    client::DeleteObjectParams params;
    params.bucket = kSampleBucket.toString();
    params.key = key;
    connection->client()->deleteObject(params)->onFinished(
        connection, [&](const client::Result<client::Done> &r) {
            done = true;
            ok = r.ok();
        });
    return QTest::qWaitFor([&] { return done; }, 30000) && ok;
}

} // namespace

class TestLocalServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"CofferTest"_s);
        QCoreApplication::setApplicationName(u"tst_local_server"_s);
    }

    void startsAndServesTheSampleBucket()
    {
        QTemporaryDir dir;
        LocalSession session(dir.path(), nullptr);
        QSignalSpy ready(&session, &LocalSession::ready);
        QSignalSpy failed(&session, &LocalSession::failed);
        session.start();
        // start() returns at once; the server comes up on its own thread.
        QVERIFY(session.server()->state() == State::Starting || session.server()->state() == State::Running);
        QVERIFY(ready.wait(30000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(session.server()->state(), State::Running);
        QVERIFY(session.server()->port() != 0);
        QCOMPARE(session.server()->endpointUrl(), u"http://127.0.0.1:%1"_s.arg(session.server()->port()));

        Connection *connection = session.connection();
        QVERIFY(connection);
        QCOMPARE(connection->state(), Connection::State::Ready);
        QCOMPARE(connection->profile().id, localConnectionId());
        bool ok = false;
        QStringList keys = listSample(connection, &ok);
        QVERIFY(ok);
        QStringList expected = SampleBucket::sampleKeys();
        expected.sort();
        QCOMPARE(keys, expected);
        QVERIFY(keys.contains(u"docs/guides/getting-started.md"_s)); // a nested prefix

        // No keychain given: the key pair lives in the data directory, for its owner only.
        const QString keyFile = dir.filePath(u"credentials.json"_s);
        QVERIFY(QFile::exists(keyFile));
        QCOMPARE(QFile::permissions(keyFile) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        QCOMPARE(session.server()->keyLocation(), keyFile);
    }

    void keepsItsKeysAndMakesTheSampleOnce()
    {
        QTemporaryDir dir;
        QByteArray firstKey;
        {
            LocalSession first(dir.path(), nullptr);
            QSignalSpy ready(&first, &LocalSession::ready);
            first.start();
            QVERIFY(ready.wait(30000));
            firstKey = first.server()->credentials().accessKeyId;
            QVERIFY(deleteKey(first.connection(), u"README.txt"_s));
        }
        LocalSession second(dir.path(), nullptr);
        QSignalSpy ready(&second, &LocalSession::ready);
        second.start();
        QVERIFY(ready.wait(30000));
        QCOMPARE(second.server()->credentials().accessKeyId, firstKey);
        bool ok = false;
        const QStringList keys = listSample(second.connection(), &ok);
        QVERIFY(ok);
        // What the user deleted stays deleted: the sample is made on the first start only.
        QVERIFY(!keys.contains(u"README.txt"_s));
        QCOMPARE(keys.size(), SampleBucket::sampleKeys().size() - 1);
    }

    void stopsAndStartsAgain()
    {
        QTemporaryDir dir;
        LocalSession session(dir.path(), nullptr);
        QSignalSpy ready(&session, &LocalSession::ready);
        QSignalSpy closing(&session, &LocalSession::closing);
        QSignalSpy states(session.server(), &LocalServer::stateChanged);
        session.start();
        QVERIFY(ready.wait(30000));
        session.stop();
        QCOMPARE(session.server()->state(), State::Stopping); // stop() does not wait either
        QCOMPARE(closing.size(), 1);
        QVERIFY(!session.connection());
        QTRY_COMPARE_WITH_TIMEOUT(session.server()->state(), State::Stopped, 30000);
        session.start();
        QVERIFY(ready.wait(30000));
        QCOMPARE(session.server()->state(), State::Running);
        QList<State> seen;
        for (const QList<QVariant> &change : std::as_const(states))
            seen.append(change.first().value<State>());
        QCOMPARE(seen,
            (QList<State> { State::Starting, State::Running, State::Stopping, State::Stopped, State::Starting,
                State::Running }));
    }

    void aFolderThatCannotBeMadeFailsReadably()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(u"file"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        LocalSession session(dir.filePath(u"file/local-server"_s), nullptr);
        QSignalSpy failed(&session, &LocalSession::failed);
        session.start();
        QTRY_COMPARE(session.server()->state(), State::Failed);
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(u"file/local-server"_s), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestLocalServer)
#include "tst_local_server.moc"
