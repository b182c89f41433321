#include "ui/transfers/transfer_text.h"

#include "transfer/transfer_job.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace coffer::ui {

QString TransferText::direction(transfer::JobKind kind)
{
    using transfer::JobKind;
    switch (kind) {
    case JobKind::UploadFile:
    case JobKind::UploadFolder:
        return tr("Upload");
    case JobKind::DownloadObject:
    case JobKind::DownloadPrefix:
        return tr("Download");
    case JobKind::CopyObject:
        return tr("Copy");
    case JobKind::MoveObject:
        return tr("Move");
    case JobKind::CrossCopy:
        return tr("Copy between connections");
    case JobKind::DeletePrefix:
        return tr("Delete");
    }
    return {};
}

QString TransferText::state(transfer::JobState value)
{
    using transfer::JobState;
    switch (value) {
    case JobState::Queued:
        return tr("Queued");
    case JobState::Running:
        return tr("Running");
    case JobState::Verifying:
        return tr("Verifying");
    case JobState::Paused:
        return tr("Paused");
    case JobState::Completed:
        return tr("Completed");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString TransferText::stateLine(const transfer::TransferJob &job)
{
    const QString name = state(job.state());
    if (job.state() != transfer::JobState::Failed)
        return name;
    const QString message = job.errorMessage();
    return message.isEmpty() ? name : tr("Failed: %1").arg(message);
}

QString TransferText::size(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString TransferText::rate(double bytesPerSecond)
{
    if (bytesPerSecond < 1)
        return {};
    return tr("%1/s").arg(size(qint64(bytesPerSecond)));
}

QString TransferText::eta(std::optional<qint64> seconds)
{
    if (!seconds || *seconds < 0)
        return {};
    const qint64 s = *seconds;
    const qint64 hours = s / 3600;
    const qint64 minutes = (s / 60) % 60;
    const qint64 rest = s % 60;
    if (hours > 0)
        return u"%1:%2:%3"_s.arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(rest, 2, 10, QLatin1Char('0'));
    return u"%1:%2"_s.arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

} // namespace coffer::ui
