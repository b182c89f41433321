#pragma once
// Why a host could not be reached, asked after an S3 call failed in transport: a DNS
// lookup of the host, then for https a TLS handshake of our own, whose certificate
// errors name the reason (self-signed, expired, wrong host, ...). The network access
// manager's error string alone cannot tell these apart reliably, and is translated.

#include <QObject>
#include <QString>

class QSslSocket;
class QTimer;

namespace coffer::ui {

class NetworkDiagnosis : public QObject
{
    Q_OBJECT
public:
    enum class Finding {
        HostNotFound, // the name does not resolve
        Tls,          // the TLS handshake failed; detail lists the reasons
        Unreachable,  // resolved, but no connection (refused, timeout, ...); detail says how
        Reachable,    // a connection (and TLS) works: the failure was elsewhere
    };
    Q_ENUM(Finding)

    explicit NetworkDiagnosis(QObject *parent = nullptr);

    // Starts; diagnosed() follows once. timeoutMs bounds the TCP/TLS attempt.
    void start(const QString &host, int port, bool https, int timeoutMs = 10000);

Q_SIGNALS:
    void diagnosed(coffer::ui::NetworkDiagnosis::Finding finding, const QString &detail);

private:
    void probe();
    void report(Finding finding, const QString &detail);

    QString m_host;
    int m_port = 0;
    bool m_https = false;
    int m_timeoutMs = 10000;
    bool m_done = false;
    QSslSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace coffer::ui
