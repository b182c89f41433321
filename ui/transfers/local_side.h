#pragma once
// The folder on this machine a job reads from or writes to, for "Open containing folder":
// the file's folder for single-file uploads and downloads, the folder itself for folder
// uploads and prefix downloads. Jobs that never touch the disk (copies, deletes) have none.

#include <QString>

#include <optional>

namespace coffer::transfer {
class TransferJob;
}

namespace coffer::ui {

std::optional<QString> containingFolder(const transfer::TransferJob &job);

} // namespace coffer::ui
