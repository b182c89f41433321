#pragma once
// One worker thread's share of the server: it adopts sockets handed over by the acceptor,
// owns their connections and its own handler, and winds down on stop.
// Internal to the HTTP layer; lives in (and is only called in) its thread.

#include "server/http/requesthandler.h"

#include <QObject>
#include <QSet>

#include <memory>

class QTimer;

namespace coffer::server::http {

class Connection;
struct ServerState;

class Worker : public QObject
{
    Q_OBJECT
public:
    Worker(ServerState &state, HandlerFactory factory);
    ~Worker() override;

    void adopt(qintptr descriptor);
    // Close idle connections, let the others finish within the grace period, then quit
    // the thread.
    void beginShutdown();

private:
    void connectionClosed(Connection *connection);
    void finishIfDone();

    ServerState &m_state;
    HandlerFactory m_factory;
    std::unique_ptr<RequestHandler> m_handler;
    QSet<Connection *> m_connections;
    QTimer *m_graceTimer = nullptr;
    bool m_stopping = false;
};

} // namespace coffer::server::http
