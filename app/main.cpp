#include "app/quit_after_load.h"
#include "app/version_banner.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// --help and --version answer on a terminal without needing a display, so they are
// decided before a QApplication (which connects to the window system) exists.
bool wantsTerminalOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : { "-h", "--help", "-?", "--help-all", "-v", "--version" }) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"Coffer"_s);
    QCoreApplication::setOrganizationDomain(u"coffer.app"_s);
    QCoreApplication::setApplicationName(u"Coffer"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COFFER_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    describeApplication();
    std::unique_ptr<QCoreApplication> app;
    if (wantsTerminalOnly(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Coffer: a desktop bucket browser and storage manager "
        "for Cloudflare R2 and S3-compatible stores."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(
        { u"v"_s, u"version"_s }, QCoreApplication::translate("main", "Displays version information."));
    parser.addOption(versionOption);
    const QCommandLineOption localOption(u"local"_s,
        QCoreApplication::translate("main",
            "Starts the built-in local S3 server with a sample bucket "
            "and opens it: try Coffer offline."));
    parser.addOption(localOption);
    const QCommandLineOption localDataOption(u"local-data"_s,
        QCoreApplication::translate("main", "Keeps the local server's data in <directory>."),
        QCoreApplication::translate("main", "directory"));
    parser.addOption(localDataOption);
    const QCommandLineOption quitOption(u"quit-after-load"_s,
        QCoreApplication::translate("main",
            "Prints the first location once it has loaded, "
            "then quits (for scripts and tests)."));
    parser.addOption(quitOption);
    parser.process(*app);

    if (parser.isSet(versionOption)) {
        std::fputs(qPrintable(coffer::app::versionBanner() + u'\n'), stdout);
        return 0;
    }

    coffer::ui::MainWindowOptions options;
    options.startLocalServer = parser.isSet(localOption);
    options.localServerDirectory = parser.value(localDataOption);
    coffer::ui::MainWindow window(options);
    if (parser.isSet(quitOption))
        coffer::app::quitAfterLoad(&window, 60000);
    window.show();
    return app->exec();
}
