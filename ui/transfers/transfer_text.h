#pragma once
// The words and figures the Transfers dock shows for a job: its direction, state, size,
// rate and time left. Kept apart from the model so the pane and tests read the same text.

#include "transfer/job_state.h"

#include <QCoreApplication>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace coffer::transfer {
class TransferJob;
}

namespace coffer::ui {

class TransferText
{
    Q_DECLARE_TR_FUNCTIONS(TransferText)
public:
    static QString direction(transfer::JobKind kind); // "Upload", "Download", "Copy", ...
    static QString state(transfer::JobState value); // "Queued", "Running", ...
    // The state column: the state, and for a failed job the error in words.
    static QString stateLine(const transfer::TransferJob &job);
    static QString size(qint64 bytes); // "" while unknown (< 0)
    static QString rate(double bytesPerSecond); // "" when nothing moves
    static QString eta(std::optional<qint64> seconds); // "1:05:09", "4:02", "" when unknown
};

} // namespace coffer::ui
