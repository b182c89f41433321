#include "download_object_job.h"

#include "journal_download_records.h"
#include "object_download.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

JobRecord newRecord(const ObjectLocation &source, const QString &localPath)
{
    JobRecord record;
    record.kind = JobKind::DownloadObject;
    record.displayName = QFileInfo(localPath).fileName();
    record.source = source.display();
    record.destination = localPath;
    record.connection = source.connection;
    return record;
}

} // namespace

DownloadObjectJob::DownloadObjectJob(const ObjectLocation &source, const QString &localPath, QObject *parent)
    : DownloadObjectJob(newRecord(source, localPath), source, localPath)
{
    setParent(parent);
}

DownloadObjectJob::DownloadObjectJob(const JobRecord &record, const ObjectLocation &source, const QString &localPath)
    : TransferJob(record)
    , m_source(source)
    , m_localPath(localPath)
{
}

DownloadObjectJob::~DownloadObjectJob()
{
    delete m_download; // stops its requests; the .part stays for a resume
}

std::unique_ptr<TransferJob> DownloadObjectJob::fromRecord(const JobRecord &record)
{
    const ObjectLocation source = ObjectLocation::fromJson(record.detail.value(u"source"_s).toObject());
    const QString path = record.detail.value(u"path"_s).toString();
    if (source.bucket.isEmpty() || source.key.isEmpty() || path.isEmpty())
        return nullptr;
    return std::unique_ptr<TransferJob>(new DownloadObjectJob(record, source, path));
}

QJsonObject DownloadObjectJob::detail() const
{
    return {{u"source"_s, m_source.toJson()}, {u"path"_s, m_localPath}};
}

void DownloadObjectJob::run()
{
    client::S3Client *s3 = client(m_source.connection);
    if (!s3)
        return;
    if (!m_records) {
        if (journal() && id() != 0)
            m_records = std::make_unique<JournalDownloadRecords>(journal(), id(), m_localPath);
        else
            m_records = std::make_unique<MemoryDownloadRecords>(); // resumes within this run only
    }
    setTotals(-1, 1);
    setItemsDone(0);
    ObjectDownloadRequest request;
    request.bucket = m_source.bucket;
    request.key = m_source.key;
    request.destination = m_localPath;
    request.rangeSize = settings().preferredPartSize;
    request.window = settings().partWindow;
    request.attemptsPerRange = settings().partAttempts;
    m_download = new ObjectDownload(s3, m_records.get(), request);
    ObjectDownload *download = m_download;
    const quint64 run = generation();
    connect(download, &ObjectDownload::progress, this, [this, download, run](qint64 done, qint64 total) {
        if (!isCurrent(run))
            return;
        setTotals(total, 1);
        setBytesDone(done);
        if (download->state() == ObjectDownload::State::Verifying)
            setVerifying();
    });
    connect(download, &ObjectDownload::finished, this, [this, download, run] {
        if (!isCurrent(run))
            return;
        switch (download->state()) {
        case ObjectDownload::State::Finished:
            if (download->verification().method == VerifiedBy::SizeOnly)
                addNotice(tr("%1: %2.").arg(m_source.key, download->verification().summary));
            setItemsDone(1);
            complete();
            break;
        case ObjectDownload::State::Canceled:
            break;
        default: {
            fail(download->error());
            break;
        }
        }
    });
    download->setRequestSlots(environment().requestSlots);
    download->setBandwidthLimiter(environment().bandwidth);
    download->start();
}

void DownloadObjectJob::halt()
{
    if (!m_download)
        return;
    // Stopped now, deleted later: halt() may run inside one of the download's signals.
    m_download->disconnect(this);
    m_download->cancel();
    m_download->deleteLater();
    m_download = nullptr;
}

} // namespace coffer::transfer
