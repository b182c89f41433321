#include "lifecycle_scheduler.h"

#include "lcServer.h"

#include "server/store/object_store.h"

#include "s3/xml/documents.h"

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxIntervalMs = 60'000;
constexpr qint64 kMinIntervalMs = 200;

} // namespace

LifecycleScheduler::LifecycleScheduler(const Service &service, qint64 dayMs, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_dayMs(qMax<qint64>(1, dayMs))
{
    m_timer.setInterval(int(qBound(kMinIntervalMs, m_dayMs / 8, kMaxIntervalMs)));
    connect(&m_timer, &QTimer::timeout, this, [this] { runOnce(); });
}

void LifecycleScheduler::start()
{
    m_timer.start();
}

void LifecycleScheduler::stop()
{
    m_timer.stop();
}

LifecycleReport LifecycleScheduler::runOnce()
{
    LifecycleReport report;
    ObjectStore &store = m_service.store();
    const auto buckets = store.listBuckets();
    if (!buckets.ok())
        return report;
    const qint64 nowMs = m_service.now().toMSecsSinceEpoch();
    for (const BucketRecord &bucket : buckets.value()) {
        coffer::s3::LifecycleConfiguration configuration;
        const auto document = store.bucketDocument(bucket.name, BucketDocument::Lifecycle);
        if (document.ok() && !document.value().isEmpty()) {
            auto parsed = coffer::s3::xml::parseLifecycleConfiguration(document.value());
            if (parsed.ok())
                configuration = std::move(parsed).value();
        }
        const bool hasAbortRule = std::any_of(configuration.rules.begin(), configuration.rules.end(),
                                              [](const auto &rule) { return rule.abortIncompleteMultipartUploadDays.has_value(); });
        if (m_service.isR2() && !hasAbortRule) {
            coffer::s3::LifecycleRule rule;
            rule.abortIncompleteMultipartUploadDays = kR2DefaultAbortDays;
            configuration.rules.append(rule);
        }
        for (const coffer::s3::LifecycleRule &rule : configuration.rules) {
            if (!rule.enabled)
                continue;
            const QByteArray prefix = rule.filter.prefix.toUtf8();
            if (rule.expiration) {
                qint64 cutoff = -1;
                if (rule.expiration->days)
                    cutoff = nowMs - qint64(*rule.expiration->days) * m_dayMs;
                else if (rule.expiration->date.isValid() && rule.expiration->date.toMSecsSinceEpoch() <= nowMs)
                    cutoff = nowMs + 1; // the date has passed: everything under the filter goes
                if (cutoff >= 0) {
                    const auto keys = store.objectsModifiedBefore(bucket.name, prefix, cutoff);
                    if (keys.ok() && !keys.value().isEmpty()) {
                        const QList<StoreError> results = store.deleteObjects(bucket.name, keys.value());
                        for (const StoreError &error : results)
                            report.objectsExpired += error.isError() ? 0 : 1;
                    }
                }
            }
            if (rule.abortIncompleteMultipartUploadDays) {
                const qint64 cutoff = nowMs - qint64(*rule.abortIncompleteMultipartUploadDays) * m_dayMs;
                const auto uploads = store.uploadsInitiatedBefore(bucket.name, prefix, cutoff);
                if (uploads.ok()) {
                    for (const MultipartUploadRecord &upload : uploads.value()) {
                        if (!store.abortMultipartUpload(bucket.name, upload.key, upload.uploadId).isError())
                            ++report.uploadsAborted;
                    }
                }
            }
        }
    }
    if (report.objectsExpired || report.uploadsAborted)
        qCInfo(lcServer) << "lifecycle: expired" << report.objectsExpired << "objects, aborted"
                         << report.uploadsAborted << "uploads";
    Q_EMIT passFinished(report);
    return report;
}

} // namespace coffer::server::api
