#include "ui/connection/connection.h"

#include "client/s3_client.h"
#include "profiles/secretstore.h"
#include "s3/endpoint/endpoint.h"

#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace coffer::ui {

Connection::Connection(profiles::Profile profile, profiles::SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_secrets(secrets)
    , m_network(new QNetworkAccessManager(this))
{ }

Connection::Connection(profiles::Profile profile, QByteArray secretAccessKey, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_givenSecret(std::move(secretAccessKey))
    , m_network(new QNetworkAccessManager(this))
{ }

Connection::~Connection()
{
    m_client.reset(); // before the network manager, which it uses
}

QString Connection::id() const
{
    return m_profile.id.toString(QUuid::WithoutBraces);
}

void Connection::open()
{
    if (m_opening || m_state == State::Ready)
        return;
    m_opening = true;
    m_error.clear();
    if (m_state != State::Connecting) {
        m_state = State::Connecting;
        Q_EMIT stateChanged(m_state);
    }
    const QStringList problems = m_profile.validate();
    if (!problems.isEmpty()) {
        fail(problems.join(u' '));
        return;
    }
    if (!m_secrets) {
        start(m_givenSecret, {});
        return;
    }
    m_secrets->read(m_profile.id, profiles::SecretKind::SecretAccessKey, this,
        [this](const profiles::SecretReadResult &result) {
            if (result.error) {
                fail(tr("Could not read the secret key of “%1” from the keychain: %2")
                        .arg(m_profile.name, result.error->message));
                return;
            }
            readSessionTokenThenStart(result.secret);
        });
}

void Connection::readSessionTokenThenStart(const QByteArray &secret)
{
    if (!m_profile.secrets.testFlag(profiles::SecretKind::SessionToken)) {
        start(secret, {});
        return;
    }
    m_secrets->read(m_profile.id, profiles::SecretKind::SessionToken, this,
        [this, secret](const profiles::SecretReadResult &result) {
            if (result.error) {
                fail(tr("Could not read the session token of “%1” from the keychain: %2")
                        .arg(m_profile.name, result.error->message));
                return;
            }
            start(secret, result.secret);
        });
}

void Connection::start(const QByteArray &secret, const QByteArray &sessionToken)
{
    s3::EndpointError endpointError;
    const std::optional<s3::Endpoint> endpoint = s3::parseEndpoint(m_profile.endpointUrl, &endpointError);
    if (!endpoint) {
        fail(endpointError.message);
        return;
    }
    client::ClientConfig config;
    config.endpoint = *endpoint;
    config.addressing = m_profile.addressing;
    config.provider = m_profile.provider;
    // validate() has checked the region, so this is its normalized form ("auto" on R2).
    config.region
        = s3::normalizeRegion(m_profile.provider, m_profile.region).value_or(u"us-east-1"_s).toUtf8();
    config.credentials = { m_profile.accessKeyId.toUtf8(), secret, sessionToken };
    m_client = std::make_unique<client::S3Client>(std::move(config), m_network);
    m_opening = false;
    m_state = State::Ready;
    Q_EMIT stateChanged(m_state);
}

void Connection::fail(const QString &message)
{
    m_opening = false;
    m_error = message;
    m_state = State::Failed;
    Q_EMIT stateChanged(m_state);
}

} // namespace coffer::ui
