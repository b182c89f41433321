#include "app/quit_after_load.h"

#include "ui/browser/browser_pane.h"
#include "ui/browser/object_list_model.h"
#include "ui/connection/local_session.h"
#include "ui/main_window.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace coffer::app {

namespace {

void printLine(FILE *stream, const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stream);
    std::fflush(stream);
}

} // namespace

void quitAfterLoad(ui::MainWindow *window, int timeoutMs)
{
    ui::ObjectListModel *objects = window->browser()->objects();
    auto report = [window, objects] {
        const ui::Location location = window->browser()->location();
        if (location.bucket.isEmpty() || objects->isLoading() || objects->pagesLoaded() == 0)
            return;
        printLine(stdout,
            u"loaded %1 (%2 folders, %3 objects)"_s.arg(location.path())
                .arg(objects->folderCount())
                .arg(objects->objectCount()));
        for (int row = 0; row < objects->rowCount(); ++row)
            printLine(stdout, u"  "_s + objects->keyAt(row));
        QCoreApplication::exit(0);
    };
    QObject::connect(objects, &ui::ObjectListModel::statusChanged, window, report);
    QObject::connect(objects, &ui::ObjectListModel::pageFailed, window, [](const QString &message) {
        printLine(stderr, u"coffer: "_s + message);
        QCoreApplication::exit(1);
    });
    QObject::connect(window->localSession(), &ui::LocalSession::failed, window, [](const QString &message) {
        printLine(stderr, u"coffer: "_s + message);
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(timeoutMs, window, [] {
        printLine(stderr, u"coffer: nothing loaded in time"_s);
        QCoreApplication::exit(2);
    });
}

} // namespace coffer::app
