#pragma once
// SIGINT and SIGTERM as a Qt signal: the handler only writes a byte to a self-pipe, and a
// QSocketNotifier in the event loop turns that into stopRequested(), where stopping is safe.

#include <QObject>

class QSocketNotifier;

namespace coffer::server::app {

class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;
    bool isInstalled() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void stopRequested(int signalNumber);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace coffer::server::app
