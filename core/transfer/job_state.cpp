#include "job_state.h"

#include <array>
#include <utility>

namespace coffer::transfer {

namespace {

constexpr std::array kKinds{
    std::pair{JobKind::UploadFile, "upload-file"},
    std::pair{JobKind::UploadFolder, "upload-folder"},
    std::pair{JobKind::DownloadObject, "download-object"},
    std::pair{JobKind::DownloadPrefix, "download-prefix"},
    std::pair{JobKind::CopyObject, "copy"},
    std::pair{JobKind::MoveObject, "move"},
    std::pair{JobKind::CrossCopy, "cross-copy"},
    std::pair{JobKind::DeletePrefix, "delete-prefix"},
};

constexpr std::array kStates{
    std::pair{JobState::Queued, "queued"},
    std::pair{JobState::Running, "running"},
    std::pair{JobState::Verifying, "verifying"},
    std::pair{JobState::Paused, "paused"},
    std::pair{JobState::Completed, "completed"},
    std::pair{JobState::Failed, "failed"},
    std::pair{JobState::Cancelled, "cancelled"},
};

template <typename Table, typename Enum>
QByteArray idOf(const Table &table, Enum value)
{
    for (const auto &[e, id] : table) {
        if (e == value)
            return QByteArray(id);
    }
    return {};
}

template <typename Enum, typename Table>
std::optional<Enum> fromId(const Table &table, QByteArrayView id)
{
    for (const auto &[e, name] : table) {
        if (id == QByteArrayView(name))
            return e;
    }
    return std::nullopt;
}

} // namespace

QByteArray jobKindId(JobKind kind)
{
    return idOf(kKinds, kind);
}

std::optional<JobKind> jobKindFromId(QByteArrayView id)
{
    return fromId<JobKind>(kKinds, id);
}

QByteArray jobStateId(JobState state)
{
    return idOf(kStates, state);
}

std::optional<JobState> jobStateFromId(QByteArrayView id)
{
    return fromId<JobState>(kStates, id);
}

} // namespace coffer::transfer
