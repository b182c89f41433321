#pragma once
// Moves one object with the S3 client's single-request calls: PUT streamed from the
// file, GET streamed into "name.part" (fsynced, renamed into place, Last-Modified kept
// as the mtime), CopyObject, or a GET+PUT between two connections. Large and resumable
// transfers belong to the transfer engine; this is the path for everything else.

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
    void start();
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const coffer::s3::S3Error &error, qint64 bytes);

private:
    void upload();
    void download();
    void serverCopy();
    void crossCopy();
    void stdinUpload();
    void stdoutDownload();
    void remove();
    void put(QIODevice *body, qint64 size);
    void finishDownload(const client::ObjectHead &head);
    void done(const s3::S3Error &error, qint64 bytes = 0);
    void watch(client::S3Call *call);

    TransferItem m_item;
    client::S3Client *m_source;
    client::S3Client *m_destination;
    std::unique_ptr<QIODevice> m_body;
    std::unique_ptr<QFile> m_sink;
    QPointer<client::S3Call> m_call;
    bool m_finished = false;
};

} // namespace coffer::cli
