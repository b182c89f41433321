#include "bandwidth_limiter.h"

namespace coffer::transfer {

namespace {
// Refill granularity: small enough for smooth flow, large enough to stay cheap.
constexpr int kTickMs = 50;
}

BandwidthLimiter::BandwidthLimiter(qint64 bytesPerSecond, QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &BandwidthLimiter::refill);
    m_clock.start();
    setLimit(bytesPerSecond);
}

void BandwidthLimiter::setLimit(qint64 bytesPerSecond)
{
    m_limit = qMax<qint64>(0, bytesPerSecond);
    m_tokens = 0;
    m_lastMs = m_clock.elapsed();
    if (m_limit > 0) {
        m_timer.start();
    } else {
        m_timer.stop();
        Q_EMIT refilled(); // anyone waiting may go at full speed now
    }
}

qint64 BandwidthLimiter::take(qint64 wanted)
{
    if (wanted <= 0)
        return 0;
    if (m_limit <= 0) {
        m_granted += wanted;
        return wanted;
    }
    refill();
    // Nothing while a paced download is in debt.
    const qint64 granted = qBound<qint64>(0, wanted, qint64(m_tokens));
    m_tokens -= double(granted);
    m_granted += granted;
    return granted;
}

bool BandwidthLimiter::hasCredit()
{
    if (m_limit <= 0)
        return true;
    refill();
    return m_tokens >= 0.0;
}

void BandwidthLimiter::charge(qint64 bytes)
{
    if (bytes <= 0)
        return;
    m_granted += bytes;
    if (m_limit <= 0)
        return;
    refill();
    m_tokens -= double(bytes);
}

void BandwidthLimiter::refill()
{
    if (m_limit <= 0)
        return;
    const qint64 now = m_clock.elapsed();
    const double before = m_tokens;
    // A burst of at most a quarter second keeps the average close to the limit.
    m_tokens = qMin(double(m_limit) / 4.0 + 1.0, m_tokens + double(m_limit) * double(now - m_lastMs) / 1000.0);
    m_lastMs = now;
    // Out of debt, or tokens again after an empty bucket: waiting takers and paced
    // requests may go on.
    if ((before < 1.0 && m_tokens >= 1.0) || (before < 0.0 && m_tokens >= 0.0))
        Q_EMIT refilled();
}

} // namespace coffer::transfer
