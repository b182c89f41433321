#include "upload_folder_job.h"

#include "object_upload.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMetaObject>
#include <QSet>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

QString normalizedPrefix(const QString &prefix)
{
    return prefix.isEmpty() || prefix.endsWith(u'/') ? prefix : prefix + u'/';
}

JobRecord newRecord(const QString &folder, const ObjectLocation &destination)
{
    JobRecord record;
    record.kind = JobKind::UploadFolder;
    record.displayName = QFileInfo(folder).fileName();
    record.source = folder;
    record.destination = destination.display();
    record.connection = destination.connection;
    return record;
}

ObjectLocation withPrefix(ObjectLocation destination)
{
    destination.key = normalizedPrefix(destination.key);
    return destination;
}

} // namespace

UploadFolderJob::UploadFolderJob(const QString &localFolder, const ObjectLocation &destination,
                                 const UploadOptions &options, QObject *parent)
    : UploadFolderJob(newRecord(localFolder, withPrefix(destination)), localFolder, withPrefix(destination), options)
{
    setParent(parent);
}

UploadFolderJob::UploadFolderJob(const JobRecord &record, const QString &localFolder,
                                 const ObjectLocation &destination, const UploadOptions &options)
    : TransferJob(record)
    , m_folder(localFolder)
    , m_destination(destination)
    , m_options(options)
{
}

UploadFolderJob::~UploadFolderJob() = default;

std::unique_ptr<TransferJob> UploadFolderJob::fromRecord(const JobRecord &record)
{
    const QString folder = record.detail.value(u"folder"_s).toString();
    const ObjectLocation destination = ObjectLocation::fromJson(record.detail.value(u"destination"_s).toObject());
    if (folder.isEmpty() || destination.bucket.isEmpty())
        return nullptr;
    const UploadOptions options = UploadOptions::fromJson(record.detail.value(u"options"_s).toObject());
    return std::unique_ptr<TransferJob>(new UploadFolderJob(record, folder, withPrefix(destination), options));
}

QJsonObject UploadFolderJob::detail() const
{
    return {{u"folder"_s, m_folder}, {u"destination"_s, m_destination.toJson()}, {u"options"_s, m_options.toJson()}};
}

void UploadFolderJob::scan()
{
    m_entries.clear();
    const QDir root(m_folder);
    // No FollowSymlinks: a link to a folder is listed, never entered (no loops, no
    // surprise uploads of what lies outside the folder).
    QDirIterator it(m_folder, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = root.relativeFilePath(path);
        if (info.isSymLink()) {
            if (!m_scanned) // once, not again on every resume
                addNotice(tr("Skipped %1: symbolic links are not followed.").arg(relative));
            continue;
        }
        if (info.isDir()) {
            if (!info.isReadable() || !info.isExecutable()) {
                addItemFailure(relative + u'/', tr("Can't read the folder %1: permission denied. Its files were "
                                                   "not uploaded.")
                                                    .arg(path));
                ++m_failed;
            }
            continue;
        }
        if (info.isFile())
            m_entries.push_back({relative, info.size()});
    }
    std::sort(m_entries.begin(), m_entries.end(),
              [](const Entry &a, const Entry &b) { return a.relativePath < b.relativePath; });
    m_scanned = true;
}

void UploadFolderJob::run()
{
    client::S3Client *s3 = client(m_destination.connection);
    if (!s3)
        return;
    const QFileInfo root(m_folder);
    if (!root.isDir()) {
        fail(s3::S3Error::local(tr("Can't read the folder %1: it does not exist or is not a folder.")
                                           .arg(m_folder)));
        return;
    }
    // Without a journal a paused file starts over, so its old multipart upload can only
    // be thrown away.
    if (!m_unjournaledUploads.isEmpty()) {
        abortUploads(m_unjournaledUploads, [] {});
        m_unjournaledUploads.clear();
    }
    // Every run walks the folder again (it may have changed while paused); the journal
    // says which files are already up.
    m_failed = 0;
    m_done = 0;
    m_next = 0;
    m_bytesFinished = 0;
    scan();
    QSet<QString> finished;
    if (journal() && id() != 0) {
        const QList<ItemRecord> items = journal()->items(id());
        for (const ItemRecord &item : items) {
            if (item.done)
                finished.insert(item.item);
        }
    }
    qint64 total = 0;
    std::vector<Entry> todo;
    for (const Entry &entry : m_entries) {
        total += entry.size;
        if (finished.contains(entry.relativePath)) {
            ++m_done;
            m_bytesFinished += entry.size;
        } else {
            todo.push_back(entry);
        }
    }
    m_entries = std::move(todo);
    setTotals(total, int(m_entries.size()) + m_done);
    setItemsDone(m_done, m_failed);
    setBytesDone(m_bytesFinished);
    pump();
}

