// The longest GUI event-loop stall while the Transfers pane (model, proxy, progress
// delegate, shown offscreen) follows 8 concurrent transfers against the embedded server:
// half uploads of new files, half downloads of objects seeded beforehand. A 5 ms timer
// probe records the gaps between its ticks; the target is no gap over 50 ms.
//
//   bench_transfer_stall [--size-mib 500] [--jobs 8] [--no-view] [--dir /path/with/room]
//
// Needs about jobs x size x 2.5 of free disk (sources, the server's blobs, downloads).

#include "ui/transfers/transfer_center.h"
#include "ui/transfers/transfer_list_model.h"
#include "ui/transfers/transfers_pane.h"

#include "client/s3_client.h"
#include "server/api/s3_server.h"
#include "transfer/remote/download_object_job.h"
#include "transfer/transfer_job.h"
#include "transfer/transfer_queue.h"
#include "transfer/upload_file_job.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const transfer::ConnectionRef kConnection { u"bench"_s, u"http://127.0.0.1"_s };
const QString kBucket = u"stall"_s;

bool writeRandomFile(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk(qsizetype(4 * 1024 * 1024), Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(
        reinterpret_cast<quint32 *>(chunk.data()), chunk.size() / qsizetype(sizeof(quint32)));
    for (qint64 written = 0; written < size;) {
        const qint64 n = std::min<qint64>(chunk.size(), size - written);
        if (file.write(chunk.constData(), n) != n)
            return false;
        chunk[0] = char(chunk[0] + 1); // no two chunks alike
        written += n;
    }
    return true;
}

// Ticks every 5 ms and keeps the gaps between ticks.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_gapsUs.append((now - m_last) / 1000);
            m_last = now;
        });
    }
    void start()
    {
        m_gapsUs.clear();
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    QList<qint64> gapsUs() const { return m_gapsUs; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    QList<qint64> m_gapsUs;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"size-mib"_s, u"Size of each transfer in MiB."_s, u"mib"_s, u"500"_s });
    parser.addOption({ u"jobs"_s, u"Concurrent transfers (half up, half down)."_s, u"n"_s, u"8"_s });
    parser.addOption({ u"dir"_s, u"Scratch folder (needs jobs x size x 2.5 free)."_s, u"path"_s });
    parser.addOption({u"no-view"_s, u"Keep the pane hidden (the engine's own stalls, for comparison)."_s});
    parser.process(app);
    const qint64 size = parser.value(u"size-mib"_s).toLongLong() * transfer::kMiB;
    const int jobs = std::max(2, parser.value(u"jobs"_s).toInt());
    const int downloads = jobs / 2;
    const int uploads = jobs - downloads;

    QTemporaryDir scratch(
        parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) + u"/bench-stall-XXXXXX"_s : QString());
    if (!scratch.isValid()) {
        std::fprintf(stderr, "cannot create a scratch folder\n");
        return 1;
    }

    // The server in its own threads, as the app runs its local server.
    server::api::S3ServerOptions options;
    options.dataDirectory = scratch.filePath(u"server"_s);
    options.service.credentials = { "AKIDBENCHSTALL", "bench-stall-secret-0123456789", {} };
    QThread serverThread;
    auto *server = new server::api::S3Server(options);
    server->moveToThread(&serverThread);
    serverThread.start();
    bool started = false;
    QMetaObject::invokeMethod(server, [&] { started = server->start(); }, Qt::BlockingQueuedConnection);
    if (!started) {
        std::fprintf(stderr, "server: %s\n", qPrintable(server->errorString()));
        return 1;
    }
    client::ClientConfig config;
    config.endpoint = *s3::parseEndpoint(u"http://127.0.0.1:%1"_s.arg(server->port()));
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "auto";
    config.credentials = options.service.credentials;
    QNetworkAccessManager network;
    auto s3 = std::make_unique<client::S3Client>(config, &network);

    std::printf("preparing %d x %lld MiB source files...\n", jobs, size / transfer::kMiB);
    std::fflush(stdout);
    QStringList sources;
    for (int i = 0; i < jobs; ++i) {
        sources.append(scratch.filePath(u"source-%1.bin"_s.arg(i)));
        if (!writeRandomFile(sources.last(), size)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(sources.last()));
            return 1;
        }
    }

    int exitCode = 0;
    {
        transfer::TransferSettings settings;
        settings.concurrentJobs = jobs;
        client::S3Client *clientPtr = s3.get();
        ui::TransferCenter center([clientPtr](const transfer::ConnectionRef &) { return clientPtr; },
            scratch.filePath(u"transfers.sqlite"_s), settings);
        ui::TransfersPane pane(&center);
        pane.resize(1100, 420);
        if (!parser.isSet(u"no-view"_s))
            pane.show();

        bool bucketMade = false;
        s3->createBucket(kBucket)->onFinished(&app, [&](const client::Result<client::Done> &r) {
            bucketMade = r.ok();
            if (!r.ok())
                std::fprintf(stderr, "create bucket: %s\n", qPrintable(r.error().userMessage()));
            app.quit();
        });
        app.exec();
        if (!bucketMade)
            return 1;

        // Seed the objects the downloads fetch (not measured).
        QElapsedTimer seedClock;
        seedClock.start();
        for (int i = 0; i < downloads; ++i) {
            center.queue()->add(std::make_unique<transfer::UploadFileJob>(sources.at(uploads + i),
                transfer::ObjectLocation { kConnection, kBucket, u"seed-%1.bin"_s.arg(i) }));
        }
        QObject::connect(center.queue(), &transfer::TransferQueue::idle, &app, &QApplication::quit);
        app.exec();
        std::printf("seeded %d objects in %.1f s\n", downloads, double(seedClock.elapsed()) / 1000.0);
        pane.clearFinished();

        // The measured phase: uploads and downloads at once, the pane following them.
        StallProbe probe;
        QElapsedTimer clock;
        QList<transfer::TransferJob *> measured;
        for (int i = 0; i < uploads; ++i) {
            measured.append(center.queue()->add(std::make_unique<transfer::UploadFileJob>(
                sources.at(i), transfer::ObjectLocation { kConnection, kBucket, u"up-%1.bin"_s.arg(i) })));
        }
        for (int i = 0; i < downloads; ++i) {
            measured.append(center.queue()->add(std::make_unique<transfer::DownloadObjectJob>(
                transfer::ObjectLocation { kConnection, kBucket, u"seed-%1.bin"_s.arg(i) },
                scratch.filePath(u"down-%1.bin"_s.arg(i)))));
        }
        const qint64 updatesBefore = pane.model()->progressUpdates();
        clock.start();
        probe.start();
        app.exec(); // until the queue is idle
        probe.stop();
        const double seconds = double(clock.elapsed()) / 1000.0;

        int failed = 0;
        for (const transfer::TransferJob *job : std::as_const(measured)) {
            if (job->state() != transfer::JobState::Completed) {
                ++failed;
                std::fprintf(
                    stderr, "%s: %s\n", qPrintable(job->displayName()), qPrintable(job->errorMessage()));
            }
        }
        QList<qint64> gaps = probe.gapsUs();
        std::sort(gaps.begin(), gaps.end());
        const auto percentile = [&gaps](double p) -> double {
            if (gaps.isEmpty())
                return 0;
            return double(gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(p * double(gaps.size())))))
                / 1000.0;
        };
        const auto over50 = std::count_if(gaps.cbegin(), gaps.cend(), [](qint64 us) { return us > 50'000; });
        const double totalMiB = double(size) * jobs / double(transfer::kMiB);
        std::printf("transfers: %d up + %d down x %lld MiB, %d failed\n", uploads, downloads,
            size / transfer::kMiB, failed);
        std::printf("wall time: %.1f s, aggregate %.0f MiB/s\n", seconds, totalMiB / seconds);
        std::printf("probe ticks: %lld, gap p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms\n", qint64(gaps.size()),
            percentile(0.5), percentile(0.99), percentile(0.999));
        std::printf("longest GUI stall: %.1f ms (target < 50 ms), gaps over 50 ms: %lld\n",
            gaps.isEmpty() ? 0.0 : double(gaps.last()) / 1000.0, qint64(over50));
        std::printf("model progress repaints: %lld (%.1f per second)\n",
            pane.model()->progressUpdates() - updatesBefore,
            double(pane.model()->progressUpdates() - updatesBefore) / seconds);
        exitCode = failed == 0 ? 0 : 2;
    }

    s3.reset();
    QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return exitCode;
}
