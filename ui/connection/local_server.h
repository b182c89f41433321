#pragma once
// The embedded S3 server run inside the desktop app ("Try it offline"): coffer_server's
// S3Server on 127.0.0.1 with a free port, on a thread of its own so that neither its
// acceptor nor starting and stopping it ever holds up the GUI. Its key pair is made once
// and kept in the keychain when one is reachable, otherwise in the data directory (0600),
// as coffer-server keeps it.

#include "s3/sigv4/signer.h"

#include <QObject>
#include <QString>

class QThread;

namespace coffer::profiles {
class SecretStore;
}
namespace coffer::server::api {
class S3Server;
}

namespace coffer::ui {

class LocalServer : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping, Failed };
    Q_ENUM(State)

    // secrets may be null: the key pair then lives in the data directory.
    LocalServer(QString dataDirectory, profiles::SecretStore *secrets, QObject *parent = nullptr);
    ~LocalServer() override; // stops the server, waiting for its thread

    State state() const { return m_state; }
    QString errorMessage() const { return m_error; }
    QString dataDirectory() const { return m_dataDirectory; }
    quint16 port() const { return m_port; } // Running only
    QString endpointUrl() const; // Running only
    const s3::sigv4::Credentials &credentials() const { return m_keys; } // Running only
    // Where the key pair is kept, for the status bar's tooltip.
    QString keyLocation() const { return m_keyLocation; }

    void start(); // from Stopped or Failed
    void stop(); // from Running

Q_SIGNALS:
    void stateChanged(coffer::ui::LocalServer::State state);

private:
    void useKeychainKeys();
    void useFileKeys();
    void launch();
    void launched(bool ok, quint16 port, const QString &error);
    void setState(State state);

    QString m_dataDirectory;
    profiles::SecretStore *m_secrets = nullptr;
    State m_state = State::Stopped;
    QString m_error;
    quint16 m_port = 0;
    s3::sigv4::Credentials m_keys;
    QString m_keyLocation;
    QThread *m_thread = nullptr;
    server::api::S3Server *m_server = nullptr; // lives in m_thread
};

} // namespace coffer::ui
