#include "engine_transfer.h"

#include "console.h"
#include "engine_session.h"

#include "transfer/remote/copy_job.h"
#include "transfer/remote/cross_copy_job.h"
#include "transfer/remote/download_object_job.h"
#include "transfer/remote/download_prefix_job.h"
#include "transfer/upload_file_job.h"
#include "transfer/upload_folder_job.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

EngineTransfer::EngineTransfer(
    TransferItem item, QString label, EngineSession *engine, Console *console, QObject *parent)
    : QObject(parent)
    , m_item(std::move(item))
    , m_label(std::move(label))
    , m_engine(engine)
    , m_console(console)
{ }

bool EngineTransfer::handles(const TransferItem &item)
{
    switch (item.kind) {
    case TransferItem::Kind::Upload:
    case TransferItem::Kind::Download:
    case TransferItem::Kind::ServerCopy:
    case TransferItem::Kind::CrossCopy:
    case TransferItem::Kind::UploadFolder:
    case TransferItem::Kind::DownloadPrefix:
        return true;
    default:
        return false;
    }
}

qint64 EngineTransfer::jobId() const
{
    return m_job ? m_job->id() : 0;
}

void EngineTransfer::start()
{
    std::unique_ptr<transfer::TransferJob> job;
    switch (m_item.kind) {
    case TransferItem::Kind::Upload:
        job = std::make_unique<transfer::UploadFileJob>(
            m_item.from.localPath, m_engine->objectLocation(m_item.to));
        break;
    case TransferItem::Kind::Download:
        job = std::make_unique<transfer::DownloadObjectJob>(
            m_engine->objectLocation(m_item.from), m_item.to.localPath);
        break;
    case TransferItem::Kind::UploadFolder:
        job = std::make_unique<transfer::UploadFolderJob>(
            m_item.from.localPath, m_engine->objectLocation(m_item.to));
        break;
    case TransferItem::Kind::DownloadPrefix:
        job = std::make_unique<transfer::DownloadPrefixJob>(
            m_engine->objectLocation(m_item.from), m_item.to.localPath);
        break;
    case TransferItem::Kind::CrossCopy:
        // Streams part by part through memory: no temporary file.
        job = std::make_unique<transfer::CrossCopyJob>(
            m_engine->objectLocation(m_item.from), m_engine->objectLocation(m_item.to));
        break;
    default:
        job = std::make_unique<transfer::CopyJob>(
            m_engine->objectLocation(m_item.from), m_engine->objectLocation(m_item.to), false);
        break;
    }
    m_job = m_engine->queue()->add(std::move(job));
    reportJobProgress(*m_console, m_job, m_label, m_item.to.display(), this);
    connect(m_job, &transfer::TransferJob::progressChanged, this, [this] {
        // A finished job may still deliver a throttled last update.
        if (!m_job)
            return;
        const transfer::TransferProgress p = m_job->progress();
        Q_EMIT progress(p.bytesDone, p.bytesTotal);
    });
    connect(m_job, &transfer::TransferJob::finished, this, &EngineTransfer::onFinished);
    if (transfer::isFinished(m_job->state()))
        onFinished();
}

void EngineTransfer::onFinished()
{
    if (!m_job)
        return;
    transfer::TransferJob *job = m_job;
    m_job = nullptr;
    const transfer::JobState state = job->state();
    s3::S3Error error = job->error();
    if (state == transfer::JobState::Cancelled)
        error = s3::S3Error::canceled();
    const qint64 bytes = job->progress().bytesDone;
    m_items = job->progress().itemsDone;
    // A finished job leaves the journal; a failed one stays, for `coffer-cli resume`.
    if (state == transfer::JobState::Completed) {
        // Not from inside the job's own signal.
        QTimer::singleShot(0, m_engine->queue(), [queue = m_engine->queue(), id = job->id()] {
            if (transfer::TransferJob *done = queue->job(id))
                queue->remove(done);
        });
    }
    Q_EMIT finished(error, bytes);
}

} // namespace coffer::cli
