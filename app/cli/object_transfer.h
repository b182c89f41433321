#pragma once
// The items the transfer engine has no job for, because they cannot be journaled or
// resumed: standard input streamed up (StreamUpload), an object streamed to standard
// output as it arrives, and sync --delete's removals. Files, folders and objects between
// stores go through the engine (EngineTransfer).

#include "stream_upload.h"
#include "transfer_item.h"

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h needs the complete type

#include <QObject>
#include <QPointer>

#include <memory>

class QFile;

namespace coffer::cli {

class ObjectTransfer : public QObject
{
    Q_OBJECT
public:
    // source/destination: the clients for item.from/item.to (nullptr for a local side).
    ObjectTransfer(
        TransferItem item, client::S3Client *source, client::S3Client *destination, QObject *parent);
    ~ObjectTransfer() override;

    const TransferItem &item() const { return m_item; }
    // How standard input is cut into parts (from the transfer options).
    void setStreamSettings(const StreamUpload::Settings &settings) { m_streamSettings = settings; }
    void start();
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const coffer::s3::S3Error &error, qint64 bytes);

private:
    void stdinUpload();
    void stdoutDownload();
    void remove();
    void done(const s3::S3Error &error, qint64 bytes = 0);
    void watch(client::S3Call *call);

    TransferItem m_item;
    client::S3Client *m_source;
    client::S3Client *m_destination;
    StreamUpload::Settings m_streamSettings;
    std::unique_ptr<QFile> m_sink;
    QPointer<client::S3Call> m_call;
    bool m_finished = false;
};

} // namespace coffer::cli
