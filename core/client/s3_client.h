#pragma once
// The asynchronous S3 client. Every call returns at once with an S3Reply that reports
// progress and finishes exactly once with a typed Result; nothing blocks and no call
// runs a nested event loop. Uploads stream from a QIODevice, downloads stream into one.
//
//   client.listObjectsV2({.bucket = u"photos"_s, .delimiter = u"/"_s})
//       ->onFinished(this, [](const Result<s3::ListObjectsPage> &page) { ... });

#include "client_config.h"
#include "http_activity.h"
#include "operation_params.h"
#include "s3_call.h"
#include "wire_request.h"

#include "s3/model/bucketsettings.h"
#include "s3/model/buckets.h"
#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"
#include "s3/model/listing.h"
#include "s3/model/multipart.h"
#include "s3/model/objects.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace coffer::client {

class ClientClock;
class Exchange;

class S3Client : public QObject
{
    Q_OBJECT
public:
    // network is not owned and must outlive the client (tests pass a fake).
    S3Client(ClientConfig config, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~S3Client() override;

    const ClientConfig &config() const { return m_config; }
    // The correction applied to the local clock after a server refused our time.
    std::chrono::milliseconds clockOffset() const;

    // --- Service and buckets ---
    S3Reply<s3::ListBucketsPage> *listBuckets(const ListBucketsParams &params = {});
    // locationConstraint: a region on S3, a location hint (wnam, enam, ...) on R2.
    S3Reply<Done> *createBucket(const QString &bucket, const QString &locationConstraint = {});
    S3Reply<Done> *deleteBucket(const QString &bucket);
    S3Reply<BucketHead> *headBucket(const QString &bucket);
    S3Reply<s3::BucketLocation> *getBucketLocation(const QString &bucket);

    // --- Listings ---
    // Always asks for encoding-type=url; the page holds decoded keys.
    S3Reply<s3::ListObjectsPage> *listObjectsV2(const ListObjectsV2Params &params);
    S3Reply<s3::ListVersionsPage> *listObjectVersions(const ListObjectVersionsParams &params);

    // --- Objects ---
    S3Reply<ObjectHead> *headObject(const HeadObjectParams &params);
    // Writes the body into sink (open for writing) as it arrives; progress() follows it.
    // On failure the sink may hold part of the body: the caller discards it.
    S3Reply<ObjectHead> *getObject(const GetObjectParams &params, QIODevice *sink);
    S3Reply<PutObjectResult> *putObject(const PutObjectParams &params);
    S3Reply<Done> *deleteObject(const DeleteObjectParams &params);
    // Sent in batches of 1,000 keys, one after the other; the results are merged.
    S3Reply<s3::DeleteObjectsResult> *deleteObjects(const DeleteObjectsParams &params);
    S3Reply<s3::CopyObjectResult> *copyObject(const CopyObjectParams &params);

    // --- Multipart ---
    S3Reply<s3::InitiateMultipartUploadResult> *createMultipartUpload(const CreateMultipartUploadParams &params);
    S3Reply<UploadPartResult> *uploadPart(const UploadPartParams &params);
    S3Reply<s3::CopyPartResult> *uploadPartCopy(const UploadPartCopyParams &params);
    S3Reply<s3::CompleteMultipartUploadResult> *completeMultipartUpload(const CompleteMultipartUploadParams &params);
    S3Reply<Done> *abortMultipartUpload(const MultipartUploadRef &upload);
    S3Reply<s3::ListPartsPage> *listParts(const ListPartsParams &params);
    S3Reply<s3::ListMultipartUploadsPage> *listMultipartUploads(const ListMultipartUploadsParams &params);

    // --- Bucket configuration (unsupported providers answer Kind::NotSupported) ---
    S3Reply<s3::CorsConfiguration> *getBucketCors(const QString &bucket);
    S3Reply<Done> *putBucketCors(const QString &bucket, const s3::CorsConfiguration &configuration);
    S3Reply<Done> *deleteBucketCors(const QString &bucket);
    S3Reply<s3::LifecycleConfiguration> *getBucketLifecycleConfiguration(const QString &bucket);
    S3Reply<Done> *putBucketLifecycleConfiguration(const QString &bucket, const s3::LifecycleConfiguration &configuration);
    S3Reply<Done> *deleteBucketLifecycleConfiguration(const QString &bucket);
    S3Reply<QByteArray> *getBucketPolicy(const QString &bucket); // the JSON document
    S3Reply<Done> *putBucketPolicy(const QString &bucket, const QByteArray &policyJson);
    S3Reply<Done> *deleteBucketPolicy(const QString &bucket);
    S3Reply<PolicyStatus> *getBucketPolicyStatus(const QString &bucket);
    S3Reply<s3::PublicAccessBlockConfiguration> *getPublicAccessBlock(const QString &bucket);
    S3Reply<Done> *putPublicAccessBlock(const QString &bucket, const s3::PublicAccessBlockConfiguration &configuration);
    S3Reply<s3::VersioningConfiguration> *getBucketVersioning(const QString &bucket);

    // --- Presigned URLs (computed locally, nothing is sent) ---
    // GET, HEAD, PUT or DELETE; expiry 1 s to 7 days, otherwise an InvalidInput error.
    Result<QUrl> presign(const PresignParams &params) const;

Q_SIGNALS:
    // One per finished HTTP exchange (each retry counts), secrets masked.
    void activity(const coffer::client::HttpActivity &record);

private:
    friend class CallRunner;
    QNetworkAccessManager *network() const;

    ClientConfig m_config;
    QPointer<QNetworkAccessManager> m_network;
    std::shared_ptr<ClientClock> m_clock;
};

} // namespace coffer::client
