// The load generator of benchmarks/server/run.sh: drives any S3 endpoint through
// S3Client and prints one "RESULT <number> <unit>" line that run.sh puts in its table.
// Concurrency means that many connections: each lane has its own QNetworkAccessManager,
// since one manager opens at most 6 connections to a host.
//
//   bench_server_load ENDPOINT ACCESS SECRET BUCKET COMMAND [ARGS]
//     mkbucket                          create BUCKET (an existing one is fine)
//     put SIZE COUNT CONCURRENCY PREFIX PUT PREFIX0..COUNT-1 of SIZE bytes -> ops/s
//     get SIZE COUNT CONCURRENCY PREFIX GET them back (sizes checked)      -> ops/s
//     list PREFIX                       walk ListObjectsV2 (1,000 a page) -> seconds
//     presign METHOD KEY                print a presigned URL (for curl)
//     presign-list METHOD COUNT PREFIX  print the URLs of PREFIX0..COUNT-1, one a line
#include "client/s3_client.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer::client;
namespace s3 = coffer::s3;

namespace {

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "bench_server_load: %s\n", qPrintable(what));
    std::exit(1);
}

// A device that counts what is written and keeps nothing, so a GET measures the wire.
class NullSink : public QIODevice
{
public:
    NullSink() { open(QIODevice::WriteOnly); }
    qint64 received = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 length) override
    {
        received += length;
        return length;
    }
};

struct Lane {
    std::unique_ptr<QNetworkAccessManager> network;
    std::unique_ptr<S3Client> client;
    std::unique_ptr<QIODevice> device;
};

class Load : public QObject
{
public:
    Load(ClientConfig config, QString bucket) : m_config(std::move(config)), m_bucket(std::move(bucket)) {}

    // Runs COUNT operations over CONCURRENCY lanes; returns operations per second.
    double run(bool put, qint64 size, int count, int concurrency, const QString &prefix)
    {
        std::vector<Lane> lanes(static_cast<size_t>(concurrency));
        for (Lane &lane : lanes) {
            lane.network = std::make_unique<QNetworkAccessManager>();
            lane.client = std::make_unique<S3Client>(m_config, lane.network.get());
        }
        const QByteArray body(size, 'x');
        int next = 0;
        int done = 0;
        std::function<void(Lane &)> start = [&](Lane &lane) {
            if (next >= count)
                return;
            const QString key = prefix + QString::number(next++);
            if (put) {
                auto buffer = std::make_unique<QBuffer>();
                buffer->setData(body);
                buffer->open(QIODevice::ReadOnly);
                PutObjectParams params{.bucket = m_bucket, .key = key, .body = buffer.get(), .size = size};
                lane.device = std::move(buffer);
                lane.client->putObject(params)->onFinished(this, [&, key](const Result<PutObjectResult> &r) {
                    if (!r.ok())
                        fail(u"PUT %1: %2"_s.arg(key, r.error().userMessage()));
                    ++done;
                    start(lane);
                });
            } else {
                auto sink = std::make_unique<NullSink>();
                NullSink *counted = sink.get();
                lane.device = std::move(sink);
                lane.client->getObject({.bucket = m_bucket, .key = key}, counted)
                    ->onFinished(this, [&, key, counted](const Result<ObjectHead> &r) {
                        if (!r.ok() || counted->received != size)
                            fail(u"GET %1: %2"_s.arg(key, r.ok() ? u"short body"_s : r.error().userMessage()));
                        ++done;
                        start(lane);
                    });
            }
        };
        QElapsedTimer timer;
        timer.start();
        for (Lane &lane : lanes)
            start(lane);
        while (done < count)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        return count / (double(timer.nsecsElapsed()) / 1e9);
    }

    // Seconds to walk every key under prefix; also reports how many it saw.
    double list(const QString &prefix, qint64 *keys)
    {
        QNetworkAccessManager network;
        S3Client client(m_config, &network);
        QElapsedTimer timer;
        timer.start();
        QString token;
        bool more = true;
        *keys = 0;
        while (more) {
            bool finished = false;
            client.listObjectsV2({.bucket = m_bucket, .prefix = prefix, .continuationToken = token, .maxKeys = 1000})
                ->onFinished(this, [&](const Result<s3::ListObjectsPage> &page) {
                    if (!page.ok())
                        fail(u"ListObjectsV2: "_s + page.error().userMessage());
                    *keys += page->objects.size();
                    more = page->isTruncated;
                    token = page->nextContinuationToken;
                    finished = true;
                });
            while (!finished)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        }
        return double(timer.nsecsElapsed()) / 1e9;
    }

    void makeBucket()
    {
        QNetworkAccessManager network;
        S3Client client(m_config, &network);
        bool finished = false;
        client.createBucket(m_bucket)->onFinished(this, [&](const Result<Done> &r) {
            // Already there from an earlier step is fine for a benchmark.
            if (!r.ok() && !r.error().userMessage().contains(u"already"_s, Qt::CaseInsensitive))
                fail(u"CreateBucket: "_s + r.error().userMessage());
            finished = true;
        });
        while (!finished)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }

    QString presign(const QByteArray &method, const QString &key)
    {
        QNetworkAccessManager network;
        S3Client client(m_config, &network);
        const auto url = client.presign({.method = method, .bucket = m_bucket, .key = key});
        if (!url.ok())
            fail(u"presign: "_s + url.error().userMessage());
        return url.value().toString(QUrl::FullyEncoded);
    }

private:
    ClientConfig m_config;
    QString m_bucket;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 6)
        fail(u"usage: bench_server_load ENDPOINT ACCESS SECRET BUCKET COMMAND [ARGS] (see the source)"_s);
    ClientConfig config;
    const auto endpoint = s3::parseEndpoint(args[1]);
    if (!endpoint)
        fail(u"not an endpoint: "_s + args[1]);
    config.endpoint = *endpoint;
    config.addressing = s3::AddressingStyle::PathStyle;
    config.region = "us-east-1";
    config.credentials = {args[2].toUtf8(), args[3].toUtf8(), {}};
    config.transferTimeout = std::chrono::milliseconds(300000);
    Load load(config, args[4]);

    const QString command = args[5];
    if (command == u"mkbucket"_s) {
        load.makeBucket();
    } else if ((command == u"put"_s || command == u"get"_s) && args.size() == 10) {
        const double rate = load.run(command == u"put"_s, args[6].toLongLong(), args[7].toInt(), args[8].toInt(), args[9]);
        std::printf("RESULT %.6g ops/s\n", rate);
    } else if (command == u"list"_s && args.size() == 7) {
        qint64 keys = 0;
        const double seconds = load.list(args[6], &keys);
        std::printf("RESULT %.3f s %lld keys\n", seconds, static_cast<long long>(keys));
    } else if (command == u"presign"_s && args.size() == 8) {
        std::printf("%s\n", qPrintable(load.presign(args[6].toUtf8(), args[7])));
    } else if (command == u"presign-list"_s && args.size() == 9) {
        for (int i = 0; i < args[7].toInt(); ++i)
            std::printf("%s\n", qPrintable(load.presign(args[6].toUtf8(), args[8] + QString::number(i))));
    } else {
        fail(u"unknown command or wrong arguments: "_s + args.mid(5).join(u' '));
    }
    return 0;
}
