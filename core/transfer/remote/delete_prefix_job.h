#pragma once
// The queue's job for deleting every object under a prefix (see PrefixDeletion): pages of
// up to 1,000 keys, one DeleteObjects request each; keys the server refuses are item
// failures, and the job fails at the end if any remain.

#include "transfer/object_location.h"
#include "transfer/transfer_job.h"

#include <memory>

namespace coffer::transfer {

class PrefixDeletion;

class DeletePrefixJob : public TransferJob
{
    Q_OBJECT
public:
    // target.key is the prefix; "" means the whole bucket's contents.
    explicit DeletePrefixJob(const ObjectLocation &target, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~DeletePrefixJob() override;

    ObjectLocation target() const { return m_target; }
    int deletedCount() const { return m_deleted; }

protected:
    void run() override;
    void halt() override;
    QJsonObject detail() const override;

private:
    DeletePrefixJob(const JobRecord &record, const ObjectLocation &target);

    ObjectLocation m_target;
    PrefixDeletion *m_deletion = nullptr;
    int m_deleted = 0;
};

} // namespace coffer::transfer
