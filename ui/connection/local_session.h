#pragma once
// "Try it offline": the local server, the connection to it, and its sample bucket, as
// one thing the window starts and stops. When the server runs, a Connection to it is
// made (with the server's own key pair) and the sample bucket filled on the first start;
// ready() then hands the connection over. Stopping the server withdraws the connection.

#include "ui/connection/connection.h"
#include "ui/connection/local_server.h"

#include <QObject>
#include <QPointer>
#include <QUuid>

namespace coffer::ui {

// The local connection's profile id: fixed, so the last location survives restarts.
QUuid localConnectionId();

class LocalSession : public QObject
{
    Q_OBJECT
public:
    // secrets may be null (no keychain: the key pair stays in dataDirectory).
    LocalSession(const QString &dataDirectory, profiles::SecretStore *secrets, QObject *parent = nullptr);
    ~LocalSession() override;

    LocalServer *server() const { return m_server; }
    Connection *connection() const { return m_connection; } // null unless ready
    void start();
    void stop();

Q_SIGNALS:
    void ready(coffer::ui::Connection *connection);
    // The connection is about to go (the server stops); drop every use of it.
    void closing(coffer::ui::Connection *connection);
    void failed(const QString &message);

private:
    void serverChanged(LocalServer::State state);

    LocalServer *m_server;
    QPointer<Connection> m_connection;
};

} // namespace coffer::ui
