#include "ui/connection/local_server.h"

#include "app/server/key_pair_file.h"
#include "profiles/secretstore.h"
#include "server/api/s3_server.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSettings>
#include <QThread>

using namespace Qt::StringLiterals;

namespace coffer::ui {

namespace {

// The keychain entry of the local server's secret: a fixed id, so every start finds it.
const QUuid kLocalServerKeyId(u"{6f0c5c2e-3b1a-4d8e-9a57-c0ffe7000001}"_s);
const QString kAccessKeySetting = u"localServer/accessKeyId"_s;

QByteArray randomText(int length, QByteArrayView alphabet)
{
    QByteArray out(length, Qt::Uninitialized);
    for (char &c : out)
        c = alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size())));
    return out;
}

} // namespace

LocalServer::LocalServer(QString dataDirectory, profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_dataDirectory(std::move(dataDirectory))
    , m_secrets(secrets)
{ }

LocalServer::~LocalServer()
{
    if (m_thread) {
        server::api::S3Server *server = m_server;
        QThread *thread = m_thread;
        QMetaObject::invokeMethod(server, [server, thread] {
            server->stop();
            delete server;
            thread->quit();
        });
    }
    // Shutting down: the one place that waits (also for a stop() still under way), so
    // the store is closed cleanly before the process ends.
    const QList<QThread *> threads = findChildren<QThread *>(Qt::FindDirectChildrenOnly);
    for (QThread *thread : threads)
        thread->wait();
}

QString LocalServer::endpointUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port);
}

void LocalServer::start()
{
    if (m_state != State::Stopped && m_state != State::Failed)
        return;
    m_error.clear();
    setState(State::Starting);
    if (!QDir().mkpath(m_dataDirectory)) {
        m_error
            = tr("Cannot create the local server's folder %1. Check its permissions.").arg(m_dataDirectory);
        setState(State::Failed);
        return;
    }
    // A key pair already in the data directory stays in use, so clients set up with it
    // keep working even once a keychain appears.
    if (!m_secrets
        || QFile::exists(QDir(m_dataDirectory).filePath(QLatin1StringView(server::app::kKeyPairFileName))))
        useFileKeys();
    else
        useKeychainKeys();
}

void LocalServer::useKeychainKeys()
{
    QSettings settings;
    const QByteArray accessKey = settings.value(kAccessKeySetting).toByteArray();
    m_secrets->read(kLocalServerKeyId, profiles::SecretKind::SecretAccessKey, this,
        [this, accessKey](const profiles::SecretReadResult &result) {
            if (!result.error && !accessKey.isEmpty()) {
                m_keys = { accessKey, result.secret, {} };
                m_keyLocation = tr("the keychain");
                launch();
                return;
            }
            if (result.error && result.error->code != profiles::SecretError::Code::NotFound) {
                useFileKeys(); // no keychain (or it refused): the file, as coffer-server does
                return;
            }
            const s3::sigv4::Credentials made { "CFL"
                    + randomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                randomText(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), {} };
            m_secrets->write(kLocalServerKeyId, profiles::SecretKind::SecretAccessKey, made.secretAccessKey,
                this, [this, made](const std::optional<profiles::SecretError> &error) {
                    if (error) {
                        useFileKeys();
                        return;
                    }
                    QSettings().setValue(kAccessKeySetting, made.accessKeyId);
                    m_keys = made;
                    m_keyLocation = tr("the keychain");
                    launch();
                });
        });
}

void LocalServer::useFileKeys()
{
    QString error;
    const std::optional<server::app::KeyPair> pair
        = server::app::loadOrCreateKeyPair(m_dataDirectory, &error);
    if (!pair) {
        m_error = error;
        setState(State::Failed);
        return;
    }
    m_keys = { pair->accessKey, pair->secretKey, {} };
    m_keyLocation = QDir(m_dataDirectory).filePath(QLatin1StringView(server::app::kKeyPairFileName));
    launch();
}

void LocalServer::launch()
{
    server::api::S3ServerOptions options;
    options.dataDirectory = m_dataDirectory;
    options.address = QHostAddress(QHostAddress::LocalHost);
    options.port = 0;
    options.service.mode = server::api::ServerMode::R2;
    options.service.region = "auto";
    options.service.credentials = m_keys;
    options.workerThreads = 2; // a desktop's own browsing, not a benchmark

    m_thread = new QThread(this);
    m_thread->setObjectName(u"local-s3-server"_s);
    m_server = new server::api::S3Server(options);
    m_server->moveToThread(m_thread);
    m_thread->start();
    server::api::S3Server *server = m_server;
    QMetaObject::invokeMethod(server, [this, server] {
        const bool ok = server->start();
        const quint16 port = ok ? server->port() : quint16(0);
        const QString error = server->errorString();
        // Back on the GUI thread; dropped if this object is gone (its destructor waits
        // for this thread, so it cannot be half-destroyed here).
        QMetaObject::invokeMethod(
            this, [this, ok, port, error] { launched(ok, port, error); }, Qt::QueuedConnection);
    });
}

void LocalServer::launched(bool ok, quint16 port, const QString &error)
{
    if (ok) {
        m_port = port;
        setState(State::Running);
        return;
    }
    m_error = tr("The local server could not start: %1").arg(error);
    stop();
    m_state = State::Failed; // stop() finishes in the background; the failure is what counts
    Q_EMIT stateChanged(m_state);
}

void LocalServer::stop()
{
    if (!m_thread || m_state == State::Stopping)
        return;
    const bool failed = m_state == State::Starting;
    if (!failed)
        setState(State::Stopping);
    server::api::S3Server *server = m_server;
    QThread *thread = m_thread;
    m_server = nullptr;
    m_thread = nullptr;
    connect(thread, &QThread::finished, this, [this, thread, failed] {
        thread->deleteLater();
        if (!failed && !m_thread)
            setState(State::Stopped);
    });
    QMetaObject::invokeMethod(server, [server, thread] {
        server->stop(); // blocks this thread only, for the in-flight requests' grace period
        delete server;
        thread->quit();
    });
}

void LocalServer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace coffer::ui
