#pragma once
// coffer-cli's use of the transfer engine: the CLI's journal (so `resume` can continue
// after a crash), one queue with the flags' settings, and the mapping between the
// session's connections and the journal's connection identities (never secrets).

#include "command.h"

#include "transfer/object_location.h"
#include "transfer/transfer_journal.h"
#include "transfer/transfer_queue.h"

#include <QObject>

#include <memory>

namespace coffer::cli {

class EngineSession : public QObject
{
    Q_OBJECT
public:
    EngineSession(const Session &session, QObject *parent);
    ~EngineSession() override;

    // Opens (creating its folder) the journal; false with *error set when it cannot.
    bool open(QString *error);
    // When the journal cannot be opened: the same engine, but nothing survives a crash.
    void openWithoutJournal();
    transfer::TransferQueue *queue() const { return m_queue.get(); }
    transfer::TransferJournal *journal() const { return m_journal.get(); }

    // The journal's name for the connection a location is on.
    transfer::ConnectionRef connectionRef(const Location &location) const;
    transfer::ObjectLocation objectLocation(const Location &location) const;

    // Settings from --concurrency, --part-size, --bandwidth-limit and --checksum.
    static transfer::TransferSettings settingsFor(const Invocation &invocation);

private:
    void makeQueue();

    Session m_session;
    std::unique_ptr<transfer::TransferJournal> m_journal;
    std::unique_ptr<transfer::TransferQueue> m_queue;
};

// Reports a job on the console the way coffer-cli reports every transfer: JSON progress
// events with the job's id, or the terminal bar; notices as warnings.
void reportJobProgress(Console &console, transfer::TransferJob *job, const QString &id, const QString &label,
    const QObject *context);

// A job's state as --json spells it.
QString jobStateName(transfer::JobState state);

} // namespace coffer::cli
