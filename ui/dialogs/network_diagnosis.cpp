#include "ui/dialogs/network_diagnosis.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::ui {

NetworkDiagnosis::NetworkDiagnosis(QObject *parent)
    : QObject(parent)
{ }

void NetworkDiagnosis::start(const QString &host, int port, bool https, int timeoutMs)
{
    m_host = host;
    m_port = port;
    m_https = https;
    m_timeoutMs = timeoutMs;
    if (!QHostAddress(host).isNull()) {
        probe();
        return;
    }
    QHostInfo::lookupHost(host, this, [this](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            report(Finding::HostNotFound, info.errorString());
            return;
        }
        probe();
    });
}

void NetworkDiagnosis::probe()
{
    m_socket = new QSslSocket(this);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        report(Finding::Unreachable, tr("No answer from %1:%2 within %3 seconds.")
                                         .arg(m_host).arg(m_port).arg(m_timeoutMs / 1000));
    });
    // Certificate problems arrive here first, each with its reason; collect them all.
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons.append(error.errorString());
        reasons.removeDuplicates();
        report(Finding::Tls, reasons.join(u"; "_s));
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        const bool handshake = error == QAbstractSocket::SslHandshakeFailedError
            || error == QAbstractSocket::SslInternalError || error == QAbstractSocket::SslInvalidUserDataError;
        report(handshake ? Finding::Tls : Finding::Unreachable, m_socket->errorString());
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] { report(Finding::Reachable, {}); });
    connect(m_socket, &QSslSocket::connected, this, [this] {
        if (!m_https)
            report(Finding::Reachable, {});
    });
    m_timer->start(m_timeoutMs);
    if (m_https)
        m_socket->connectToHostEncrypted(m_host, quint16(m_port));
    else
        m_socket->connectToHost(m_host, quint16(m_port));
}

void NetworkDiagnosis::report(Finding finding, const QString &detail)
{
    if (m_done)
        return;
    m_done = true;
    if (m_timer)
        m_timer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT diagnosed(finding, detail);
}

} // namespace coffer::ui
