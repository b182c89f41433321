#pragma once
// Deletes every object under a prefix: one listing page (up to 1,000 keys) at a time,
// each page removed with one DeleteObjects request, so a million keys take a thousand
// round trips and never a million. Keys the server refuses to delete are reported one by
// one (key, code, sentence) and the deletion goes on with the rest.

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h's inline network() needs the complete type

#include <QObject>
#include <QPointer>

namespace coffer::transfer {

struct KeyFailure {
    QString key;
    QString message; // a sentence: what happened, what to do
};

class PrefixDeletion : public QObject
{
    Q_OBJECT
public:
    // client is not owned and must outlive the deletion. An empty prefix means the whole
    // bucket (the caller asks the user first).
    PrefixDeletion(client::S3Client *client, QString bucket, QString prefix, QObject *parent = nullptr);
    ~PrefixDeletion() override;

    void start();
    void cancel();

    bool isRunning() const { return m_running; }
    int deletedCount() const { return m_deleted; }
    QList<KeyFailure> failures() const { return m_failures; }
    // Kind None unless listing or a DeleteObjects request itself failed (or canceled).
    const s3::S3Error &error() const { return m_error; }

Q_SIGNALS:
    void progress(int deleted, int failed);
    void keyFailed(const QString &key, const QString &message);
    void finished();

private:
    void listNext();
    void deletePage(const QList<s3::ObjectIdentifier> &objects, bool more);
    void end(const s3::S3Error &error);

    client::S3Client *m_client;
    QString m_bucket;
    QString m_prefix;
    QString m_startAfter;
    QPointer<client::S3Call> m_call;
    bool m_running = false;
    int m_deleted = 0;
    QList<KeyFailure> m_failures;
    s3::S3Error m_error;
};

} // namespace coffer::transfer
