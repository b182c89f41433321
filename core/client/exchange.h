#pragma once
// One logical HTTP request through QNetworkAccessManager: signs it, sends it, streams
// the response, and repeats it (AWS standard retry rules, clock-skew correction) until
// it succeeds, fails for good, or is canceled. Never blocks; timers only.

#include "client_clock.h"
#include "client_config.h"
#include "http_activity.h"
#include "http_response.h"
#include "wire_request.h"

#include "s3/error/s3error.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QBuffer;
class QTimer;

namespace coffer::client {

struct ExchangeEnvironment {
    QPointer<QNetworkAccessManager> network;
    QByteArray scheme = "https";
    s3::sigv4::Credentials credentials;
    QByteArray region;
    QByteArray userAgent;
    std::chrono::milliseconds transferTimeout{60000};
    int connectionsPerHost = 16;
    RetryPolicy retry;
    std::shared_ptr<ClientClock> clock;
    std::function<double()> random;
};

class Exchange : public QObject
{
    Q_OBJECT
public:
    Exchange(ExchangeEnvironment environment, WireRequest request, QObject *parent = nullptr);
    ~Exchange() override;

    // Where a successful (2xx) response body goes, as it arrives. Without a sink the
    // body is buffered (small documents only; larger ones end in an error).
    void setDownloadSink(QIODevice *sink) { m_sink = sink; }
    void start();
    void cancel();

    bool isFinished() const { return m_finished; }
    // After finished(): the last response (status 0 when none arrived) and the error
    // (kind None on success). A response with a non-2xx status is always an error.
    const HttpResponse &response() const { return m_response; }
    const s3::S3Error &error() const { return m_error; }
    int attempts() const { return m_attempt; }
    const WireRequest &request() const { return m_request; }

    // The largest body buffered in memory (documents, error bodies).
    static constexpr qint64 kMaxBufferedBody = 16 * 1024 * 1024;

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void activity(const coffer::client::HttpActivity &record);
    void finished();

private:
    void sendAttempt();
    void onReadyRead();
    void onReplyFinished();
    void finishWith(s3::S3Error error);
    bool canRepeat() const;
    void retryAfter(std::chrono::milliseconds delay);
    QString sinkFailure() const;
    void reportActivity(const QString &transportError);
    QByteArray signedUrl() const;

    ExchangeEnvironment m_env;
    WireRequest m_request;
    QPointer<QIODevice> m_sink;
    QPointer<QNetworkReply> m_reply;
    QBuffer *m_uploadBuffer = nullptr;
    QTimer *m_retryTimer = nullptr;
    QElapsedTimer m_attemptTimer;
    HttpResponse m_response;
    s3::S3Error m_error;
    qint64 m_streamStart = 0;
    qint64 m_sinkBytes = 0;
    int m_attempt = 0;
    bool m_skewCorrected = false;
    bool m_canceled = false;
    bool m_finished = false;
    bool m_tooLarge = false;
    bool m_sinkFailed = false;
};

} // namespace coffer::client
