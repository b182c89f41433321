#pragma once
// One open connection to a store: the profile, its secret fetched from the keychain
// without blocking, and the network access manager and S3Client every view of that
// store shares. Views watch state() to show "connecting", "ready" or why it failed.

#include "profiles/profile.h"

#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace coffer::client {
class S3Client;
}
namespace coffer::profiles {
class SecretStore;
}

namespace coffer::ui {

class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, Ready, Failed };
    Q_ENUM(State)

    // A saved profile: open() reads its secret from the keychain (secrets must outlive
    // this object).
    Connection(profiles::Profile profile, profiles::SecretStore *secrets, QObject *parent = nullptr);
    // Credentials already at hand (the local server, tests): open() is ready at once.
    Connection(profiles::Profile profile, QByteArray secretAccessKey, QObject *parent = nullptr);
    ~Connection() override;

    const profiles::Profile &profile() const { return m_profile; }
    QString id() const; // the profile id, braces removed: stable across runs
    QString displayName() const { return m_profile.name; }

    State state() const { return m_state; }
    // Failed: what went wrong and what to do, one or two sentences.
    QString errorMessage() const { return m_error; }
    // Null until Ready.
    client::S3Client *client() const { return m_client.get(); }

    // Starts connecting (reads the secret, builds the client). Safe to call again after
    // a failure; does nothing while connecting or ready.
    void open();

Q_SIGNALS:
    void stateChanged(coffer::ui::Connection::State state);

private:
    void readSessionTokenThenStart(const QByteArray &secret);
    void start(const QByteArray &secret, const QByteArray &sessionToken);
    void fail(const QString &message);

    profiles::Profile m_profile;
    profiles::SecretStore *m_secrets = nullptr;
    QByteArray m_givenSecret;
    State m_state = State::Connecting;
    bool m_opening = false;
    QString m_error;
    QNetworkAccessManager *m_network = nullptr; // child; outlives m_client (declared later, destroyed first)
    std::unique_ptr<client::S3Client> m_client;
};

} // namespace coffer::ui
