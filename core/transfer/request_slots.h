#pragma once
// The global cap on part requests in flight across every job. A job asks for a slot
// before it sends a part (in addition to its own window) and gives it back when the part
// is done. Waiters are served first come, first served, so one big job cannot starve the
// others; a waiter whose context is destroyed is dropped.

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <map>

namespace coffer::transfer {

class RequestSlots : public QObject
{
    Q_OBJECT
public:
    explicit RequestSlots(int capacity, QObject *parent = nullptr);

    int capacity() const { return m_capacity; }
    // Raising it grants waiting requests at once; lowering it lets the excess drain.
    void setCapacity(int capacity);
    int inUse() const { return m_inUse; }
    int waiting() const;

    // Takes a slot now if one is free.
    bool tryAcquire();
    // Calls granted() (through the event loop, on context's thread) once a slot is held
    // for the caller, who must release() it later. Cancel waits with cancelWaits(context).
    void acquire(const QObject *context, std::function<void()> granted);
    void cancelWaits(const QObject *context);
    void release();

private:
    void grant();

    struct Waiter {
        QPointer<const QObject> context;
        std::function<void()> granted;
    };
    std::deque<Waiter> m_waiters;
    // Grants on their way through the event loop, by id: cancelWaits() drops its
    // context's, and a dropped grant gives its slot back on arrival.
    std::map<quint64, QPointer<const QObject>> m_inTransit;
    quint64 m_nextGrant = 0;
    int m_capacity;
    int m_inUse = 0;
};

} // namespace coffer::transfer
