#pragma once
// The embedded server's HTTP/1.1 layer: an acceptor in the calling thread and a pool of
// worker threads, each with its own event loop and handler, connections spread round-robin.
// It knows nothing of S3: the handler (router) above it does.
//
//   HttpServer server(config, [] { return std::make_unique<MyHandler>(); });
//   if (!server.listen()) qFatal() << server.errorString();
//   qInfo() << "listening on port" << server.port();

#include "server/http/exchangelog.h"
#include "server/http/requesthandler.h"
#include "server/http/serverconfig.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace coffer::server::http {

class Acceptor;
class Worker;
struct ServerState;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    HttpServer(ServerConfig config, HandlerFactory factory, QObject *parent = nullptr);
    ~HttpServer() override; // stops

    // Starts the workers and listens; false with errorString() when the address is taken.
    bool listen();
    bool isListening() const;
    QString errorString() const { return m_error; }
    QHostAddress address() const;
    quint16 port() const; // the actual port, also when the config asked for 0

    // Stops accepting, closes idle connections, gives in-flight exchanges the configured
    // grace period, aborts what is left and joins the threads. Blocks until done.
    void stop();

    int workerCount() const { return int(m_workers.size()); }
    int openConnections() const;
    // The most bytes one connection held at once (unparsed input, unread body, unsent
    // output): what the tests check to prove streaming stays bounded.
    qint64 peakBufferedBytes() const;
    void resetPeakBufferedBytes();

Q_SIGNALS:
    // One per exchange, emitted in this object's thread. Entries are collected from the
    // workers and delivered in batches a few milliseconds apart (and all at stop()), so
    // logging costs no thread wake-up per request.
    void exchangeLogged(const coffer::server::http::ExchangeLog &entry);

private:
    void handOver(qintptr descriptor);
    void queueLog(const ExchangeLog &entry); // any thread
    void deliverLog();

    std::unique_ptr<ServerState> m_state;
    HandlerFactory m_factory;
    Acceptor *m_acceptor = nullptr;
    QList<QThread *> m_threads;
    QList<Worker *> m_workers;
    qsizetype m_nextWorker = 0;
    QString m_error;
    QMutex m_logMutex;
    QList<ExchangeLog> m_logQueue; // guarded by m_logMutex
};

} // namespace coffer::server::http
