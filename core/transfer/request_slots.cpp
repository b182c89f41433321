#include "request_slots.h"

#include <QMetaObject>

namespace coffer::transfer {

RequestSlots::RequestSlots(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{
}

void RequestSlots::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    grant();
}

int RequestSlots::waiting() const
{
    return int(m_waiters.size());
}

bool RequestSlots::tryAcquire()
{
    // Waiters come first: a newcomer may not jump the line.
    if (m_inUse >= m_capacity || !m_waiters.empty())
        return false;
    ++m_inUse;
    return true;
}

void RequestSlots::acquire(const QObject *context, std::function<void()> granted)
{
    m_waiters.push_back({context, std::move(granted)});
    grant();
}

void RequestSlots::cancelWaits(const QObject *context)
{
    std::erase_if(m_waiters, [context](const Waiter &w) { return w.context == context || !w.context; });
    std::erase_if(m_inTransit, [context](const auto &entry) { return entry.second == context; });
}

void RequestSlots::release()
{
    if (m_inUse > 0)
        --m_inUse;
    grant();
}

void RequestSlots::grant()
{
    while (m_inUse < m_capacity && !m_waiters.empty()) {
        Waiter waiter = std::move(m_waiters.front());
        m_waiters.pop_front();
        if (!waiter.context)
            continue;
        ++m_inUse;
        // Delivered through the event loop so a caller never re-enters itself; if the
        // context dies before delivery, the slot goes back.
        const quint64 id = ++m_nextGrant;
        m_inTransit.emplace(id, waiter.context);
        QMetaObject::invokeMethod(this, [this, id, granted = std::move(waiter.granted)] {
            const auto it = m_inTransit.find(id);
            const bool wanted = it != m_inTransit.end() && it->second;
            if (it != m_inTransit.end())
                m_inTransit.erase(it);
            if (wanted)
                granted();
            else
                release();
        }, Qt::QueuedConnection);
    }
}

} // namespace coffer::transfer
