#pragma once
// Uploads a local folder tree under a key prefix: each file's path relative to the folder,
// with '/' separators, is appended to the prefix. Symbolic links are not followed (each
// is reported as skipped); an unreadable file or folder is an item failure the job lists,
// while the rest goes up. The job fails at the end if any item failed, naming how many.
// Finished files are journaled, so a restarted job skips them; large files go multipart
// and resume part by part like UploadFileJob.

#include "object_location.h"
#include "transfer_job.h"

#include <QHash>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace coffer::transfer {

class ObjectUpload;

class UploadFolderJob : public TransferJob
{
    Q_OBJECT
public:
    // destination.key is the prefix: "" or ending in '/' ("photos/2026/"); a prefix
    // without the trailing slash gets one.
    UploadFolderJob(const QString &localFolder, const ObjectLocation &destination,
                    const UploadOptions &options = {}, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~UploadFolderJob() override;

    QString localFolder() const { return m_folder; }
    ObjectLocation destination() const { return m_destination; }

protected:
    void run() override;
    void halt() override;
    void discard() override;
    QJsonObject detail() const override;

private:
    struct Entry {
        QString relativePath; // '/'-separated, also the journal's item name
        qint64 size = 0;
    };
    UploadFolderJob(const JobRecord &record, const QString &localFolder, const ObjectLocation &destination,
                    const UploadOptions &options);
    void scan();
    void pump();
    void startEntry(size_t index);
    bool isJournaled() const;
    // Aborts the multipart uploads in `uploads` (item -> upload id), then calls done.
    void abortUploads(const QHash<QString, QString> &uploads, std::function<void()> done);

    QString m_folder;
    ObjectLocation m_destination;
    UploadOptions m_options;
    std::vector<Entry> m_entries;
    size_t m_next = 0;
    std::vector<std::unique_ptr<ObjectUpload>> m_active;
    bool m_scanned = false;
    int m_done = 0;
    int m_failed = 0;
    qint64 m_bytesFinished = 0;
    // Without a journal, the multipart uploads of files stopped by halt() (item -> upload
    // id): nothing else remembers them, and parts left on the server cost money.
    QHash<QString, QString> m_unjournaledUploads;
};

} // namespace coffer::transfer
