#include "transfer_progress.h"

#include <cmath>

namespace coffer::transfer {

void RateMeter::reset()
{
    m_lastMs = -1;
    m_lastBytes = 0;
    m_rate = 0;
}

void RateMeter::sample(qint64 nowMs, qint64 bytesDone)
{
    if (m_lastMs < 0) {
        m_lastMs = nowMs;
        m_lastBytes = bytesDone;
        return;
    }
    const qint64 elapsed = nowMs - m_lastMs;
    if (elapsed <= 0)
        return;
    // Bytes going backwards (a part re-sent) restart the baseline without a negative rate.
    const qint64 moved = qMax<qint64>(0, bytesDone - m_lastBytes);
    const double instant = double(moved) * 1000.0 / double(elapsed);
    // Weight of the old rate after `elapsed`: 0.5^(elapsed / halfLife).
    const double keep = std::pow(0.5, double(elapsed) / double(qMax<qint64>(1, m_halfLifeMs)));
    m_rate = m_rate == 0 ? instant : keep * m_rate + (1.0 - keep) * instant;
    m_lastMs = nowMs;
    m_lastBytes = bytesDone;
}

std::optional<qint64> RateMeter::etaSeconds(qint64 bytesDone, qint64 bytesTotal) const
{
    if (bytesTotal < 0 || m_rate <= 0)
        return std::nullopt;
    const qint64 left = qMax<qint64>(0, bytesTotal - bytesDone);
    return qint64(std::ceil(double(left) / m_rate));
}

} // namespace coffer::transfer
