#pragma once
// How much a drop from the file manager holds: the regular files under the dropped paths
// (folders walked, symbolic links not followed, as the folder upload does not follow
// them) and their total size. A drop can be a whole disk, so the walk runs on the thread
// pool and the answer comes back to a context object on its own thread.

#include <QObject>
#include <QStringList>

#include <functional>

namespace coffer::ui {

struct DroppedFiles {
    qint64 files = 0;
    qint64 bytes = 0;
};

// Walks the paths on the calling thread.
DroppedFiles countDroppedFiles(const QStringList &localPaths);

// Walks them on the thread pool, then calls done on context's thread (not at all when
// context is gone by then).
void countDroppedFilesAsync(
    const QStringList &localPaths, QObject *context, std::function<void(const DroppedFiles &)> done);

} // namespace coffer::ui
