#pragma once
// DownloadRecords kept in the engine's journal, so a download resumes after a crash: the
// journal's item row holds the object's fingerprint (ETag, size) and the range size as
// its part size, and each finished range is a part row (range i is part i + 1).
// Items are named by the destination's path relative to `root` ("" when the destination
// is the root itself, i.e. a single-object job).

#include "download_record.h"

namespace coffer::transfer {

class TransferJournal;

class JournalDownloadRecords final : public DownloadRecords
{
public:
    JournalDownloadRecords(TransferJournal *journal, qint64 jobId, QString root);

    std::optional<DownloadRecord> find(const QString &destination) override;
    void begin(const QString &destination, const DownloadRecord &record) override;
    void rangeFinished(const QString &destination, int range) override;
    void remove(const QString &destination) override;

private:
    QString itemFor(const QString &destination) const;

    TransferJournal *m_journal;
    qint64 m_jobId;
    QString m_root;
};

} // namespace coffer::transfer
