#pragma once
// coffer-server's whole run: parse the command line, open the store, listen, log one line
// per request, stop on SIGINT/SIGTERM. Shared by the coffer-server executable and
// `coffer-cli serve`. Needs a QCoreApplication; returns the process exit code.

#include <QString>
#include <QStringList>

namespace coffer::server::app {

// arguments[0] is the program; program names it in error messages ("coffer-server").
int runServer(const QStringList &arguments, const QString &program);

} // namespace coffer::server::app
