#pragma once
// A token bucket shared by every upload body: devices ask how many bytes they may hand
// to the network now, and wait for refilled() when the answer is 0. A limit of 0 means
// unlimited (every request is granted in full, no timer runs).

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace coffer::transfer {

class BandwidthLimiter : public QObject
{
    Q_OBJECT
public:
    explicit BandwidthLimiter(qint64 bytesPerSecond = 0, QObject *parent = nullptr);

    qint64 limit() const { return m_limit; }
    void setLimit(qint64 bytesPerSecond);
    bool isLimited() const { return m_limit > 0; }

    // Up to `wanted` bytes allowed now; the grant is taken from the bucket.
    qint64 take(qint64 wanted);

Q_SIGNALS:
    // Tokens are available again: devices that got 0 should emit readyRead().
    void refilled();

private:
    void refill();

    qint64 m_limit = 0;
    double m_tokens = 0;
    QElapsedTimer m_clock;
    qint64 m_lastMs = 0;
    QTimer m_timer;
};

} // namespace coffer::transfer
