#include "upload_file_job.h"

#include "object_upload.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

JobRecord newRecord(const QString &localPath, const ObjectLocation &destination)
{
    JobRecord record;
    record.kind = JobKind::UploadFile;
    record.displayName = QFileInfo(localPath).fileName();
    record.source = localPath;
    record.destination = destination.display();
    record.connection = destination.connection;
    return record;
}

} // namespace

UploadFileJob::UploadFileJob(const QString &localPath, const ObjectLocation &destination,
                             const UploadOptions &options, QObject *parent)
    : UploadFileJob(newRecord(localPath, destination), localPath, destination, options)
{
    setParent(parent);
}

UploadFileJob::UploadFileJob(const JobRecord &record, const QString &localPath, const ObjectLocation &destination,
                             const UploadOptions &options)
    : TransferJob(record)
    , m_localPath(localPath)
    , m_destination(destination)
    , m_options(options)
{
}

UploadFileJob::~UploadFileJob() = default;

std::unique_ptr<TransferJob> UploadFileJob::fromRecord(const JobRecord &record)
{
    const QString path = record.detail.value(u"path"_s).toString();
    const ObjectLocation destination = ObjectLocation::fromJson(record.detail.value(u"destination"_s).toObject());
    if (path.isEmpty() || destination.bucket.isEmpty())
        return nullptr;
    const UploadOptions options = UploadOptions::fromJson(record.detail.value(u"options"_s).toObject());
    return std::unique_ptr<TransferJob>(new UploadFileJob(record, path, destination, options));
}

QJsonObject UploadFileJob::detail() const
{
    return {{u"path"_s, m_localPath}, {u"destination"_s, m_destination.toJson()}, {u"options"_s, m_options.toJson()}};
}

std::optional<PartPlan> UploadFileJob::plan() const
{
    return m_upload ? m_upload->plan() : std::nullopt;
}

void UploadFileJob::run()
{
    client::S3Client *s3 = client(m_destination.connection);
    if (!s3)
        return;
    const QFileInfo info(m_localPath);
    setTotals(info.exists() ? info.size() : -1, 1);
    setItemsDone(0);
    ObjectUpload::Setup setup{m_localPath, m_destination, m_options, QString(), id(), environment(), s3};
    m_upload = std::make_unique<ObjectUpload>(std::move(setup));
    ObjectUpload *upload = m_upload.get();
    const quint64 run = generation();
    connect(upload, &ObjectUpload::progressed, this, [this, upload] {
        setTotals(upload->size(), 1);
        setBytesDone(upload->bytesDone());
    });
    connect(upload, &ObjectUpload::notice, this, &UploadFileJob::addNotice);
    connect(upload, &ObjectUpload::completing, this, [this, run] {
        if (isCurrent(run))
            setVerifying();
    });
    connect(upload, &ObjectUpload::succeeded, this, [this, run] {
        if (!isCurrent(run))
            return;
        setItemsDone(1);
        complete();
    });
    connect(upload, &ObjectUpload::failed, this, [this, run](const s3::S3Error &error) {
        if (isCurrent(run))
            fail(error);
    });
    upload->start();
}

void UploadFileJob::halt()
{
    if (!m_upload)
        return;
    // Stopped now, deleted later: halt() may run inside one of the upload's own signals.
    m_upload->stop();
    m_upload->disconnect(this);
    m_lastUploadId = m_upload->uploadId();
    m_upload.release()->deleteLater();
}

void UploadFileJob::discard()
{
    client::S3Client *s3 = environment().clients ? environment().clients(m_destination.connection) : nullptr;
    ObjectUpload::Setup setup{m_localPath, m_destination, m_options, QString(), id(), environment(), s3};
    auto *aborter = new ObjectUpload(std::move(setup), this);
    aborter->abort(this, [this, aborter] {
        aborter->deleteLater();
        cancelled();
    }, m_lastUploadId);
}

} // namespace coffer::transfer
