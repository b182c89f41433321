#include "download_record.h"

namespace coffer::transfer {

std::optional<DownloadRecord> MemoryDownloadRecords::find(const QString &destination)
{
    const auto it = m_records.constFind(destination);
    if (it == m_records.cend())
        return std::nullopt;
    return *it;
}

void MemoryDownloadRecords::begin(const QString &destination, const DownloadRecord &record)
{
    m_records.insert(destination, record);
}

void MemoryDownloadRecords::rangeFinished(const QString &destination, int range)
{
    const auto it = m_records.find(destination);
    if (it != m_records.end())
        it->finishedRanges.insert(range);
}

void MemoryDownloadRecords::remove(const QString &destination)
{
    m_records.remove(destination);
}

} // namespace coffer::transfer
