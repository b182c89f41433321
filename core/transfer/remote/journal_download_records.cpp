#include "journal_download_records.h"

#include "transfer/transfer_journal.h"

#include <QDir>

namespace coffer::transfer {

JournalDownloadRecords::JournalDownloadRecords(TransferJournal *journal, qint64 jobId, QString root)
    : m_journal(journal)
    , m_jobId(jobId)
    , m_root(QDir::cleanPath(root))
{
}

QString JournalDownloadRecords::itemFor(const QString &destination) const
{
    const QString clean = QDir::cleanPath(destination);
    return clean == m_root ? QString() : QDir(m_root).relativeFilePath(clean);
}

std::optional<DownloadRecord> JournalDownloadRecords::find(const QString &destination)
{
    const QString name = itemFor(destination);
    const auto item = m_journal->item(m_jobId, name);
    if (!item || item->done || !item->fingerprint.isValid() || item->partSize <= 0)
        return std::nullopt;
    DownloadRecord record{item->fingerprint.etag, item->fingerprint.size, item->partSize, {}};
    for (const PartRecord &part : m_journal->parts(m_jobId, name))
        record.finishedRanges.insert(part.partNumber - 1);
    return record;
}

void JournalDownloadRecords::begin(const QString &destination, const DownloadRecord &record)
{
    const QString name = itemFor(destination);
    ItemRecord item;
    item.item = name;
    item.fingerprint.size = record.size;
    item.fingerprint.etag = record.etag;
    item.partSize = record.rangeSize;
    m_journal->resetItem(m_jobId, name); // drops the ranges of an older version (and the part size)
    m_journal->saveItem(m_jobId, item);
}

void JournalDownloadRecords::rangeFinished(const QString &destination, int range)
{
    const QString name = itemFor(destination);
    const auto item = m_journal->item(m_jobId, name);
    if (!item)
        return;
    const qint64 first = qint64(range) * item->partSize;
    const qint64 size = qMin(item->partSize, item->fingerprint.size - first);
    m_journal->addPart(m_jobId, name, PartRecord{range + 1, size, {}, {}});
}

void JournalDownloadRecords::remove(const QString &destination)
{
    m_journal->markItemDone(m_jobId, itemFor(destination));
}

} // namespace coffer::transfer
