#pragma once
// The base of every job in the queue. A job moves one thing (a file, a folder, a prefix)
// and tells the world how it goes: state, progress (bytes, smoothed rate, ETA), notices a
// person should read, per-item failures, and in the end one typed error.
//
// Lifecycle (the queue drives Queued -> Running; the user drives the rest):
//   Queued --start--> Running --> Verifying --> Completed
//      |                 |  \--> Failed --retry()--> Queued
//      |               pause()
//      +-- pause() --> Paused --resume()--> Queued
//   cancel() from any unfinished state --> (discard(): abort server leftovers) --> Cancelled
//
// Writing a job (subclass): implement run(), halt() and detail(); optionally discard().
// Every asynchronous callback must be bound to `this` and check isCurrent(generation)
// with the generation captured when the request was issued: pause/cancel bump it, so a
// late answer to a cancelled request never touches a job that moved on.

#include "job_environment.h"
#include "job_state.h"
#include "transfer_journal.h"
#include "transfer_progress.h"

#include "s3/error/s3error.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace coffer::transfer {

// One object of a multi-object job that could not be moved.
struct ItemFailure {
    QString item;    // relative path or key
    QString message; // a sentence: what happened, what to do
};

class TransferJob : public QObject
{
    Q_OBJECT
public:
    ~TransferJob() override;

    qint64 id() const { return m_record.id; } // journal row; 0 until added to a queue with a journal
    JobKind kind() const { return m_record.kind; }
    QString displayName() const { return m_record.displayName; }
    QString sourceDescription() const { return m_record.source; }
    QString destinationDescription() const { return m_record.destination; }
    ConnectionRef connection() const { return m_record.connection; }
    JobState state() const { return m_record.state; }
    TransferProgress progress() const { return m_progress; }
    // Kind None unless the job Failed.
    const s3::S3Error &error() const { return m_error; }
    // The sentence to show for a failed job (error().userMessage()).
    QString errorMessage() const;
    // Things a person should know that are not failures, e.g. "The file changed since the
    // upload began, so it restarts from the beginning."
    QStringList notices() const { return m_notices; }
    QList<ItemFailure> itemFailures() const { return m_itemFailures; }

    // User actions; each does nothing where it does not apply.
    void pause();  // Queued/Running/Verifying -> Paused (in-flight parts are cancelled)
    void resume(); // Paused -> Queued
    void cancel(); // unfinished -> Cancelled, after server-side cleanup
    void retry();  // Failed -> Queued; finished parts are kept

Q_SIGNALS:
    void stateChanged(coffer::transfer::JobState state);
    // Throttled to a few per second; read progress().
    void progressChanged();
    void noticeAdded(const QString &text);
    void itemFailed(const QString &item, const QString &message);
    // Entered Completed, Failed or Cancelled.
    void finished();

protected:
    // `record` describes the job (kind, names, connection); a restored job passes the
    // journal's record, id included.
    explicit TransferJob(JobRecord record, QObject *parent = nullptr);

    // Begin, or continue from the journal. Called in state Running.
    virtual void run() = 0;
    // Stop issuing requests and cancel those in flight. Called on pause and cancel (after
    // the generation was bumped) and before destruction.
    virtual void halt() = 0;
    // On cancel, after halt(): remove server-side leftovers (abort multipart uploads),
    // then call cancelled(). The default calls cancelled() at once.
    virtual void discard();
    // The job's own fields, kept in the journal's detail column.
    virtual QJsonObject detail() const { return {}; }

    // --- For subclasses ---
    const JobEnvironment &environment() const { return m_env; }
    const TransferSettings &settings() const;
    TransferJournal *journal() const { return m_env.journal; } // null: no journal
    // The client for a connection; nullptr (after failing the job with an Auth error)
    // when the app cannot provide one.
    client::S3Client *client(const ConnectionRef &connection);
    client::S3Client *client() { return client(m_record.connection); }

    quint64 generation() const { return m_generation; }
    bool isCurrent(quint64 generation) const;
    bool isActive() const; // Running or Verifying

    void setTotals(qint64 bytesTotal, int itemsTotal = 1);
    void setBytesDone(qint64 bytesDone);
    void addBytesDone(qint64 delta);
    void setItemsDone(int done, int failed = 0);
    void setVerifying(); // Running -> Verifying
    void complete();     // -> Completed
    void fail(const s3::S3Error &error); // -> Failed (halts first)
    void cancelled();    // -> Cancelled, ending discard()
    void addNotice(const QString &text);
    void addItemFailure(const QString &item, const QString &message);
    void setDescription(const QString &source, const QString &destination);
    // Writes the record and detail() to the journal (no-op without one).
    void saveRecord();

private:
    friend class TransferQueue;
    void attach(const JobEnvironment &environment);
    void start(); // Queued -> Running, by the queue
    void setState(JobState state);
    void emitProgressSoon();
    void updateRate();

    JobRecord m_record;
    JobEnvironment m_env;
    TransferProgress m_progress;
    RateMeter m_rate;
    QElapsedTimer m_clock;
    qint64 m_lastRateSampleMs = -1;
    bool m_progressPending = false;
    s3::S3Error m_error;
    QStringList m_notices;
    QList<ItemFailure> m_itemFailures;
    quint64 m_generation = 0;
    bool m_cancelling = false;
};

} // namespace coffer::transfer
