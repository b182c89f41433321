#pragma once
// The app's transfers: the journal (transfers.sqlite in the app's data folder), the queue
// over it with every job kind registered, and what came back from the last run. Jobs the
// previous run left Queued or Running are restored Paused, never started silently: the
// Transfers pane offers to resume them (interruptedJobs()).
//
//   auto *transfers = new TransferCenter([this](const transfer::ConnectionRef &ref) {
//       Connection *c = connectionById(ref.profile);       // ref.profile is Connection::id()
//       return c ? c->client() : nullptr;
//   }, this);
//   statusBar()->addWidget(rateLabel);
//   connect(transfers, &TransferCenter::rateChanged, rateLabel, ...);
//
// Destroy it before the clients it resolves (jobs cancel their requests as they go).

#include "transfer/job_environment.h"
#include "transfer/transfer_job.h"
#include "transfer/transfer_settings.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace coffer::transfer {
class TransferJob;
class TransferJournal;
class TransferQueue;
} // namespace coffer::transfer

namespace coffer::ui {

class Connection;

class TransferCenter : public QObject
{
    Q_OBJECT
public:
    // Journals at defaultJournalPath().
    explicit TransferCenter(transfer::ClientResolver clients, QObject *parent = nullptr);
    // Journals at journalPath (tests; another profile of the app).
    TransferCenter(transfer::ClientResolver clients, const QString &journalPath,
        const transfer::TransferSettings &settings = {}, QObject *parent = nullptr);
    ~TransferCenter() override;

    // <AppDataLocation>/transfers.sqlite
    static QString defaultJournalPath();
    // How a job names a connection: the profile's id (stable across renames, so a renamed
    // profile still resumes its transfers) and its endpoint URL.
    static transfer::ConnectionRef connectionRef(const Connection &connection);

    transfer::TransferQueue *queue() const { return m_queue.get(); }
    // Empty when the journal opened; otherwise why not (transfers then work but do not
    // survive a restart).
    QString journalError() const { return m_journalError; }
    // Why some journal entries could not be restored (one sentence each).
    QStringList restoreProblems() const { return m_restoreProblems; }

    // Jobs the last run left moving, held Paused until resumeInterrupted().
    QList<transfer::TransferJob *> interruptedJobs() const;
    void resumeInterrupted();
    // "Later": they stay Paused and become ordinary paused rows.
    void dismissInterrupted();

    // Bytes per second over every job, smoothed for a status bar.
    double bytesPerSecond() const { return m_rate; }

Q_SIGNALS:
    void interruptedChanged();
    void rateChanged(double bytesPerSecond);

private:
    void restore();
    void sampleRate();
    void watchJob(transfer::TransferJob *job);

    std::unique_ptr<transfer::TransferJournal> m_journal;
    std::unique_ptr<transfer::TransferQueue> m_queue; // declared after the journal: destroyed first
    QString m_journalError;
    QStringList m_restoreProblems;
    QList<QPointer<transfer::TransferJob>> m_interrupted;
    QTimer m_rateTimer;
    double m_rate = 0;
};

} // namespace coffer::ui
