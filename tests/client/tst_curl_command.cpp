// "Copy as curl" end to end: requests go through S3Client to the embedded server, the
// Activity record of each becomes a curl command, and the real curl binary runs it
// through a shell against the same server.
#include "client/curl_command.h"
#include "client/s3_client.h"

#include "server/api/s3_server.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <optional>

using namespace coffer;
using namespace coffer::client;
using namespace Qt::StringLiterals;

namespace {

const s3::sigv4::Credentials kKeys{"AKIDCURLTEST", "curl-secret/key+0123456789", {}};
const QString kBucket = u"curl-bucket"_s;

struct ShellRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    int status() const { return out.mid(out.lastIndexOf('\n') + 1).toInt(); }
    QByteArray body() const { return out.left(out.lastIndexOf('\n')); }
};

// Runs a command line through sh, as a user pasting it would.
ShellRun runShell(const QString &command, const QString &workingDirectory, const QProcessEnvironment &env)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.setProcessEnvironment(env);
    process.start(u"sh"_s, {u"-c"_s, command});
    ShellRun run;
    if (!process.waitForFinished(60'000))
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class tst_CurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void shellQuote_data();
    void shellQuote();
    void keysStayOutUnlessRevealed_data();
    void keysStayOutUnlessRevealed();
    void commandRunsAgainstServer_data();
    void commandRunsAgainstServer();

private:
    template <typename T>
    std::optional<Result<T>> wait(S3Reply<T> *reply);
    QByteArray objectBytes(const QString &key);
    void putBytes(const QString &key, const QByteArray &bytes);
    HttpActivity lastActivity(QSignalSpy &spy) const;

    QTemporaryDir m_data;
    QThread m_serverThread;
    server::api::S3Server *m_server = nullptr;
    QNetworkAccessManager m_network;
    std::unique_ptr<S3Client> m_client;
    QString m_curl;
};

template <typename T>
std::optional<Result<T>> tst_CurlCommand::wait(S3Reply<T> *reply)
{
    auto slot = std::make_shared<std::optional<Result<T>>>();
    reply->onFinished(this, [slot](const Result<T> &result) { *slot = result; });
    if (!QTest::qWaitFor([&] { return slot->has_value(); }, 30'000))
        return std::nullopt;
    return *slot;
}

void tst_CurlCommand::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(u"curl"_s);
    if (m_curl.isEmpty())
        QSKIP("curl is not installed (the Debian 13 build root has it)");
    server::api::S3ServerOptions options;
    options.dataDirectory = m_data.path();
    options.service.credentials = kKeys;
    options.workerThreads = 2;
    // The server gets its own thread: the test blocks on curl while the server answers.
    m_server = new server::api::S3Server(options);
    m_server->moveToThread(&m_serverThread);
    m_serverThread.start();
    bool started = false;
    QMetaObject::invokeMethod(m_server, [&] { started = m_server->start(); }, Qt::BlockingQueuedConnection);
    QVERIFY2(started, qPrintable(m_server->errorString()));

    ClientConfig config;
    config.endpoint = *s3::parseEndpoint(u"http://127.0.0.1:%1"_s.arg(m_server->port()));
    config.region = "auto";
    config.credentials = kKeys;
    m_client = std::make_unique<S3Client>(config, &m_network);
    const auto created = wait(m_client->createBucket(kBucket));
    QVERIFY(created && created->ok());
}

void tst_CurlCommand::cleanupTestCase()
{
    m_client.reset();
    if (m_server)
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_serverThread.quit();
    m_serverThread.wait();
}

QByteArray tst_CurlCommand::objectBytes(const QString &key)
{
    QBuffer sink;
    sink.open(QIODevice::WriteOnly);
    const auto got = wait(m_client->getObject({.bucket = kBucket, .key = key}, &sink));
    return got && got->ok() ? sink.data() : QByteArray("<missing>");
}

void tst_CurlCommand::putBytes(const QString &key, const QByteArray &bytes)
{
    QBuffer body;
    body.setData(bytes);
    body.open(QIODevice::ReadOnly);
    const auto put = wait(m_client->putObject({.bucket = kBucket, .key = key, .body = &body, .size = bytes.size()}));
    QVERIFY(put && put->ok());
}

HttpActivity tst_CurlCommand::lastActivity(QSignalSpy &spy) const
{
    return spy.isEmpty() ? HttpActivity{} : spy.last().at(0).value<HttpActivity>();
}

void tst_CurlCommand::shellQuote_data()
{
    QTest::addColumn<QString>("argument");
    QTest::newRow("plain") << u"https://host/bucket/key.txt"_s;
    QTest::newRow("space") << u"a b"_s;
    QTest::newRow("single-quote") << u"it's"_s;
    QTest::newRow("only-quotes") << u"''"_s;
    QTest::newRow("dollar") << u"$HOME and ${PATH}"_s;
    QTest::newRow("backtick") << u"`id` $(id)"_s;
    QTest::newRow("glob") << u"*.txt [a] {b,c} ?"_s;
    QTest::newRow("newline") << u"line1\nline2"_s;
    QTest::newRow("backslash") << u"a\\b\\'"_s;
    QTest::newRow("unicode") << u"caf\u00e9 \U0001F600"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("leading-dash") << u"-rf"_s;
}

// The shell must hand the argument to the program unchanged.
void tst_CurlCommand::shellQuote()
{
    QFETCH(QString, argument);
    const QString quoted = client::shellQuote(argument);
    const ShellRun run = runShell(u"printf '%s' "_s + quoted, QDir::tempPath(), QProcessEnvironment::systemEnvironment());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out), argument);
}

