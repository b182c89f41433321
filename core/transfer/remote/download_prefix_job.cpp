#include "download_prefix_job.h"

#include "journal_download_records.h"
#include "key_path.h"
#include "object_download.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

constexpr int kRangeWindowPerObject = 2;

JobRecord newRecord(const ObjectLocation &source, const QString &localFolder)
{
    JobRecord record;
    record.kind = JobKind::DownloadPrefix;
    record.displayName = source.key.isEmpty() ? source.bucket : source.key;
    record.source = source.display();
    record.destination = localFolder;
    record.connection = source.connection;
    return record;
}

bool alreadyPresent(const QString &path, const s3::ObjectEntry &object)
{
    const QFileInfo info(path);
    return info.isFile() && info.size() == object.size && object.lastModified.isValid()
        && info.lastModified().toSecsSinceEpoch() == object.lastModified.toSecsSinceEpoch();
}

} // namespace

DownloadPrefixJob::DownloadPrefixJob(const ObjectLocation &source, const QString &localFolder, QObject *parent)
    : DownloadPrefixJob(newRecord(source, localFolder), source, localFolder)
{
    setParent(parent);
}

DownloadPrefixJob::DownloadPrefixJob(const JobRecord &record, const ObjectLocation &source, const QString &localFolder)
    : TransferJob(record)
    , m_source(source)
    , m_folder(QDir::cleanPath(QDir(localFolder).absolutePath()))
{
}

DownloadPrefixJob::~DownloadPrefixJob()
{
    qDeleteAll(m_active);
}

std::unique_ptr<TransferJob> DownloadPrefixJob::fromRecord(const JobRecord &record)
{
    const ObjectLocation source = ObjectLocation::fromJson(record.detail.value(u"source"_s).toObject());
    const QString folder = record.detail.value(u"folder"_s).toString();
    if (source.bucket.isEmpty() || folder.isEmpty())
        return nullptr;
    return std::unique_ptr<TransferJob>(new DownloadPrefixJob(record, source, folder));
}

QJsonObject DownloadPrefixJob::detail() const
{
    return {{u"source"_s, m_source.toJson()}, {u"folder"_s, m_folder}};
}

void DownloadPrefixJob::run()
{
    m_client = client(m_source.connection);
    if (!m_client)
        return;
    if (!m_records) {
        if (journal() && id() != 0)
            m_records = std::make_unique<JournalDownloadRecords>(journal(), id(), m_folder);
        else
            m_records = std::make_unique<MemoryDownloadRecords>();
    }
    // Each run lists afresh: files finished by an earlier run are skipped by size+mtime.
    m_queue.clear();
    m_claims = {};
    m_listed = false;
    m_totalBytes = m_doneBytes = 0;
    m_total = m_done = m_failed = m_skipped = 0;
    if (!QDir().mkpath(m_folder)) {
        return fail(s3::S3Error::local(
            tr("The folder %1 could not be created; check that you may write there.").arg(m_folder)));
    }
    setTotals(-1, 0);
    listPage({}, generation());
}

void DownloadPrefixJob::listPage(const QString &token, quint64 run)
{
    client::ListObjectsV2Params params;
    params.bucket = m_source.bucket;
    params.prefix = m_source.key;
    params.continuationToken = token;
    auto *reply = m_client->listObjectsV2(params);
    m_listing = reply;
    reply->onFinished(this, [this, run](const client::Result<s3::ListObjectsPage> &page) {
        if (!isCurrent(run))
            return;
        if (!page)
            return fail(page.error());
        addEntries(page->objects);
        if (page->isTruncated && !page->nextContinuationToken.isEmpty())
            listPage(page->nextContinuationToken, run);
        else
            m_listed = true;
        pump(run);
    });
}

