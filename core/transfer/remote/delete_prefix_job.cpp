#include "delete_prefix_job.h"

#include "prefix_deletion.h"

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

JobRecord newRecord(const ObjectLocation &target)
{
    JobRecord record;
    record.kind = JobKind::DeletePrefix;
    record.displayName = target.key.isEmpty() ? target.bucket : target.key;
    record.source = target.display();
    record.destination = target.display();
    record.connection = target.connection;
    return record;
}

} // namespace

DeletePrefixJob::DeletePrefixJob(const ObjectLocation &target, QObject *parent)
    : DeletePrefixJob(newRecord(target), target)
{
    setParent(parent);
}

DeletePrefixJob::DeletePrefixJob(const JobRecord &record, const ObjectLocation &target)
    : TransferJob(record)
    , m_target(target)
{
}

DeletePrefixJob::~DeletePrefixJob()
{
    delete m_deletion;
}

std::unique_ptr<TransferJob> DeletePrefixJob::fromRecord(const JobRecord &record)
{
    const ObjectLocation target = ObjectLocation::fromJson(record.detail.value(u"target"_s).toObject());
    if (target.bucket.isEmpty())
        return nullptr;
    return std::unique_ptr<TransferJob>(new DeletePrefixJob(record, target));
}

QJsonObject DeletePrefixJob::detail() const
{
    return {{u"target"_s, m_target.toJson()}};
}

void DeletePrefixJob::run()
{
    client::S3Client *s3 = client(m_target.connection);
    if (!s3)
        return;
    m_deleted = 0;
    setTotals(-1, 0);
    m_deletion = new PrefixDeletion(s3, m_target.bucket, m_target.key);
    PrefixDeletion *deletion = m_deletion;
    const quint64 run = generation();
    connect(deletion, &PrefixDeletion::progress, this, [this, run](int deleted, int failed) {
        if (!isCurrent(run))
            return;
        m_deleted = deleted;
        setTotals(-1, deleted + failed);
        setItemsDone(deleted, failed);
    });
    connect(deletion, &PrefixDeletion::keyFailed, this, [this, run](const QString &key, const QString &message) {
        if (isCurrent(run))
            addItemFailure(key, message);
    });
    connect(deletion, &PrefixDeletion::finished, this, [this, deletion, run] {
        if (!isCurrent(run))
            return;
        if (deletion->error().isError())
            return fail(deletion->error());
        if (!deletion->failures().isEmpty()) {
            return fail(s3::S3Error::local(tr("%1 objects under %2 could not be deleted (see the list of "
                                              "failures); %3 were deleted.")
                                                      .arg(deletion->failures().size())
                                                      .arg(m_target.display())
                                                      .arg(deletion->deletedCount())));
        }
        complete();
    });
    deletion->start();
}

void DeletePrefixJob::halt()
{
    if (!m_deletion)
        return;
    m_deletion->disconnect(this);
    m_deletion->cancel();
    m_deletion->deleteLater();
    m_deletion = nullptr;
}

} // namespace coffer::transfer
