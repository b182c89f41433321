#pragma once
// The queue's job for every object under a prefix -> a local folder, relative paths kept
// (key "photos/2024/a.jpg" under prefix "photos/" lands in <folder>/2024/a.jpg). Each
// object goes through ObjectDownload (ranges, verification, .part, mtime); several
// objects are in flight at once. Keys are mapped with mapKeyToPath(): odd keys get the
// documented safe names, keys that cannot be written (or collide) are item failures, and
// nothing is ever written outside the folder. Files already present with the object's
// size and Last-Modified are skipped, so a retry fetches only what is missing.

#include "key_path.h"

#include "transfer/object_location.h"
#include "transfer/transfer_job.h"

#include "client/s3_call.h"

#include "s3/model/listing.h"

#include <QHash>
#include <QPointer>
#include <memory>

namespace coffer::transfer {

class DownloadRecords;
class ObjectDownload;

class DownloadPrefixJob : public TransferJob
{
    Q_OBJECT
public:
    // source.key is the prefix ("" for the whole bucket; normally ending in '/').
    DownloadPrefixJob(const ObjectLocation &source, const QString &localFolder, QObject *parent = nullptr);
    static std::unique_ptr<TransferJob> fromRecord(const JobRecord &record);
    ~DownloadPrefixJob() override;

    ObjectLocation source() const { return m_source; }
    QString localFolder() const { return m_folder; }
    int skippedCount() const { return m_skipped; } // already present, not fetched again

protected:
    void run() override;
    void halt() override;
    QJsonObject detail() const override;

private:
    struct Entry {
        s3::ObjectEntry object;
        QString path; // absolute, inside the folder
    };
    DownloadPrefixJob(const JobRecord &record, const ObjectLocation &source, const QString &localFolder);
    void listPage(const QString &token, quint64 run);
    void addEntries(const QList<s3::ObjectEntry> &objects);
    void pump(quint64 run);
    void onObjectFinished(ObjectDownload *download, qint64 size, quint64 run);
    void updateProgress();
    void finishIfDone();

    ObjectLocation m_source;
    QString m_folder;
    std::unique_ptr<DownloadRecords> m_records;
    client::S3Client *m_client = nullptr;
    QList<Entry> m_queue;
    PathClaims m_claims;
    QList<ObjectDownload *> m_active;
    QPointer<client::S3Call> m_listing;
    bool m_listed = false;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0;
    int m_total = 0;
    int m_done = 0;
    int m_failed = 0;
    int m_skipped = 0;
};

} // namespace coffer::transfer