void DownloadPrefixJob::addEntries(const QList<s3::ObjectEntry> &objects)
{
    for (const s3::ObjectEntry &object : objects) {
        ++m_total;
        const KeyMapping mapping = mapKeyToPath(object.key.mid(m_source.key.size()));
        const QString path = mapping.ok() ? pathInside(m_folder, mapping.relativePath) : QString();
        QString problem = mapping.refusal;
        if (problem.isEmpty() && path.isEmpty())
            problem = tr("The key “%1” would be written outside %2, so it was skipped.").arg(object.key, m_folder);
        if (problem.isEmpty() && mapping.directoryOnly) {
            if (object.size > 0) {
                problem = tr("The key “%1” ends in “/” but holds %2 bytes; no file can have that name, so it was "
                             "skipped. Download it under a name of your choosing.").arg(object.key).arg(object.size);
            } else {
                QDir().mkpath(path); // a folder marker: the folder is all there is
                ++m_done;
                continue;
            }
        }
        if (problem.isEmpty()) {
            if (const QString owner = m_claims.claim(path, object.key); !owner.isEmpty()) {
                problem = tr("The keys “%1” and “%2” map to the same file %3; “%2” was skipped so that neither "
                             "overwrites the other.").arg(owner, object.key, path);
            }
        }
        if (!problem.isEmpty()) {
            ++m_failed;
            addItemFailure(object.key, problem);
            continue;
        }
        if (alreadyPresent(path, object)) {
            ++m_skipped;
            ++m_done;
            continue;
        }
        m_totalBytes += object.size;
        m_queue.append({object, path});
    }
    setTotals(m_totalBytes, m_total);
    setItemsDone(m_done, m_failed);
}

void DownloadPrefixJob::pump(quint64 run)
{
    const int objectsInFlight = qMax(1, settings().partWindow);
    while (isCurrent(run) && m_active.size() < objectsInFlight && !m_queue.isEmpty()) {
        const Entry entry = m_queue.takeFirst();
        ObjectDownloadRequest request;
        request.bucket = m_source.bucket;
        request.key = entry.object.key;
        request.destination = entry.path;
        request.rangeSize = settings().preferredPartSize;
        request.window = kRangeWindowPerObject;
        request.attemptsPerRange = settings().partAttempts;
        request.listedSize = entry.object.size;
        request.listedEtag = entry.object.etag;
        auto *download = new ObjectDownload(m_client, m_records.get(), request);
        m_active.append(download);
        connect(download, &ObjectDownload::progress, this, [this, run] {
            if (isCurrent(run))
                updateProgress();
        });
        connect(download, &ObjectDownload::finished, this, [this, download, run, size = entry.object.size] {
            onObjectFinished(download, size, run);
        });
        download->setRequestSlots(environment().requestSlots);
        download->setBandwidthLimiter(environment().bandwidth);
        download->start();
    }
    finishIfDone();
}

void DownloadPrefixJob::onObjectFinished(ObjectDownload *download, qint64 size, quint64 run)
{
    m_active.removeOne(download);
    download->deleteLater();
    if (!isCurrent(run))
        return;
    if (download->state() == ObjectDownload::State::Finished) {
        ++m_done;
        m_doneBytes += size;
    } else {
        ++m_failed;
        addItemFailure(download->request().key, download->errorMessage());
    }
    setItemsDone(m_done, m_failed);
    updateProgress();
    pump(run);
}

void DownloadPrefixJob::updateProgress()
{
    qint64 bytes = m_doneBytes;
    for (const ObjectDownload *download : std::as_const(m_active))
        bytes += download->bytesDone();
    setBytesDone(bytes);
}

void DownloadPrefixJob::finishIfDone()
{
    if (!m_listed || !m_active.isEmpty() || !m_queue.isEmpty() || !isActive())
        return;
    if (m_failed > 0) {
        return fail(s3::S3Error::local(
            tr("%1 of %2 objects under %3 were not downloaded (see the list of failures); the others are in %4. "
               "Retry to fetch the missing ones.")
                .arg(m_failed)
                .arg(m_total)
                .arg(m_source.display(), m_folder)));
    }
    complete();
}

void DownloadPrefixJob::halt()
{
    if (m_listing) {
        disconnect(m_listing, nullptr, this, nullptr);
        m_listing->cancel();
    }
    const auto active = m_active;
    m_active.clear();
    for (ObjectDownload *download : active) {
        download->disconnect(this);
        download->cancel();
        download->deleteLater();
    }
}

} // namespace coffer::transfer
