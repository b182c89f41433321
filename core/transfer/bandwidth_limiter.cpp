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
    if (m_limit <= 0 || wanted <= 0)
        return qMax<qint64>(0, wanted);
    refill();
    const qint64 granted = qMin<qint64>(wanted, qint64(m_tokens));
    m_tokens -= double(granted);
    return granted;
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
    if (before < 1.0 && m_tokens >= 1.0)
        Q_EMIT refilled();
}

} // namespace coffer::transfer
