#include "server/http/worker.h"

#include "lcServer.h"
#include "server/http/connection.h"
#include "server/http/serverstate.h"

#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace coffer::server::http {

Worker::Worker(ServerState &state, HandlerFactory factory)
    : m_state(state)
    , m_factory(std::move(factory))
{
}

Worker::~Worker() = default;

void Worker::adopt(qintptr descriptor)
{
    if (m_stopping) {
        QTcpSocket refused; // adopting and dropping it closes the descriptor
        if (refused.setSocketDescriptor(descriptor))
            refused.abort();
        return;
    }
    if (!m_handler) {
        m_handler = m_factory ? m_factory() : nullptr;
        if (!m_handler) {
            qCCritical(lcServer) << "the handler factory returned no handler; dropping connection";
            QTcpSocket refused;
            if (refused.setSocketDescriptor(descriptor))
                refused.abort();
            return;
        }
    }
    auto *connection = new Connection(descriptor, m_state, *m_handler, this);
    m_connections.insert(connection);
    connect(connection, &Connection::closed, this,
            [this, connection] { connectionClosed(connection); });
}

void Worker::beginShutdown()
{
    m_stopping = true;
    const auto connections = m_connections; // shutdown() may close and remove at once
    for (Connection *connection : connections)
        connection->shutdown();
    if (!m_connections.isEmpty()) {
        m_graceTimer = new QTimer(this);
        m_graceTimer->setSingleShot(true);
        connect(m_graceTimer, &QTimer::timeout, this, [this] {
            const auto remaining = m_connections;
            for (Connection *connection : remaining)
                connection->abortNow();
        });
        m_graceTimer->start(m_state.config.shutdownGrace);
    }
    finishIfDone();
}

void Worker::connectionClosed(Connection *connection)
{
    m_connections.remove(connection);
    finishIfDone();
}

void Worker::finishIfDone()
{
    if (!m_stopping || !m_connections.isEmpty())
        return;
    if (m_graceTimer) {
        m_graceTimer->stop();
        m_graceTimer->deleteLater();
        m_graceTimer = nullptr;
    }
    m_handler.reset(); // in this thread, where it was made
    QThread::currentThread()->quit();
}

} // namespace coffer::server::http
