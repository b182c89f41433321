#pragma once
// What a resumable download remembers between runs: the object's fingerprint (ETag and
// size) and which ranges of `name.part` are already on disk. The engine's journal keeps
// these across crashes; MemoryDownloadRecords keeps them for the life of the process
// (tests, and downloads that need no crash safety).

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace coffer::transfer {

struct DownloadRecord {
    QString etag;           // the source fingerprint: a changed ETag restarts the download
    qint64 size = 0;
    qint64 rangeSize = 0;   // ranges are [i * rangeSize, min(size, (i + 1) * rangeSize))
    QSet<int> finishedRanges;
};

// Keyed by the final destination path. Every call is made on the job's thread.
class DownloadRecords
{
public:
    virtual ~DownloadRecords() = default;
    virtual std::optional<DownloadRecord> find(const QString &destination) = 0;
    // Starts a fresh record (replacing any other for that destination).
    virtual void begin(const QString &destination, const DownloadRecord &record) = 0;
    // Called once a range is written and flushed to the .part file.
    virtual void rangeFinished(const QString &destination, int range) = 0;
    virtual void remove(const QString &destination) = 0;
};

class MemoryDownloadRecords final : public DownloadRecords
{
public:
    std::optional<DownloadRecord> find(const QString &destination) override;
    void begin(const QString &destination, const DownloadRecord &record) override;
    void rangeFinished(const QString &destination, int range) override;
    void remove(const QString &destination) override;

private:
    QHash<QString, DownloadRecord> m_records;
};

} // namespace coffer::transfer
