#pragma once
// Runs the lifecycle dry run against a bucket: one ListObjectsV2 pass (under the
// prefix every enabled rule shares), then ListMultipartUploads when a rule aborts
// uploads. Asynchronous; finished() comes exactly once, with a result or an error.

#include "bucket_config/lifecycle_dry_run.h"
#include "s3/error/s3error.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace coffer::client {
class S3Call;
class S3Client;
} // namespace coffer::client

namespace coffer::bucket_config {

class DryRunRunner : public QObject
{
    Q_OBJECT
public:
    // client is not owned and must outlive the run (or the run ends with its deletion).
    DryRunRunner(client::S3Client *client, QString bucket, s3::LifecycleConfiguration configuration,
                 QDateTime now, QObject *parent = nullptr);
    ~DryRunRunner() override;

    void start();
    // Stops listing; finished() follows with a Canceled error.
    void cancel();

    bool isFinished() const { return m_finished; }
    // Valid once finished(); Kind None when the run completed.
    const s3::S3Error &error() const { return m_error; }
    const LifecycleDryRun &result() const { return m_dryRun; }

Q_SIGNALS:
    void progress(qint64 objectsSeen);
    void finished();

private:
    void listObjects(const QString &continuationToken);
    void listUploads(const QString &keyMarker, const QString &uploadIdMarker);
    void finish(const s3::S3Error &error);

    QPointer<client::S3Client> m_client;
    QString m_bucket;
    LifecycleDryRun m_dryRun;
    QPointer<client::S3Call> m_call;
    s3::S3Error m_error;
    bool m_finished = false;
};

} // namespace coffer::bucket_config
