#pragma once
// One planned item moved by the transfer engine (multipart, checksums, journal, resume)
// instead of by a single request. Same signals as ObjectTransfer, so the runner treats
// both alike.

#include "transfer_item.h"

#include "s3/error/s3error.h"

#include <QObject>
#include <QPointer>

namespace coffer::transfer {
class TransferJob;
}

namespace coffer::cli {

class Console;
class EngineSession;

class EngineTransfer : public QObject
{
    Q_OBJECT
public:
    // jobLabel: the id --json events carry for this item.
    EngineTransfer(
        TransferItem item, QString jobLabel, EngineSession *engine, Console *console, QObject *parent);

    // Files, folders, prefixes and object copies go through the engine.
    static bool handles(const TransferItem &item);
    const TransferItem &item() const { return m_item; }
    qint64 jobId() const;
    // After finished(): how many files or objects a folder job moved.
    int itemsDone() const { return m_items; }
    void start();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const coffer::s3::S3Error &error, qint64 bytes);

private:
    void onFinished();

    TransferItem m_item;
    QString m_label;
    EngineSession *m_engine;
    Console *m_console;
    QPointer<transfer::TransferJob> m_job;
    int m_items = 0;
};

} // namespace coffer::cli
