#pragma once
// Runs a planned list of transfers, a bounded number at a time, reporting each start,
// its progress and its end on the console (aws-cli style lines, or --json events), and
// for mv deleting each source once its copy has arrived. Finishes with the worst exit
// code of all items.

#include "command.h"
#include "stream_upload.h"
#include "transfer_item.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>

namespace coffer::cli {

class EngineSession;

class TransferRunner : public QObject
{
    Q_OBJECT
public:
    TransferRunner(const Session &session, QList<TransferItem> items, QObject *parent);

    void setMoveSources(bool move) { m_move = move; }
    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    // With an engine, uploads, downloads and server-side copies go through its queue and
    // journal (multipart, verified, resumable); without, through single requests.
    void setEngine(EngineSession *engine) { m_engine = engine; }
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void launch();
    StreamUpload::Settings streamSettings() const;
    void itemDone(const TransferItem &item, int job, const s3::S3Error &error, qint64 bytes);
    void removeSource(const TransferItem &item, int job);
    void report(const TransferItem &item, int job, const s3::S3Error &error, qint64 bytes);
    void maybeFinish();

    Session m_session;
    QList<TransferItem> m_items;
    qsizetype m_next = 0;
    int m_running = 0;
    int m_limit = 8;
    EngineSession *m_engine = nullptr;
    bool m_move = false;
    bool m_dryRun = false;
    bool m_done = false;
    qint64 m_bytes = 0;
    int m_completed = 0;
    int m_failed = 0;
    ExitCode m_worst = ExitCode::Ok;
    QElapsedTimer m_clock;
};

} // namespace coffer::cli
