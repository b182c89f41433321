#include "ui/connection/local_session.h"

#include "ui/connection/connection.h"
#include "ui/connection/sample_bucket.h"

using namespace Qt::StringLiterals;

namespace coffer::ui {

QUuid localConnectionId()
{
    return QUuid(u"{6f0c5c2e-3b1a-4d8e-9a57-c0ffe7000002}"_s);
}

LocalSession::LocalSession(const QString &dataDirectory, profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_server(new LocalServer(dataDirectory, secrets, this))
{
    connect(m_server, &LocalServer::stateChanged, this, &LocalSession::serverChanged);
}

LocalSession::~LocalSession()
{
    delete m_connection.data(); // before the server it talks to
}

void LocalSession::start()
{
    m_server->start();
}

void LocalSession::stop()
{
    m_server->stop();
}

void LocalSession::serverChanged(LocalServer::State state)
{
    if (state == LocalServer::State::Failed) {
        Q_EMIT failed(m_server->errorMessage());
        return;
    }
    if (state == LocalServer::State::Stopping && m_connection) {
        Q_EMIT closing(m_connection);
        m_connection->deleteLater();
        m_connection = nullptr;
        return;
    }
    if (state != LocalServer::State::Running)
        return;

    profiles::Profile profile;
    profile.id = localConnectionId();
    profile.name = tr("Local server");
    profile.provider = s3::Provider::CofferLocal;
    profile.endpointUrl = m_server->endpointUrl();
    profile.addressing = s3::AddressingStyle::PathStyle;
    profile.accessKeyId = QString::fromUtf8(m_server->credentials().accessKeyId);
    auto *connection = new Connection(profile, m_server->credentials().secretAccessKey, this);
    m_connection = connection;
    connection->open();
    if (connection->state() != Connection::State::Ready) {
        Q_EMIT failed(connection->errorMessage());
        return;
    }
    SampleBucket::ensure(connection->client(), m_server->dataDirectory(), connection,
        [this, connection](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT failed(tr("The sample bucket could not be made: %1").arg(error));
            // The server works without its sample all the same.
            Q_EMIT ready(connection);
        });
}

} // namespace coffer::ui
