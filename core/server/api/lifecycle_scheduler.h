#pragma once
// Enforces the buckets' lifecycle rules: expires objects by Days or Date and aborts
// multipart uploads left unfinished, each filtered by prefix. In R2 mode a bucket without
// an abort rule gets R2's default one (7 days). Its "day" can be shortened so that tests
// see rules act in seconds (--lifecycle-day-seconds).

#include "service.h"

#include <QObject>
#include <QTimer>

namespace coffer::server::api {

struct LifecycleReport {
    int objectsExpired = 0;
    int uploadsAborted = 0;
};

class LifecycleScheduler : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kRealDayMs = 24LL * 3600 * 1000;
    static constexpr int kR2DefaultAbortDays = 7;

    LifecycleScheduler(const Service &service, qint64 dayMs, QObject *parent = nullptr);

    // Runs every (day / 8), at most once a minute.
    void start();
    void stop();
    // One pass over every bucket, now; what it removed.
    LifecycleReport runOnce();

Q_SIGNALS:
    void passFinished(const coffer::server::api::LifecycleReport &report);

private:
    const Service &m_service;
    qint64 m_dayMs;
    QTimer m_timer;
};

} // namespace coffer::server::api
