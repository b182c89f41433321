// Browsing a large bucket with the desktop app's own models and views (offscreen):
//   bench_browse [--data DIR] [--prefixes N] [--per-prefix N] [--flat N]
// Fills a store directly (once: a marker in DIR lets later runs reuse it), serves it with
// coffer-server in its own process (so the memory figure is the app's alone), then
// measures
//   - the time from navigating to the bucket to the first paint of the list with rows,
//   - the resident memory after scrolling through every row of the flat prefix.
// Targets (issue 5): first rows < 300 ms, < 300 MB for 200,000 rows. Prints figures only.
#include "client/s3_client.h"
#include "server/store/object_store.h"
#include "ui/browser/browser_pane.h"
#include "ui/browser/connections_model.h"
#include "ui/browser/object_list_model.h"
#include "ui/connection/connection.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QByteArray kAccessKey = "AKIDBENCHBROWSE";
const QByteArray kSecretKey = "bench-browse-secret-0123456789";
const QString kBucket = u"bench"_s;

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "bench_browse: %s\n", qPrintable(what));
    std::exit(1);
}

// Kilobytes of resident memory now (VmRSS) and at the peak (VmHWM), from /proc.
std::pair<qint64, qint64> residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return {-1, -1};
    qint64 rss = -1, peak = -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2 && parts[0] == "VmRSS:")
            rss = parts[1].toLongLong();
        else if (parts.size() >= 2 && parts[0] == "VmHWM:")
            peak = parts[1].toLongLong();
    }
    return {rss, peak};
}

// Benchmark setup and measurement only: spins the event loop until done() or timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

