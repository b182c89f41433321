#pragma once
// What the acceptor, the workers and every connection share: the configuration, the log
// sink, request ids and the counters tests use to check memory stays bounded.
// Internal to the HTTP layer.

#include "server/http/exchangelog.h"
#include "server/http/serverconfig.h"

#include <QByteArray>

#include <atomic>
#include <functional>

namespace coffer::server::http {

struct ServerState {
    ServerConfig config;
    std::function<void(const ExchangeLog &)> log; // called from worker threads
    quint32 idPrefix = 0;                         // random per run
    std::atomic<quint32> nextId{0};
    std::atomic<qint64> peakBuffered{0};
    std::atomic<int> openConnections{0};

    // 16 uppercase hex digits, as S3's x-amz-request-id looks.
    QByteArray newRequestId()
    {
        const quint64 id = (quint64(idPrefix) << 32) | nextId.fetch_add(1, std::memory_order_relaxed);
        return QByteArray::number(id, 16).rightJustified(16, '0').toUpper();
    }

    void noteBuffered(qint64 bytes)
    {
        qint64 peak = peakBuffered.load(std::memory_order_relaxed);
        while (bytes > peak && !peakBuffered.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
        }
    }
};

} // namespace coffer::server::http
