#pragma once
// The crash-safe record of every job (SQLite, WAL). Each call is one transaction, so after
// kill -9 the journal holds exactly the parts whose completion was recorded; a part is
// recorded only after the server confirmed it (ETag and checksum), never before.
//
// Layout: a job row (kind, state, source, destination, connection identity, a JSON detail
// for the job's own fields); item rows, one per object the job moves ("" for single-object
// jobs, the relative path or key for folder/prefix jobs) with the source fingerprint, the
// multipart upload id, part size and checksum algorithm; part rows with each finished
// part's number, size, ETag and checksum. Never a secret.
//
// Used from one thread (the queue's). Durability: synchronous=NORMAL in WAL mode survives
// a killed process; a power cut may lose the last few commits, which only means re-sending
// those parts (the source fingerprint still guards against mixing).

#include "job_environment.h"
#include "job_state.h"

#include "s3/checksum/checksum.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

struct sqlite3;

namespace coffer::transfer {

// What a source looked like when its transfer started: a changed fingerprint on resume
// means the bytes already sent may not match, so the transfer restarts from scratch.
struct SourceFingerprint {
    qint64 size = -1;
    qint64 mtimeNs = 0; // files: modification time, ns since the epoch
    QString etag;       // objects: the source's ETag
    bool isValid() const { return size >= 0; }
    bool operator==(const SourceFingerprint &) const = default;
};

struct JobRecord {
    qint64 id = 0; // assigned by addJob()
    JobKind kind = JobKind::UploadFile;
    JobState state = JobState::Queued;
    QString displayName;
    QString source;      // a local path, or bucket/key
    QString destination; // bucket/key or bucket/prefix, or a local path
    ConnectionRef connection;       // where destination (or source) lives
    ConnectionRef secondConnection; // the other side of a cross-connection copy
    QJsonObject detail;  // the job's own fields (options, counters), opaque to the journal
    QString lastError;   // userMessage() of the last failure, for `coffer-cli resume` listings
};

struct ItemRecord {
    QString item; // "" for single-object jobs
    SourceFingerprint fingerprint;
    QString uploadId; // empty: no multipart upload created yet (or a single PUT)
    qint64 partSize = 0;
    std::optional<s3::ChecksumAlgorithm> checksum;
    bool done = false;
};

struct PartRecord {
    int partNumber = 0;
    qint64 size = 0;
    QString etag;            // quoted, as the server sent it
    QByteArray checksumBase64; // as sent in x-amz-checksum-*; empty without a checksum
    bool operator==(const PartRecord &) const = default;
};

class TransferJournal
{
public:
    TransferJournal();
    ~TransferJournal();
    TransferJournal(const TransferJournal &) = delete;
    TransferJournal &operator=(const TransferJournal &) = delete;

    // Opens (creating if needed) the journal file; false with errorString() when the
    // file cannot be opened or is not a Coffer journal.
    bool open(const QString &path);
    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }

    // --- Jobs ---
    qint64 addJob(const JobRecord &record); // returns the new id, 0 on failure
    bool updateJob(const JobRecord &record); // every field but id and kind
    bool setJobState(qint64 jobId, JobState state, const QString &lastError = {});
    bool removeJob(qint64 jobId); // with its items and parts
    std::optional<JobRecord> job(qint64 jobId) const;
    // Jobs not Completed or Cancelled, oldest first: what restore() brings back.
    QList<JobRecord> unfinishedJobs() const;

    // --- Items (one object of a job) ---
    bool saveItem(qint64 jobId, const ItemRecord &item); // insert or replace
    std::optional<ItemRecord> item(qint64 jobId, const QString &item) const;
    QList<ItemRecord> items(qint64 jobId) const;
    bool markItemDone(qint64 jobId, const QString &item); // and drops its part rows
    // Forgets the upload id and parts (the upload restarts); keeps the row.
    bool resetItem(qint64 jobId, const QString &item);

    // --- Parts (finished, confirmed by the server) ---
    bool addPart(qint64 jobId, const QString &item, const PartRecord &part);
    QList<PartRecord> parts(qint64 jobId, const QString &item) const; // by part number

private:
    bool exec(const char *sql);
    bool fail(const QString &what) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    mutable QString m_error;
};

} // namespace coffer::transfer