void UploadFolderJob::pump()
{
    if (!isActive())
        return;
    const int window = qMax(1, settings().partWindow);
    while (int(m_active.size()) < window && m_next < m_entries.size())
        startEntry(m_next++);
    if (!m_active.empty() || m_next < m_entries.size())
        return;
    if (m_failed > 0) {
        fail(s3::S3Error::local(tr("%1 of %2 items could not be uploaded; the job lists each with the "
                                   "reason. Fix them and retry: finished files are not sent again.")
                                           .arg(m_failed)
                                           .arg(progress().itemsTotal)));
        return;
    }
    complete();
}

void UploadFolderJob::startEntry(size_t index)
{
    const Entry entry = m_entries[index];
    client::S3Client *s3 = environment().clients ? environment().clients(m_destination.connection) : nullptr;
    ObjectLocation target = m_destination;
    target.key = m_destination.key + entry.relativePath;
    ObjectUpload::Setup setup{QDir(m_folder).filePath(entry.relativePath), target, m_options, entry.relativePath,
                              id(), environment(), s3};
    m_active.push_back(std::make_unique<ObjectUpload>(std::move(setup)));
    ObjectUpload *upload = m_active.back().get();
    const quint64 run = generation();
    auto updateBytes = [this] {
        qint64 bytes = m_bytesFinished;
        for (const auto &active : m_active)
            bytes += active->bytesDone();
        setBytesDone(bytes);
    };
    connect(upload, &ObjectUpload::progressed, this, updateBytes);
    connect(upload, &ObjectUpload::notice, this, [this, entry](const QString &text) {
        addNotice(entry.relativePath + u": "_s + text);
    });
    // Finishing removes the upload from m_active; pump() then runs from the event loop, so
    // an upload that finishes at once (already in the journal) does not recurse.
    auto finishEntry = [this, upload, run](bool ok, const QString &message, qint64 size, const QString &item) {
        if (!isCurrent(run))
            return;
        const auto it = std::find_if(m_active.begin(), m_active.end(),
                                     [upload](const auto &active) { return active.get() == upload; });
        if (it != m_active.end()) {
            it->release()->deleteLater();
            m_active.erase(it);
        }
        if (ok) {
            ++m_done;
            m_bytesFinished += size;
        } else {
            ++m_failed;
            addItemFailure(item, message);
        }
        setItemsDone(m_done, m_failed);
        QMetaObject::invokeMethod(this, [this, run] {
            if (isCurrent(run))
                pump();
        }, Qt::QueuedConnection);
    };
    connect(upload, &ObjectUpload::succeeded, this, [finishEntry, upload, entry] {
        finishEntry(true, {}, upload->size(), entry.relativePath);
    });
    connect(upload, &ObjectUpload::failed, this, [finishEntry, entry](const s3::S3Error &error) {
        finishEntry(false, error.userMessage(), 0, entry.relativePath);
    });
    upload->start();
    updateBytes();
}

bool UploadFolderJob::isJournaled() const
{
    return journal() && id() != 0;
}

void UploadFolderJob::halt()
{
    for (auto &active : m_active) {
        active->stop();
        if (!isJournaled() && !active->uploadId().isEmpty())
            m_unjournaledUploads.insert(active->item(), active->uploadId());
        active->disconnect(this);
        active.release()->deleteLater();
    }
    m_active.clear();
}

void UploadFolderJob::discard()
{
    // Abort every multipart upload this job left open: the journal's, or without one
    // those halt() remembered.
    QHash<QString, QString> open = m_unjournaledUploads;
    m_unjournaledUploads.clear();
    if (isJournaled()) {
        const QList<ItemRecord> items = journal()->items(id());
        for (const ItemRecord &item : items) {
            if (!item.uploadId.isEmpty())
                open.insert(item.item, item.uploadId);
        }
    }
    abortUploads(open, [this] { cancelled(); });
}

void UploadFolderJob::abortUploads(const QHash<QString, QString> &uploads, std::function<void()> done)
{
    client::S3Client *s3 = environment().clients ? environment().clients(m_destination.connection) : nullptr;
    if (uploads.isEmpty() || !s3) {
        done();
        return;
    }
    auto left = std::make_shared<int>(int(uploads.size()));
    for (auto it = uploads.cbegin(); it != uploads.cend(); ++it) {
        ObjectLocation target = m_destination;
        target.key = m_destination.key + it.key();
        ObjectUpload::Setup setup{QDir(m_folder).filePath(it.key()), target, m_options, it.key(), id(),
                                  environment(), s3};
        auto *aborter = new ObjectUpload(std::move(setup), this);
        aborter->abort(this, [aborter, left, done] {
            aborter->deleteLater();
            if (--*left == 0)
                done();
        }, it.value());
    }
}

} // namespace coffer::transfer
