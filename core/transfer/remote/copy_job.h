#pragma once
// The queue's job for a server-side copy or move on one endpoint: one object, or every
// object under a prefix (source.key empty or ending in '/'), within a bucket or across
// buckets. Each object goes through ObjectCopy (CopyObject, or UploadPartCopy ranges cut
// by the PartPlan above 5 GiB); a move deletes each source only after its copy was
// verified. A prefix maps key "<source prefix>rest" to "<destination prefix>rest".

#include "transfer/object_location.h"
#include "transfer/transfer_job.h"

#include "client/s3_call.h"

#include <QPointer>
#include <memory>

namespace coffer::transfer {

class ObjectCopy;

class CopyJob : public TransferJob
{
    Q_OBJECT
public:
    CopyJob(const ObjectLocation &source, const ObjectLocation &destination, bool move, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~CopyJob() override;

    ObjectLocation source() const { return m_source; }
    ObjectLocation destination() const { return m_destination; }
    bool isMove() const { return m_move; }
    bool isPrefix() const { return m_source.key.isEmpty() || m_source.key.endsWith(u'/'); }

protected:
    void run() override;
    void halt() override;
    QJsonObject detail() const override;

private:
    struct Item {
        QString sourceKey;
        QString destinationKey;
        qint64 size = 0;
    };
    CopyJob(const JobRecord &record, const ObjectLocation &source, const ObjectLocation &destination, bool move);
    void listPage(const QString &token, quint64 run);
    void pump(quint64 run);
    void onCopyFinished(ObjectCopy *copy, qint64 size, quint64 run);
    void updateProgress();
    void finishIfDone();

    ObjectLocation m_source;
    ObjectLocation m_destination;
    bool m_move = false;
    client::S3Client *m_client = nullptr;
    QList<Item> m_queue;
    QList<ObjectCopy *> m_active;
    QPointer<client::S3Call> m_listing;
    bool m_listed = false;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0;
    int m_total = 0;
    int m_done = 0;
    int m_failed = 0;
};

} // namespace coffer::transfer