void tst_CurlCommand::keysStayOutUnlessRevealed_data()
{
    QTest::addColumn<bool>("reveal");
    QTest::addColumn<QByteArray>("sessionToken");
    QTest::newRow("masked") << false << QByteArray();
    QTest::newRow("masked-session") << false << QByteArray("session-token-secret");
    QTest::newRow("revealed") << true << QByteArray();
    QTest::newRow("revealed-session") << true << QByteArray("session-token-secret");
}

void tst_CurlCommand::keysStayOutUnlessRevealed()
{
    QFETCH(bool, reveal);
    QFETCH(QByteArray, sessionToken);
    s3::sigv4::Credentials keys = kKeys;
    keys.sessionToken = sessionToken;
    CurlOptions options;
    options.region = "auto";
    options.sessionToken = !sessionToken.isEmpty();
    if (reveal)
        options.revealedKeys = keys;
    CurlRequest request;
    request.url = u"http://127.0.0.1:9/bucket/key"_s;
    const QString command = curlCommand(request, options);
    QCOMPARE(command.contains(QString::fromUtf8(keys.secretAccessKey)), reveal);
    QCOMPARE(command.contains(QString::fromUtf8(keys.accessKeyId)), reveal);
    if (!sessionToken.isEmpty()) {
        QCOMPARE(command.contains(QString::fromUtf8(sessionToken)), reveal);
        QVERIFY(command.contains(u"x-amz-security-token"_s));
    }
    QCOMPARE(command.contains(u"$AWS_SECRET_ACCESS_KEY"_s), !reveal);
}

void tst_CurlCommand::commandRunsAgainstServer_data()
{
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("reveal");
    QTest::newRow("get-masked") << QByteArray("GET") << u"get/plain.bin"_s << false;
    QTest::newRow("get-revealed") << QByteArray("GET") << u"get/plain2.bin"_s << true;
    QTest::newRow("get-awkward-key") << QByteArray("GET") << u"get/it's a [b] {c} $d caf\u00e9.txt"_s << false;
    QTest::newRow("put-masked") << QByteArray("PUT") << u"put/upload.bin"_s << false;
    QTest::newRow("put-revealed") << QByteArray("PUT") << u"put/upload 2.bin"_s << true;
    QTest::newRow("list") << QByteArray("LIST") << u"list/one.txt"_s << false;
    QTest::newRow("head") << QByteArray("HEAD") << u"head/object.txt"_s << false;
    QTest::newRow("delete") << QByteArray("DELETE") << u"delete/object.txt"_s << true;
}

