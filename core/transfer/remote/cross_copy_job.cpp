#include "cross_copy_job.h"

#include "copy_job.h"
#include "cross_copy.h"
#include "delete_prefix_job.h"
#include "download_object_job.h"
#include "download_prefix_job.h"

#include "transfer/transfer_journal.h"
#include "transfer/transfer_queue.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

JobRecord newRecord(const ObjectLocation &source, const ObjectLocation &destination)
{
    JobRecord record;
    record.kind = JobKind::CrossCopy;
    record.displayName = source.key;
    record.source = source.display();
    record.destination = destination.display();
    record.connection = destination.connection;
    record.secondConnection = source.connection;
    return record;
}

} // namespace

CrossCopyJob::CrossCopyJob(const ObjectLocation &source, const ObjectLocation &destination, QObject *parent)
    : CrossCopyJob(newRecord(source, destination), source, destination)
{
    setParent(parent);
}

CrossCopyJob::CrossCopyJob(const JobRecord &record, const ObjectLocation &source, const ObjectLocation &destination)
    : TransferJob(record)
    , m_source(source)
    , m_destination(destination)
{
}

CrossCopyJob::~CrossCopyJob()
{
    delete m_copy; // aborts a multipart upload it started
}

std::unique_ptr<TransferJob> CrossCopyJob::fromRecord(const JobRecord &record)
{
    const ObjectLocation source = ObjectLocation::fromJson(record.detail.value(u"source"_s).toObject());
    const ObjectLocation destination = ObjectLocation::fromJson(record.detail.value(u"destination"_s).toObject());
    if (source.key.isEmpty() || destination.key.isEmpty())
        return nullptr;
    return std::unique_ptr<TransferJob>(new CrossCopyJob(record, source, destination));
}

QJsonObject CrossCopyJob::detail() const
{
    return {{u"source"_s, m_source.toJson()}, {u"destination"_s, m_destination.toJson()}};
}

void CrossCopyJob::run()
{
    client::S3Client *from = client(m_source.connection);
    if (!from)
        return;
    client::S3Client *to = client(m_destination.connection);
    if (!to)
        return;
    CrossCopyRequest request;
    request.sourceBucket = m_source.bucket;
    request.sourceKey = m_source.key;
    request.bucket = m_destination.bucket;
    request.key = m_destination.key;
    request.multipartThreshold = settings().multipartThreshold;
    request.preferredPartSize = settings().preferredPartSize;
    request.window = settings().partWindow;
    request.checksum = settings().checksum;
    setTotals(-1, 1);
    setItemsDone(0);
    m_copy = new CrossCopy(from, to, request);
    CrossCopy *copy = m_copy;
    const quint64 run = generation();
    connect(copy, &CrossCopy::progress, this, [this, run](qint64 done, qint64 total) {
        if (!isCurrent(run))
            return;
        setTotals(total, 1);
        setBytesDone(done);
    });
    connect(copy, &CrossCopy::notice, this, &CrossCopyJob::addNotice);
    connect(copy, &CrossCopy::finished, this, [this, copy, run] {
        if (!isCurrent(run))
            return;
        if (copy->state() == CrossCopy::State::Finished) {
            setItemsDone(1);
            complete();
        } else if (copy->state() == CrossCopy::State::Failed) {
            fail(copy->error());
        }
    });
    copy->setJournal(journal(), id());
    copy->setRequestSlots(environment().requestSlots);
    copy->start();
}

void CrossCopyJob::halt()
{
    if (!m_copy)
        return;
    m_copy->disconnect(this);
    // With a journal the multipart upload stays for the next run; without, it is aborted.
    m_copy->stop();
    m_copy->deleteLater();
    m_copy = nullptr;
}

void CrossCopyJob::discard()
{
    const std::optional<ItemRecord> item = journal() && id() != 0 ? journal()->item(id(), {}) : std::nullopt;
    client::S3Client *to = environment().clients ? environment().clients(m_destination.connection) : nullptr;
    if (!item || item->uploadId.isEmpty() || !to) {
        cancelled();
        return;
    }
    to->abortMultipartUpload({m_destination.bucket, m_destination.key, item->uploadId})
        ->onFinished(this, [this](const client::Result<client::Done> &) {
            journal()->resetItem(id(), {});
            cancelled();
        });
}

void registerRemoteJobKinds(TransferQueue &queue)
{
    queue.registerJobKind(JobKind::DownloadObject, &DownloadObjectJob::fromRecord);
    queue.registerJobKind(JobKind::DownloadPrefix, &DownloadPrefixJob::fromRecord);
    queue.registerJobKind(JobKind::CopyObject, &CopyJob::fromRecord);
    queue.registerJobKind(JobKind::MoveObject, &CopyJob::fromRecord);
    queue.registerJobKind(JobKind::CrossCopy, &CrossCopyJob::fromRecord);
    queue.registerJobKind(JobKind::DeletePrefix, &DeletePrefixJob::fromRecord);
}

} // namespace coffer::transfer
