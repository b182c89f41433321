#pragma once
// Uploads one local file to one key: a single PUT below the multipart threshold, otherwise
// CreateMultipartUpload -> parts streamed from disk through the job's window (each with its
// checksum, compared with the server's answer) -> CompleteMultipartUpload. Every finished
// part is journaled, so a restarted job re-sends only the parts the server does not hold
// (journal + ListParts). A source whose size or mtime changed since the upload began is
// never mixed: the old upload is aborted and the job restarts, saying so in a notice.
// Cancel aborts the multipart upload, so no orphaned parts cost money.

#include "object_location.h"
#include "part_plan.h"
#include "transfer_job.h"

#include <memory>
#include <optional>

namespace coffer::transfer {

class ObjectUpload;

class UploadFileJob : public TransferJob
{
    Q_OBJECT
public:
    UploadFileJob(const QString &localPath, const ObjectLocation &destination,
                  const UploadOptions &options = {}, QObject *parent = nullptr);
    // For TransferQueue::restore().
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~UploadFileJob() override;

    QString localPath() const { return m_localPath; }
    ObjectLocation destination() const { return m_destination; }
    // The plan in use, once the job has looked at the file.
    std::optional<PartPlan> plan() const;

protected:
    void run() override;
    void halt() override;
    void discard() override;
    QJsonObject detail() const override;

private:
    UploadFileJob(const JobRecord &record, const QString &localPath, const ObjectLocation &destination,
                  const UploadOptions &options);

    QString m_localPath;
    ObjectLocation m_destination;
    UploadOptions m_options;
    std::unique_ptr<ObjectUpload> m_upload;
    QString m_lastUploadId; // of the upload halt() stopped, for discard() without a journal
};

} // namespace coffer::transfer
