#include "server/http/httpserver.h"

#include "lcServer.h"
#include "server/http/acceptor.h"
#include "server/http/serverstate.h"
#include "server/http/worker.h"

#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::server::http {

namespace {
// How long log entries gather before they are delivered together.
constexpr std::chrono::milliseconds kLogBatch{25};
} // namespace

HttpServer::HttpServer(ServerConfig config, HandlerFactory factory, QObject *parent)
    : QObject(parent)
    , m_state(std::make_unique<ServerState>())
    , m_factory(std::move(factory))
{
    qRegisterMetaType<ExchangeLog>();
    m_state->config = std::move(config);
    m_state->idPrefix = QRandomGenerator::system()->generate();
    m_state->log = [this](const ExchangeLog &entry) { queueLog(entry); };
}

HttpServer::~HttpServer()
{
    stop();
}

bool HttpServer::listen()
{
    if (m_acceptor)
        return m_acceptor->isListening();
    const ServerConfig &config = m_state->config;
    int threads = config.workerThreads;
    if (threads <= 0)
        threads = std::clamp(QThread::idealThreadCount(), 1, 4);

    m_acceptor = new Acceptor([this](qintptr descriptor) { handOver(descriptor); }, this);
    m_acceptor->setListenBacklogSize(config.listenBacklog);
    if (!m_acceptor->listen(config.address, config.port)) {
        m_error = u"cannot listen on %1:%2: %3; choose another --listen address or port"_s.arg(
            config.address.toString(), QString::number(config.port), m_acceptor->errorString());
        delete m_acceptor;
        m_acceptor = nullptr;
        return false;
    }
    for (int i = 0; i < threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(u"coffer-http-%1"_s.arg(i));
        auto *worker = new Worker(*m_state, m_factory);
        worker->moveToThread(thread);
        m_threads.append(thread);
        m_workers.append(worker);
        thread->start();
    }
    qCInfo(lcServer) << "HTTP server listening on" << address().toString() << port() << "with"
                     << threads << "worker threads";
    return true;
}

bool HttpServer::isListening() const
{
    return m_acceptor && m_acceptor->isListening();
}

QHostAddress HttpServer::address() const
{
    return m_acceptor ? m_acceptor->serverAddress() : QHostAddress();
}

quint16 HttpServer::port() const
{
    return m_acceptor ? m_acceptor->serverPort() : 0;
}

void HttpServer::handOver(qintptr descriptor)
{
    Worker *worker = m_workers.at(m_nextWorker);
    m_nextWorker = (m_nextWorker + 1) % m_workers.size();
    QMetaObject::invokeMethod(worker, [worker, descriptor] { worker->adopt(descriptor); },
                              Qt::QueuedConnection);
}

void HttpServer::queueLog(const ExchangeLog &entry)
{
    bool first = false;
    {
        const QMutexLocker lock(&m_logMutex);
        first = m_logQueue.isEmpty();
        m_logQueue.append(entry);
    }
    if (first) {
        QMetaObject::invokeMethod(this, [this] { QTimer::singleShot(kLogBatch, this, &HttpServer::deliverLog); },
                                  Qt::QueuedConnection);
    }
}

void HttpServer::deliverLog()
{
    QList<ExchangeLog> entries;
    {
        const QMutexLocker lock(&m_logMutex);
        entries.swap(m_logQueue);
    }
    for (const ExchangeLog &entry : std::as_const(entries))
        Q_EMIT exchangeLogged(entry);
}

void HttpServer::stop()
{
    if (!m_acceptor)
        return;
    m_acceptor->close();
    // Queued after any hand-over still in flight, so every adopted socket gets closed too.
    for (Worker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &Worker::beginShutdown, Qt::QueuedConnection);
    for (QThread *thread : std::as_const(m_threads))
        thread->wait();
    qDeleteAll(m_workers);
    qDeleteAll(m_threads);
    m_workers.clear();
    m_threads.clear();
    delete m_acceptor;
    m_acceptor = nullptr;
    deliverLog(); // the workers are gone: nothing more arrives
    qCInfo(lcServer) << "HTTP server stopped";
}

int HttpServer::openConnections() const
{
    return m_state->openConnections.load();
}

qint64 HttpServer::peakBufferedBytes() const
{
    return m_state->peakBuffered.load();
}

void HttpServer::resetPeakBufferedBytes()
{
    m_state->peakBuffered.store(0);
}

} // namespace coffer::server::http
