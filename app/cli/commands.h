#pragma once
// The commands, each made by one function; their classes live in their own .cpp files.

#include "command.h"

namespace coffer::cli {

Command *makeLsCommand(const Session &session, QObject *parent);
Command *makeRmCommand(const Session &session, QObject *parent);
Command *makeMbCommand(const Session &session, QObject *parent);
Command *makeRbCommand(const Session &session, QObject *parent);
Command *makePresignCommand(const Session &session, QObject *parent);
Command *makeUploadsCommand(const Session &session, QObject *parent); // list and abort
Command *makeBucketConfigCommand(const Session &session, QObject *parent); // cors, lifecycle
Command *makeCopyCommand(const Session &session, QObject *parent); // cp, mv
Command *makeSyncCommand(const Session &session, QObject *parent);
Command *makeResumeCommand(const Session &session, QObject *parent);

// Where resume looks: --journal, else $XDG_STATE_HOME/coffer/cli-journal.sqlite.
QString journalPath(const Invocation &invocation);

} // namespace coffer::cli
