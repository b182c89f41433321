#pragma once
// The listening socket. It only accepts: each descriptor is handed on (to a worker thread,
// where the QTcpSocket is created). Internal to the HTTP layer.

#include <QTcpServer>

#include <functional>

namespace coffer::server::http {

class Acceptor : public QTcpServer
{
    Q_OBJECT
public:
    explicit Acceptor(std::function<void(qintptr)> handOver, QObject *parent = nullptr)
        : QTcpServer(parent)
        , m_handOver(std::move(handOver))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_handOver(descriptor); }

private:
    std::function<void(qintptr)> m_handOver;
};

} // namespace coffer::server::http
