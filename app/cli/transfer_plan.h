#pragma once
// Turning cp, mv and sync command lines into a list of object transfers: expanding
// folders and prefixes, naming destinations the way aws-cli does, and for sync keeping
// only what is new or changed (size differs, or the source is newer).

#include "command.h"
#include "transfer_item.h"

#include <functional>

namespace coffer::cli {

struct TransferPlan {
    QList<TransferItem> items;
    QStringList warnings; // things skipped on purpose, one sentence each
    ExitCode failure = ExitCode::Ok;
    QString error; // planning failed: nothing is transferred
};

using PlanCallback = std::function<void(const TransferPlan &plan)>;

void planCopy(const Session &session, const QObject *context, PlanCallback done);
void planSync(const Session &session, const QObject *context, PlanCallback done);

// sync's rule (as aws-cli's default): transfer when the destination is missing, the
// sizes differ, or the source was modified after the destination.
bool needsSync(
    qint64 sourceSize, const QDateTime &sourceTime, qint64 destinationSize, const QDateTime &destinationTime);

} // namespace coffer::cli
