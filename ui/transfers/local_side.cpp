#include "ui/transfers/local_side.h"

#include "transfer/remote/download_object_job.h"
#include "transfer/remote/download_prefix_job.h"
#include "transfer/upload_file_job.h"
#include "transfer/upload_folder_job.h"

#include <QFileInfo>

namespace coffer::ui {

std::optional<QString> containingFolder(const transfer::TransferJob &job)
{
    using namespace coffer::transfer;
    if (const auto *upload = qobject_cast<const UploadFileJob *>(&job))
        return QFileInfo(upload->localPath()).absolutePath();
    if (const auto *download = qobject_cast<const DownloadObjectJob *>(&job))
        return QFileInfo(download->localPath()).absolutePath();
    if (const auto *folder = qobject_cast<const UploadFolderJob *>(&job))
        return QFileInfo(folder->localFolder()).absoluteFilePath();
    if (const auto *prefix = qobject_cast<const DownloadPrefixJob *>(&job))
        return QFileInfo(prefix->localFolder()).absoluteFilePath();
    return std::nullopt;
}

} // namespace coffer::ui
