#pragma once
// A token bucket shared by every transfer across jobs. Upload bodies ask how many bytes
// they may hand to the network now (take) and wait for refilled() when the answer is 0.
// Downloads cannot be held back byte by byte (the client drains each response as it
// arrives), so a ranged GET is paced instead: it may start only while the bucket is not
// in debt (hasCredit), and charges its whole length up front, which puts the bucket into
// debt until the limit's worth of time has passed. Over a transfer of several ranges the
// average rate is the limit. A limit of 0 means unlimited (everything is granted at once,
// no timer runs).

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

    // Whether a paced request (a ranged GET) may start now: the bucket is not in debt.
    bool hasCredit();
    // Takes `bytes` from the bucket even beyond what it holds (the debt is paid back by
    // the refills before hasCredit() is true again).
    void charge(qint64 bytes);

    // Every byte granted by take() or charge() since construction: the limiter's
    // accounting, for tests and statistics (unlimited grants are counted too).
    qint64 bytesGranted() const { return m_granted; }

Q_SIGNALS:
    // Tokens are available again: devices that got 0 should emit readyRead().
    void refilled();

private:
    void refill();

    qint64 m_limit = 0;
    double m_tokens = 0; // negative while in debt
    qint64 m_granted = 0;
    QElapsedTimer m_clock;
    qint64 m_lastMs = 0;
    QTimer m_timer;
};

} // namespace coffer::transfer