void tst_CurlCommand::commandRunsAgainstServer()
{
    QFETCH(QByteArray, operation);
    QFETCH(QString, key);
    QFETCH(bool, reveal);

    QByteArray original(4096 + QRandomGenerator::global()->bounded(4096), Qt::Uninitialized);
    for (char &c : original)
        c = char(QRandomGenerator::global()->bounded(256));
    putBytes(key, original);

    // The request as the app makes it, captured from the Activity signal.
    QSignalSpy spy(m_client.get(), &S3Client::activity);
    if (operation == "GET") {
        QVERIFY(objectBytes(key) == original);
    } else if (operation == "PUT") {
        putBytes(key, "first version");
    } else if (operation == "LIST") {
        const auto page = wait(m_client->listObjectsV2({.bucket = kBucket, .prefix = u"list/"_s}));
        QVERIFY(page && page->ok());
    } else if (operation == "HEAD") {
        const auto head = wait(m_client->headObject({.bucket = kBucket, .key = key}));
        QVERIFY(head && head->ok());
    } else if (operation == "DELETE") {
        const auto gone = wait(m_client->deleteObject({.bucket = kBucket, .key = key}));
        QVERIFY(gone && gone->ok());
        putBytes(key, original); // back again, for curl to delete
    }
    QVERIFY(!spy.isEmpty());
    const HttpActivity record = operation == "DELETE" ? spy.at(0).at(0).value<HttpActivity>() : lastActivity(spy);
    QCOMPARE(record.method, operation == "LIST" ? QByteArray("GET") : operation);

    CurlRequest request = curlRequestFor(record);
    CurlOptions options;
    options.region = "auto";
    if (reveal)
        options.revealedKeys = kKeys;
    QTemporaryDir work;
    QByteArray uploaded;
    if (operation == "PUT") {
        QVERIFY(!request.bodyFile.isEmpty());
        uploaded = original + "from curl";
        QFile file(work.filePath(request.bodyFile));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(uploaded);
    }
    const QString command = curlCommand(request, options);
    QCOMPARE(command.contains(QString::fromUtf8(kKeys.secretAccessKey)), reveal);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"AWS_ACCESS_KEY_ID"_s);
    env.remove(u"AWS_SECRET_ACCESS_KEY"_s);
    if (!reveal) {
        env.insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromUtf8(kKeys.accessKeyId));
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, QString::fromUtf8(kKeys.secretAccessKey));
    }
    const ShellRun run = runShell(command + u" -sS -w '\\n%{http_code}'"_s, work.path(), env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.status() == (operation == "DELETE" ? 204 : 200), QByteArray(command.toUtf8() + '\n' + run.out).constData());

    if (operation == "GET") {
        QVERIFY(!request.outputFile.isEmpty());
        QFile file(work.filePath(request.outputFile));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == original);
    } else if (operation == "PUT") {
        QVERIFY(objectBytes(key) == uploaded);
    } else if (operation == "LIST") {
        QVERIFY2(run.body().contains("one.txt</Key>"), run.body().constData());
    } else if (operation == "HEAD") {
        QVERIFY(run.body().toLower().contains(QByteArray("content-length: " + QByteArray::number(original.size()))));
    } else if (operation == "DELETE") {
        const auto head = wait(m_client->headObject({.bucket = kBucket, .key = key}));
        QVERIFY(head && !head->ok());
        QCOMPARE(head->error().httpStatus, 404);
    }
}

QTEST_GUILESS_MAIN(tst_CurlCommand)
#include "tst_curl_command.moc"
