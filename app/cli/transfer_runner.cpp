#include "transfer_runner.h"

#include "engine_session.h"
#include "engine_transfer.h"
#include "object_transfer.h"

#include <QFile>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

bool isFolderKind(TransferItem::Kind kind)
{
    return kind == TransferItem::Kind::UploadFolder || kind == TransferItem::Kind::DownloadPrefix;
}

} // namespace

TransferRunner::TransferRunner(const Session &session, QList<TransferItem> items, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_items(std::move(items))
{
    if (session.invocation.transfer.concurrency > 0)
        m_limit = session.invocation.transfer.concurrency;
}

void TransferRunner::start()
{
    m_clock.start();
    if (m_dryRun) {
        for (const TransferItem &item : std::as_const(m_items)) {
            m_session.console->line(u"(dryrun) %1: %2 to %3"_s.arg(
                transferVerb(item.kind), item.from.display(), item.to.display()));
            m_session.console->event(QJsonObject { { u"event"_s, u"planned"_s },
                { u"kind"_s, transferVerb(item.kind) }, { u"from"_s, item.from.display() },
                { u"to"_s, item.to.display() }, { u"bytesTotal"_s, item.size } });
        }
        m_next = m_items.size();
    }
    launch();
    maybeFinish();
}

void TransferRunner::launch()
{
    while (m_running < m_limit && m_next < m_items.size()) {
        const int job = static_cast<int>(m_next);
        const TransferItem &item = m_items.at(m_next++);
        ++m_running;
        const QString jobId = QString::number(job + 1);
        m_session.console->event(QJsonObject { { u"event"_s, u"start"_s }, { u"job"_s, jobId },
            { u"kind"_s, transferVerb(item.kind) }, { u"from"_s, item.from.display() },
            { u"to"_s, item.to.display() }, { u"bytesTotal"_s, item.size } });
        if (m_engine && EngineTransfer::handles(item)) {
            // The engine reports its own progress (smoothed rate, throttled events).
            auto *transfer = new EngineTransfer(item, jobId, m_engine, m_session.console, this);
            connect(transfer, &EngineTransfer::finished, this,
                [this, transfer, job](const s3::S3Error &error, qint64 bytes) {
                    transfer->deleteLater();
                    TransferItem finished = transfer->item();
                    if (isFolderKind(finished.kind))
                        finished.count = transfer->itemsDone();
                    itemDone(finished, job, error, bytes);
                });
            transfer->start();
            continue;
        }
        auto *transfer
            = new ObjectTransfer(item, m_session.client(item.from), m_session.client(item.to), this);
        transfer->setStreamSettings(streamSettings());
        auto started = std::make_shared<QElapsedTimer>();
        started->start();
        connect(transfer, &ObjectTransfer::progress, this,
            [this, jobId, item, started](qint64 done, qint64 total) {
                const double seconds = qMax<qint64>(started->elapsed(), 1) / 1000.0;
                m_session.console->progress(jobId, item.to.display(), done, total > 0 ? total : item.size,
                    static_cast<double>(done) / seconds, u"running"_s);
            });
        connect(transfer, &ObjectTransfer::finished, this,
            [this, transfer, job](const s3::S3Error &error, qint64 bytes) {
                transfer->deleteLater();
                itemDone(transfer->item(), job, error, bytes);
            });
        transfer->start();
    }
}

StreamUpload::Settings TransferRunner::streamSettings() const
{
    const transfer::TransferSettings engine = EngineSession::settingsFor(m_session.invocation);
    StreamUpload::Settings settings;
    settings.partSize = engine.preferredPartSize;
    settings.multipartThreshold = engine.multipartThreshold;
    // Each part in flight is held in memory (twice, counting the network layer's copy),
    // unlike a file's parts, which stream from disk: a smaller window keeps a pipe's
    // upload well under 200 MB.
    settings.window = qMin(engine.partWindow, 4);
    settings.checksum = engine.checksum;
    // One limiter for everything this run moves.
    settings.bandwidth = m_engine && m_engine->queue() ? m_engine->queue()->bandwidth() : nullptr;
    return settings;
}

void TransferRunner::itemDone(const TransferItem &item, int job, const s3::S3Error &error, qint64 bytes)
{
    if (!error.isError() && m_move && item.kind != TransferItem::Kind::Delete) {
        m_bytes += bytes;
        return removeSource(item, job);
    }
    report(item, job, error, bytes);
    --m_running;
    launch();
    maybeFinish();
}

void TransferRunner::removeSource(const TransferItem &item, int job)
{
    const auto after = [this, item, job](const s3::S3Error &error) {
        report(item, job, error, 0);
        --m_running;
        launch();
        maybeFinish();
    };
    if (item.from.isLocal()) {
        QFile file(item.from.localPath);
        after(file.remove()
                ? s3::S3Error {}
                : s3::S3Error::invalidInput(u"The copy arrived, but %1 could not be deleted (%2)."_s.arg(
                      item.from.localPath, file.errorString())));
        return;
    }
    m_session.client(item.from)
        ->deleteObject({ .bucket = item.from.bucket, .key = item.from.key })
        ->onFinished(this, [after, item](const client::Result<client::Done> &r) {
            after(r ? s3::S3Error {}
                    : s3::S3Error(r.error()).withBucket(item.from.bucket).withKey(item.from.key));
        });
}

void TransferRunner::report(const TransferItem &item, int job, const s3::S3Error &error, qint64 bytes)
{
    Console &console = *m_session.console;
    const QString jobId = QString::number(job + 1);
    const QString verb
        = m_move && item.kind != TransferItem::Kind::Delete ? u"move"_s : transferVerb(item.kind);
    if (error.isError()) {
        ++m_failed;
        m_worst = worseOf(m_worst, exitCodeFor(error));
        const QString sentence = errorSentence(error);
        console.error(
            u"%1 failed: %2 to %3: %4"_s.arg(verb, item.from.display(), item.to.display(), sentence));
        console.event(QJsonObject { { u"event"_s, u"done"_s }, { u"job"_s, jobId },
            { u"state"_s, u"failed"_s }, { u"message"_s, sentence }, { u"code"_s, error.code } });
        return;
    }
    ++m_completed;
    if (!m_move)
        m_bytes += bytes;
    QString line = item.kind == TransferItem::Kind::Delete
        ? u"delete: "_s + item.to.display()
        : u"%1: %2 to %3"_s.arg(verb, item.from.display(), item.to.display());
    if (isFolderKind(item.kind))
        line += (item.count == 1 ? u" (1 file)"_s : u" (%1 files)"_s.arg(item.count));
    if (item.kind != TransferItem::Kind::StdoutDownload)
        console.line(line);
    QJsonObject event { { u"event"_s, u"done"_s }, { u"job"_s, jobId }, { u"state"_s, u"completed"_s },
        { u"kind"_s, verb }, { u"from"_s, item.from.display() }, { u"to"_s, item.to.display() },
        { u"bytes"_s, bytes } };
    if (isFolderKind(item.kind))
        event.insert(u"items"_s, item.count);
    console.event(event);
}

void TransferRunner::maybeFinish()
{
    if (m_done || m_running > 0 || m_next < m_items.size())
        return;
    m_done = true;
    const double seconds = qMax<qint64>(m_clock.elapsed(), 1) / 1000.0;
    m_session.console->event(
        QJsonObject { { u"event"_s, u"result"_s }, { u"completed"_s, m_completed }, { u"failed"_s, m_failed },
            { u"bytes"_s, m_bytes }, { u"seconds"_s, seconds }, { u"dryrun"_s, m_dryRun } });
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(static_cast<int>(m_worst)); });
}

} // namespace coffer::cli
