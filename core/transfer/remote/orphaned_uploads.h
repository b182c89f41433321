#pragma once
// Unfinished multipart uploads of a bucket: each one's key, upload id, initiation date and
// the parts it holds (count and bytes, which the store bills until the upload is aborted).
// scan() pages through ListMultipartUploads, then ListParts (paged) per upload, a few
// uploads at a time; abort() aborts a selection. The result list is plain data, so a
// table model (GUI) or a printed table (CLI) can show it as is.

#include "prefix_deletion.h" // KeyFailure

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace coffer::transfer {

struct OrphanedUpload {
    QString key;
    QString uploadId;
    QDateTime initiated;
    QString storageClass;
    int partCount = 0;
    qint64 bytes = 0;   // the uploaded parts' total size
    QString sizeError;  // non-empty when ListParts failed: the size is unknown
    bool operator==(const OrphanedUpload &) const = default;
};

class OrphanedUploads : public QObject
{
    Q_OBJECT
public:
    // client is not owned and must outlive this object.
    OrphanedUploads(client::S3Client *client, QString bucket, QObject *parent = nullptr);
    ~OrphanedUploads() override;

    QString bucket() const { return m_bucket; }
    int listPartsConcurrency = 4;
    std::optional<int> partsPerPage; // ListParts max-parts; unset: the server's default (1,000)

    // Lists the uploads (optionally under a key prefix) and sizes them; scanFinished()
    // follows. A new scan replaces the previous result.
    void scan(const QString &prefix = {});
    QList<OrphanedUpload> uploads() const { return m_uploads; }
    const s3::S3Error &scanError() const { return m_scanError; }

    // Aborts the given uploads (all at once, a few requests in flight); abortFinished()
    // follows. Aborted ones leave uploads(); failures() says which could not be aborted.
    void abort(const QList<OrphanedUpload> &selection);
    QList<KeyFailure> failures() const { return m_failures; }
    bool isBusy() const { return m_busy; }
    void cancel();

Q_SIGNALS:
    void scanFinished();
    void abortFinished();

private:
    void listUploads(const QString &keyMarker, const QString &uploadIdMarker);
    void sizeNext();
    void listParts(int index, std::optional<int> marker);
    void abortNext();
    void stopCalls();

    client::S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    QList<OrphanedUpload> m_uploads;
    s3::S3Error m_scanError;
    QList<KeyFailure> m_failures;
    QList<OrphanedUpload> m_toAbort;
    int m_nextToSize = 0;
    int m_inFlight = 0;
    bool m_busy = false;
    QList<QPointer<client::S3Call>> m_calls;
};

} // namespace coffer::transfer
