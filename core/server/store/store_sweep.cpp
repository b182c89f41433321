// The startup sweep: what a crash can leave behind is temp files (a body still being
// written) and blob files that were renamed into data/ but whose index commit never
// happened (or whose row was deleted but whose unlink never ran). Neither is referenced by
// the index, so both are removed before the store serves.
#include "server/store/store_internals.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace coffer::server {

StoreResult<SweepReport> sweepOrphans(SqliteDatabase &db, const BlobDirectory &blobs)
{
    SweepReport report;
    const QDir tmp(blobs.tmpDir());
    for (const QString &name : tmp.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (QFile::remove(tmp.filePath(name)))
            ++report.tempFilesRemoved;
    }
    if (StoreError error = db.exec("DELETE FROM blobs WHERE refs <= 0"); error.isError())
        return error;

    SqliteStatement &known = db.prepare("SELECT 1 FROM blobs WHERE id = ?1");
    const QDir data(blobs.dataDir());
    for (const QString &fanout : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QDir dir(data.filePath(fanout));
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
            const QByteArray id = QByteArray::fromHex(name.toLatin1());
            bool referenced = false;
            if (id.size() == 16 && id.toHex() == name.toLatin1()) {
                known.reset();
                known.bindBlob(1, id);
                referenced = known.next();
                if (known.error().isError())
                    return known.error();
            }
            if (!referenced && QFile::remove(dir.filePath(name)))
                ++report.orphanBlobsRemoved;
        }
    }
    known.reset();
    return report;
}

} // namespace coffer::server
