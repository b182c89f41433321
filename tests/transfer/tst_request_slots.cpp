// RequestSlots (the global cap on part requests) and RateMeter (smoothed rate and ETA).

#include "transfer/request_slots.h"
#include "transfer/transfer_progress.h"

#include <QTest>

#include <memory>

using namespace coffer::transfer;

class tst_RequestSlots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capHoldsAcrossWaiters_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("waiters");
        QTest::newRow("1 of 5") << 1 << 5;
        QTest::newRow("3 of 10") << 3 << 10;
        QTest::newRow("8 of 2") << 8 << 2;
    }

    void capHoldsAcrossWaiters()
    {
        QFETCH(int, capacity);
        QFETCH(int, waiters);
        RequestSlots slotGate(capacity);
        QObject context;
        QList<int> order;
        for (int i = 0; i < waiters; ++i)
            slotGate.acquire(&context, [&order, i] { order.append(i); });
        QTRY_COMPARE(order.size(), qMin(capacity, waiters));
        QCOMPARE(slotGate.inUse(), qMin(capacity, waiters));
        // Each release lets exactly one more in, first come first served.
        while (order.size() < waiters) {
            const int before = order.size();
            slotGate.release();
            QTRY_COMPARE(order.size(), before + 1);
            QCOMPARE(slotGate.inUse(), qMin(capacity, waiters));
        }
        for (int i = 0; i < waiters; ++i)
            QCOMPARE(order.at(i), i);
    }

    void cancelledWaitGivesTheSlotBack()
    {
        RequestSlots slotGate(1);
        auto second = std::make_unique<QObject>();
        bool secondGranted = false;
        bool thirdGranted = false;
        QObject third;
        QVERIFY(slotGate.tryAcquire());
        slotGate.acquire(second.get(), [&secondGranted] { secondGranted = true; });
        slotGate.acquire(&third, [&thirdGranted] { thirdGranted = true; });
        slotGate.cancelWaits(second.get());
        slotGate.release();
        QTRY_VERIFY(thirdGranted);
        QVERIFY(!secondGranted);
        QCOMPARE(slotGate.inUse(), 1);
    }

    void grantInTransitToACancelledWaiter()
    {
        RequestSlots slotGate(1);
        QObject context;
        bool granted = false;
        slotGate.acquire(&context, [&granted] { granted = true; });
        slotGate.cancelWaits(&context); // the grant is already queued
        QTRY_COMPARE(slotGate.inUse(), 0);
        QVERIFY(!granted);
    }

    void rateSmoothsAndEstimates()
    {
        RateMeter meter(1000);
        meter.sample(0, 0);
        for (int s = 1; s <= 20; ++s)
            meter.sample(s * 1000, qint64(s) * 1000000);
        QVERIFY(qAbs(meter.bytesPerSecond() - 1e6) < 1e3);
        QCOMPARE(meter.etaSeconds(20000000, 30000000), std::optional<qint64>(10));
        QCOMPARE(meter.etaSeconds(0, -1), std::nullopt);
        // A stall pulls the rate down gradually, not to zero at once.
        meter.sample(21000, 20000000);
        QVERIFY(meter.bytesPerSecond() > 1e5);
        QVERIFY(meter.bytesPerSecond() < 1e6);
        // Going backwards (a part re-sent) is not a negative rate.
        meter.sample(22000, 10000000);
        QVERIFY(meter.bytesPerSecond() >= 0);
    }
};

QTEST_GUILESS_MAIN(tst_RequestSlots)
#include "tst_request_slots.moc"
