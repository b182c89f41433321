#include "ui/interaction/dropped_files.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QFuture>
#include <QThreadPool>
#include <QtConcurrentRun>

namespace coffer::ui {

DroppedFiles countDroppedFiles(const QStringList &localPaths)
{
    DroppedFiles tally;
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        if (info.isSymLink())
            continue;
        if (info.isFile()) {
            ++tally.files;
            tally.bytes += info.size();
            continue;
        }
        if (!info.isDir())
            continue;
        QDirIterator walk(path, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
            QDirIterator::Subdirectories);
        while (walk.hasNext()) {
            const QFileInfo file = walk.nextFileInfo();
            if (file.isSymLink() || !file.isFile())
                continue;
            ++tally.files;
            tally.bytes += file.size();
        }
    }
    return tally;
}

void countDroppedFilesAsync(
    const QStringList &localPaths, QObject *context, std::function<void(const DroppedFiles &)> done)
{
    // A pool of its own: the global one also hashes upload parts, and a drop should be
    // counted at once, not after the transfers' queued work.
    static QThreadPool pool;
    pool.setMaxThreadCount(1);
    QtConcurrent::run(&pool, countDroppedFiles, localPaths).then(context, std::move(done));
}

} // namespace coffer::ui
