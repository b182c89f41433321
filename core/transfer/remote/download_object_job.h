#pragma once
// The queue's job for one object -> one local file (see ObjectDownload). Ranges follow
// the queue's settings (part size, window); finished ranges are journaled, so a restarted
// app continues the .part instead of starting over.

#include "transfer/object_location.h"
#include "transfer/transfer_job.h"

#include <memory>

namespace coffer::transfer {

class DownloadRecords;
class ObjectDownload;

class DownloadObjectJob : public TransferJob
{
    Q_OBJECT
public:
    DownloadObjectJob(const ObjectLocation &source, const QString &localPath, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record); // for TransferQueue::restore()
    ~DownloadObjectJob() override;

    ObjectLocation source() const { return m_source; }
    QString localPath() const { return m_localPath; }

protected:
    void run() override;
    void halt() override;
    QJsonObject detail() const override;

private:
    DownloadObjectJob(const JobRecord &record, const ObjectLocation &source, const QString &localPath);

    ObjectLocation m_source;
    QString m_localPath;
    std::unique_ptr<DownloadRecords> m_records;
    ObjectDownload *m_download = nullptr;
};

} // namespace coffer::transfer