void populate(const QString &directory, int prefixes, int perPrefix, int flat)
{
    const QString marker = QDir(directory).filePath(u"bench-browse-%1x%2+%3"_s.arg(prefixes).arg(perPrefix).arg(flat));
    if (QFile::exists(marker)) {
        std::printf("reusing the store in %s\n", qPrintable(directory));
        return;
    }
    server::StoreOptions options;
    options.directory = directory;
    auto opened = server::ObjectStore::open(options);
    if (!opened.ok())
        die(u"opening the store: "_s + opened.error().message());
    server::ObjectStore &store = *opened.value();
    if (auto error = store.createBucket(kBucket, u"auto"_s); error.isError())
        die(u"creating the bucket: "_s + error.message());

    // Setup, not a figure: many writers so the store's group commit batches the inserts.
    const qint64 total = qint64(prefixes) * perPrefix + flat;
    std::atomic<qint64> next{0};
    std::atomic<int> failures{0};
    QElapsedTimer timer;
    timer.start();
    std::vector<std::thread> workers;
    for (int t = 0; t < 16; ++t) {
        workers.emplace_back([&] {
            for (qint64 i = next++; i < total; i = next++) {
                const QByteArray key = i < qint64(prefixes) * perPrefix
                    ? QByteArray("p" + QByteArray::number(i / perPrefix).rightJustified(4, '0') + "/k"
                                 + QByteArray::number(i % perPrefix).rightJustified(6, '0') + ".dat")
                    : QByteArray("flat/k" + QByteArray::number(i - qint64(prefixes) * perPrefix).rightJustified(7, '0')
                                 + ".dat");
                if (!store.putObject(kBucket, key, {}, QByteArray("x")).ok())
                    ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    if (failures)
        die(u"%1 inserts failed"_s.arg(failures.load()));
    std::printf("populated %lld keys in %.1f s\n", total, double(timer.elapsed()) / 1000.0);
    QFile(marker).open(QIODevice::WriteOnly);
}

// Starts coffer-server on directory; returns its port.
quint16 startServer(QProcess &server, const QString &directory)
{
    server.setProgram(QStringLiteral(COFFER_SERVER_PATH));
    server.setArguments({u"--data"_s, directory, u"--listen"_s, u"127.0.0.1:0"_s, u"--access-key"_s,
                         QString::fromLatin1(kAccessKey), u"--secret-key"_s, QString::fromLatin1(kSecretKey)});
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start();
    static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    QString output;
    quint16 port = 0;
    waitUntil([&] {
        output += QString::fromUtf8(server.readAllStandardOutput());
        const auto match = listening.match(output);
        if (match.hasMatch())
            port = quint16(match.captured(1).toUInt());
        return port != 0 || server.state() == QProcess::NotRunning;
    }, 60000);
    if (port == 0)
        die(u"coffer-server did not start: "_s + output);
    // Its request log is not read from here on.
    server.setStandardOutputFile(QProcess::nullDevice());
    return port;
}

class PaintWatch : public QObject
{
public:
    explicit PaintWatch(QTableView *view) : m_view(view) { view->viewport()->installEventFilter(this); }
    bool armed = false;
    qint64 paintedAtNs = -1;
    QElapsedTimer clock;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // A paint with rows in the model is the first paint that shows rows.
        if (armed && event->type() == QEvent::Paint && m_view->model()->rowCount() > 0) {
            m_view->viewport()->removeEventFilter(this);
            armed = false;
            QCoreApplication::sendEvent(m_view->viewport(), event); // paint them now ...
            paintedAtNs = clock.nsecsElapsed(); // ... and stop the clock once painted
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_view;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dataOption(u"data"_s, u"Keep the store in DIR (reused when filled already)."_s, u"DIR"_s);
    const QCommandLineOption prefixesOption(u"prefixes"_s, u"Prefixes (default 1000)."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption perPrefixOption(u"per-prefix"_s, u"Keys per prefix (default 1000)."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption flatOption(u"flat"_s, u"Keys in the flat prefix (default 200000)."_s, u"N"_s, u"200000"_s);
    parser.addOptions({dataOption, prefixesOption, perPrefixOption, flatOption});
    parser.process(app);
    const int prefixes = parser.value(prefixesOption).toInt();
    const int perPrefix = parser.value(perPrefixOption).toInt();
    const int flat = parser.value(flatOption).toInt();

    QTemporaryDir scratch(QDir::tempPath() + u"/coffer-bench-browse-XXXXXX"_s);
    const QString directory = parser.isSet(dataOption) ? parser.value(dataOption) : scratch.path();
    QDir().mkpath(directory);
    populate(directory, prefixes, perPrefix, flat);

    QProcess server;
    const quint16 port = startServer(server, directory);

    profiles::Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = u"bench"_s;
    profile.provider = s3::Provider::CofferLocal;
    profile.endpointUrl = u"http://127.0.0.1:%1"_s.arg(port);
    profile.region = u"auto"_s;
    profile.addressing = s3::AddressingStyle::PathStyle;
    profile.accessKeyId = QString::fromLatin1(kAccessKey);
    ui::Connection connection(profile, kSecretKey);
    connection.open();

    ui::ConnectionsModel tree;
    tree.addConnection(&connection);
    QWidget window;
    window.resize(1280, 800);
    QTreeView treeView(&window);
    treeView.setModel(&tree);
    ui::BrowserPane pane(&tree, &window);
    treeView.setGeometry(0, 0, 300, 800);
    pane.setGeometry(300, 0, 980, 800);
    window.show();
    treeView.expand(tree.index(0, 0));
    if (!waitUntil([&] { return tree.buckets(connection.id()).contains(kBucket); }, 30000))
        die(u"the bucket list did not load"_s);
    const auto [rssBefore, peakBefore] = residentKiB();

    // Time to first rows, measured the way a click on the bucket reaches the pane.
    PaintWatch watch(pane.view());
    watch.clock.start();
    watch.armed = true;
    if (!pane.navigate({connection.id(), kBucket, {}}))
        die(u"navigating to the bucket: "_s + pane.errorText());
    if (!waitUntil([&] { return watch.paintedAtNs >= 0; }, 30000))
        die(u"no rows were painted"_s);
    const double firstRowsMs = double(watch.paintedAtNs) / 1e6;
    const int firstRows = pane.objects()->rowCount();

    // Scrolling to the end of the flat prefix, page after page, as a person would.
    QElapsedTimer scrolling;
    scrolling.start();
    if (!pane.navigate({connection.id(), kBucket, u"flat/"_s}))
        die(u"navigating to flat/: "_s + pane.errorText());
    ui::ObjectListModel *objects = pane.objects();
    const bool complete = waitUntil([&] {
        if (objects->isLoading())
            return false;
        if (objects->rowCount() >= flat && !objects->hasMore())
            return true;
        pane.view()->scrollToBottom();
        pane.view()->viewport()->repaint();
        return false;
    }, 600000);
    const double scrollSeconds = double(scrolling.elapsed()) / 1000.0;
    if (!complete)
        die(u"scrolling stopped at %1 rows"_s.arg(objects->rowCount()));
    pane.view()->verticalScrollBar()->setValue(pane.view()->verticalScrollBar()->maximum() / 2);
    pane.view()->viewport()->repaint();
    const auto [rssAfter, peakAfter] = residentKiB();

    std::printf("\nbrowse benchmark: %d prefixes x %d keys + flat/ of %d keys, coffer-server on 127.0.0.1\n",
                prefixes, perPrefix, flat);
    std::printf("%-52s %10.1f ms   (target < 300 ms; %d rows in the first page)\n",
                "bucket opened -> first rows painted", firstRowsMs, firstRows);
    std::printf("%-52s %10.1f s    (%d rows, %.0f rows/s)\n", "scrolling through flat/", scrollSeconds,
                objects->rowCount(), objects->rowCount() / scrollSeconds);
    std::printf("%-52s %10.1f MB\n", "resident memory before browsing", rssBefore / 1024.0);
    std::printf("%-52s %10.1f MB   (target < 300 MB)\n", "resident memory after all rows of flat/", rssAfter / 1024.0);
    std::printf("%-52s %10.1f MB\n", "peak resident memory", peakAfter / 1024.0);
    Q_UNUSED(peakBefore);

    pane.clearLocation();
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
