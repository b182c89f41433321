#pragma once
// The time requests are signed with: the injectable wall clock plus the offset learned
// from a server that refused our time (RequestTimeTooSkewed). Shared by a client and
// every exchange it runs.

#include <QDateTime>

#include <chrono>
#include <functional>

namespace coffer::client {

class ClientClock
{
public:
    explicit ClientClock(std::function<QDateTime()> source = {})
        : m_source(source ? std::move(source) : [] { return QDateTime::currentDateTimeUtc(); })
    {
    }
    QDateTime localNow() const { return m_source().toUTC(); }
    QDateTime now() const { return localNow().addMSecs(m_offset.count()); }
    std::chrono::milliseconds offset() const { return m_offset; }
    void setOffset(std::chrono::milliseconds offset) { m_offset = offset; }

private:
    std::function<QDateTime()> m_source;
    std::chrono::milliseconds m_offset{0};
};

} // namespace coffer::client
