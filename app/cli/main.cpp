// coffer-cli: the scriptable, headless command. Links Qt Core and Network only.

#include "cli_run.h"
#include "server_run.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <unistd.h>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setOrganizationName(u"Coffer"_s);
    QCoreApplication::setApplicationName(u"coffer-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COFFER_VERSION));

    // `coffer-cli serve ...` is coffer-server under another name: same options, same output.
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() > 1 && arguments.at(1) == u"serve"_s) {
        arguments.removeAt(1);
        return coffer::server::app::runServer(arguments, u"coffer-cli serve"_s);
    }

    // The libraries' diagnostics would repeat, less clearly, the one sentence coffer-cli
    // prints for each error; QT_LOGGING_RULES brings them back for debugging.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"coffer.*=false"_s);

    coffer::cli::CliRun run(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment(),
        ::isatty(STDOUT_FILENO) == 1);
    QObject::connect(
        &run, &coffer::cli::CliRun::finished, &application, [](int code) { QCoreApplication::exit(code); });
    QTimer::singleShot(0, &run, &coffer::cli::CliRun::start);
    return QCoreApplication::exec();
}
