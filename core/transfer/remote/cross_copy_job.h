#pragma once
// The queue's job for copying one object between two connections (see CrossCopy): the
// record's connection is the destination, its second connection the source. Parts follow
// the queue's settings (threshold, part size, window, checksum). With the queue's journal
// a paused or restarted job continues from the parts the destination already holds;
// cancel() aborts its multipart upload.

#include "transfer/object_location.h"
#include "transfer/transfer_job.h"

#include <memory>

namespace coffer::transfer {

class CrossCopy;

class CrossCopyJob : public TransferJob
{
    Q_OBJECT
public:
    CrossCopyJob(const ObjectLocation &source, const ObjectLocation &destination, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~CrossCopyJob() override;

    ObjectLocation source() const { return m_source; }
    ObjectLocation destination() const { return m_destination; }

protected:
    void run() override;
    void halt() override;
    void discard() override;
    QJsonObject detail() const override;

private:
    CrossCopyJob(const JobRecord &record, const ObjectLocation &source, const ObjectLocation &destination);

    ObjectLocation m_source;
    ObjectLocation m_destination;
    CrossCopy *m_copy = nullptr;
};

// Registers the factories of every job in core/transfer/remote with the queue, so
// TransferQueue::restore() can bring them back after a restart.
class TransferQueue;
void registerRemoteJobKinds(TransferQueue &queue);

} // namespace coffer::transfer
