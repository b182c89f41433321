#pragma once
// What a job does and where it is in its life. Both travel to the journal as stable ids
// (the strings below), so renaming an enumerator never breaks a saved journal.

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>

#include <optional>

namespace coffer::transfer {

enum class JobKind {
    UploadFile,     // one local file to one key (single PUT or multipart)
    UploadFolder,   // a local tree under a key prefix, relative paths kept
    DownloadObject, // one object to one file (core/transfer/remote)
    DownloadPrefix, // every object under a prefix to a folder (remote)
    CopyObject,     // server-side copy on one endpoint, object or prefix (remote)
    MoveObject,     // copy, then delete the source (remote)
    CrossCopy,      // streamed between two connections, no temporary file (remote)
    DeletePrefix,   // DeleteObjects in batches of 1,000 (remote)
};

enum class JobState {
    Queued,    // waiting for a job slot in the queue
    Running,   // moving bytes
    Verifying, // all bytes moved; completing / comparing checksums
    Paused,    // stopped by the user; finished parts kept, resumes where it stopped
    Completed,
    Failed,    // error() says why; retry() queues it again
    Cancelled, // stopped for good; server-side leftovers (multipart uploads) aborted
};

// Terminal states: the job will not move again unless retried (Failed only).
inline bool isFinished(JobState state)
{
    return state == JobState::Completed || state == JobState::Failed || state == JobState::Cancelled;
}

QByteArray jobKindId(JobKind kind);   // "upload-file", "upload-folder", ...
std::optional<JobKind> jobKindFromId(QByteArrayView id);
QByteArray jobStateId(JobState state); // "queued", "running", ...
std::optional<JobState> jobStateFromId(QByteArrayView id);

} // namespace coffer::transfer

Q_DECLARE_METATYPE(coffer::transfer::JobState)
