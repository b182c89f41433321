#pragma once
// "Test connection": one harmless call with a profile and its secret (ListBuckets, or in
// single-bucket mode a one-key listing of that bucket), and a sentence saying what went
// wrong in the person's terms: the host is not found, the certificate is refused (and
// why), the clock is off, the key is unknown or its secret wrong, or access is denied.
// Everything is asynchronous; finished() is emitted exactly once per start().

#include "profiles/profile.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace coffer::client {
class S3Client;
}
namespace coffer::s3 {
struct S3Error;
}

namespace coffer::ui {

class NetworkDiagnosis;

struct ConnectionCheckResult {
    enum class Outcome {
        Connected,
        ConnectedClockCorrected, // worked after Coffer corrected a clock that is far off
        InvalidProfile,          // the form itself is incomplete or wrong
        HostNotFound,            // DNS
        Tls,                     // the certificate or the TLS handshake was refused
        Unreachable,             // resolved but no answer (refused, timeout, proxy, ...)
        ClockSkew,               // the server refused our time
        UnknownAccessKey,        // InvalidAccessKeyId
        BadSecret,               // SignatureDoesNotMatch
        AccessDenied,            // 403 AccessDenied
        NoSuchBucket,            // single-bucket mode: the bucket is not there
        Failed,                  // anything else, in the error's own words
    };
    Outcome outcome = Outcome::Failed;
    QString message; // what happened and what to do; never contains a secret

    bool ok() const { return outcome == Outcome::Connected || outcome == Outcome::ConnectedClockCorrected; }
};

class ConnectionCheck : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionCheck(QObject *parent = nullptr);
    ~ConnectionCheck() override;

    // The wall clock requests are signed with (tests use it to be far off); default: the
    // system clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Starts a check; a check already running is canceled first (it reports nothing).
    void start(const profiles::Profile &profile, const QByteArray &secretAccessKey,
               const QByteArray &sessionToken = {});
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const coffer::ui::ConnectionCheckResult &result);

private:
    void succeeded(const QString &what);
    void failedWith(const s3::S3Error &error);
    void finish(ConnectionCheckResult::Outcome outcome, const QString &message);

    std::function<QDateTime()> m_clock;
    profiles::Profile m_profile;
    bool m_running = false;
    quint64 m_generation = 0; // answers of a canceled check are dropped
    QNetworkAccessManager *m_network;
    std::unique_ptr<client::S3Client> m_client;
    NetworkDiagnosis *m_diagnosis = nullptr;
};

} // namespace coffer::ui

Q_DECLARE_METATYPE(coffer::ui::ConnectionCheckResult)
