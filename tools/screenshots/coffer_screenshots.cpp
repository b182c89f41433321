// Renders the app's windows into PNGs for the README:
//   coffer-screenshots OUTPUT-DIR [SCENE...]
// Each scene builds real widgets (the local server with its sample bucket, the connection
// dialog), waits until they show what the picture needs, and saves the window's grab().
// A separate program rather than a hidden option of the app: the app's command line stays
// what users see, and scenes can set up state (a data folder, a dialog) the app never would.
// No secret appears: the local server's keys stay in a scratch folder and every secret field
// of the dialog is left empty (and masked anyway).
//
// Adding a scene: append to scenes() a name and a function that builds the widget and calls
// ready(widget) once it shows what the picture needs.
#include "ui/browser/browser_pane.h"
#include "ui/browser/object_list_model.h"
#include "ui/dialogs/connection_dialog.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

using Ready = std::function<void(QWidget *shown)>;

struct Scene {
    QString name; // the PNG's file name, without ".png"
    std::function<void(QTemporaryDir &scratch, Ready ready)> build;
};

// Calls done once test() holds, checking as the event loop runs; gives up after timeoutMs.
void whenTrue(QObject *context, std::function<bool()> test, std::function<void()> done, int timeoutMs = 60000)
{
    auto *timer = new QTimer(context);
    auto *waited = new int(0);
    QObject::connect(timer, &QTimer::timeout, context, [timer, waited, test, done, timeoutMs] {
        *waited += timer->interval();
        if (test() || *waited > timeoutMs) {
            timer->stop();
            timer->deleteLater();
            delete waited;
            done();
        }
    });
    timer->start(100);
}

void mainWindowScene(QTemporaryDir &scratch, Ready ready)
{
    ui::MainWindowOptions options;
    options.startLocalServer = true;
    options.localServerDirectory = scratch.filePath(u"local-server"_s);
    options.useKeychain = false;
    auto *window = new ui::MainWindow(options);
    window->resize(1280, 800);
    window->show();
    whenTrue(window, [window] {
        const ui::ObjectListModel *objects = window->browser()->objects();
        return !window->browser()->location().bucket.isEmpty() && objects->rowCount() > 0 && !objects->isLoading();
    }, [window, ready] { ready(window); });
}

void connectionDialogScene(QTemporaryDir &, Ready ready)
{
    auto *dialog = new ui::ConnectionDialog(nullptr, nullptr);
    dialog->nameEdit()->setText(u"Photos on R2"_s);
    dialog->providerBox()->setCurrentIndex(dialog->providerBox()->findData(int(s3::Provider::CloudflareR2)));
    dialog->accountIdEdit()->setText(u"0123456789abcdef0123456789abcdef"_s);
    dialog->useTokenButton()->setChecked(true);
    dialog->tokenIdEdit()->setText(u"f2b9c1e0d4a7"_s);
    dialog->show();
    QTimer::singleShot(300, dialog, [dialog, ready] { ready(dialog); });
}

QList<Scene> scenes()
{
    return {
        {u"main-window"_s, mainWindowScene},
        {u"connection-dialog"_s, connectionDialogScene},
        // The transfer queue mid-transfer joins here once the Transfers dock is wired into
        // MainWindow: upload a large file to the sample bucket under a bandwidth limit
        // (TransferSettings::bandwidthLimit) and call ready() once a row shows progress.
    };
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"CofferScreenshots"_s);
    QCoreApplication::setApplicationName(u"coffer-screenshots"_s);
    QStandardPaths::setTestModeEnabled(true); // settings and data away from the user's own
    // Closing one scene must not end the run before the next.
    app.setQuitOnLastWindowClosed(false);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: coffer-screenshots OUTPUT-DIR [SCENE...]\n");
        return 2;
    }
    const QDir output(args.first());
    QDir().mkpath(output.path());
    QList<Scene> todo;
    for (const Scene &scene : scenes()) {
        if (args.size() == 1 || args.contains(scene.name))
            todo.append(scene);
    }
    QTemporaryDir scratch;
    int failures = 0;
    auto next = std::make_shared<std::function<void()>>();
    *next = [&, next] {
        if (todo.isEmpty()) {
            QCoreApplication::exit(failures);
            return;
        }
        const Scene scene = todo.takeFirst();
        scene.build(scratch, [&, next, scene](QWidget *shown) {
            const QString path = output.filePath(scene.name + u".png"_s);
            if (shown->grab().save(path)) {
                std::printf("%s\n", qPrintable(path));
            } else {
                std::fprintf(stderr, "could not save %s\n", qPrintable(path));
                ++failures;
            }
            shown->close();
            shown->deleteLater();
            QTimer::singleShot(0, &app, *next);
        });
    };
    QTimer::singleShot(0, &app, *next);
    return app.exec();
}
