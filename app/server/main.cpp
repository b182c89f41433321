// coffer-server: the embedded S3 server on its own. No widgets: it links coffer_server only.

#include "server_run.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(u"coffer-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COFFER_VERSION));
    return coffer::server::app::runServer(QCoreApplication::arguments(), u"coffer-server"_s);
}
