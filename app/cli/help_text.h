#pragma once
// The --help pages, worded like aws-cli's so its users feel at home.

#include <QString>

namespace coffer::cli {

QString generalHelp();
// Help for "ls", "cp", ..., "uploads", "uploads list", "cors set", ...; empty when the
// name is not a command.
QString commandHelp(const QString &name);
QString versionText();

} // namespace coffer::cli
