#pragma once
// How far a job is: bytes (and items for multi-object jobs), a smoothed rate and an ETA.
// RateMeter is pure (the clock is passed in), so smoothing is testable without waiting.

#include <QtGlobal>

#include <optional>

namespace coffer::transfer {

struct TransferProgress {
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1; // -1 while unknown (e.g. a folder still being walked)
    int itemsDone = 0;      // objects finished, for folder/prefix jobs (1 of 1 otherwise)
    int itemsTotal = 0;
    int itemsFailed = 0;
    double bytesPerSecond = 0; // smoothed
    // Seconds left at the smoothed rate; nullopt while the rate or the total is unknown.
    std::optional<qint64> etaSeconds;

    double fraction() const { return bytesTotal > 0 ? double(bytesDone) / double(bytesTotal) : 0.0; }
    bool operator==(const TransferProgress &) const = default;
};

// An exponentially weighted rate over samples (time, bytes done so far). Bytes going
// backwards (a part re-sent after pause) are not counted as negative speed.
class RateMeter
{
public:
    // halfLifeMs: after this long, an old sample weighs half as much as a new one.
    explicit RateMeter(qint64 halfLifeMs = 3000) : m_halfLifeMs(halfLifeMs) {}

    void reset();
    // nowMs: a monotonic clock (QElapsedTimer, or a test's counter).
    void sample(qint64 nowMs, qint64 bytesDone);
    double bytesPerSecond() const { return m_rate; }
    std::optional<qint64> etaSeconds(qint64 bytesDone, qint64 bytesTotal) const;

private:
    qint64 m_halfLifeMs;
    qint64 m_lastMs = -1;
    qint64 m_lastBytes = 0;
    double m_rate = 0;
};

} // namespace coffer::transfer
