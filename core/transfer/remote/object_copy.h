#pragma once
// Server-side copy of one object on one endpoint (within a bucket or across buckets):
// CopyObject up to the plan's single-copy limit (5 GiB), above it a multipart upload of
// UploadPartCopy ranges cut by the engine's PartPlan (equal parts, legal on R2), which
// carries the source's content headers and metadata over explicitly. No byte passes
// through this machine.
//
// The copy is verified before it counts: the destination's size must equal the source's,
// and its ETag too when both are plain MD5s (or a full-object checksum both sides have).
// A move deletes the source only after that verification, so a failed copy never loses
// the only copy.

#include "multipart_operation.h"

namespace coffer::transfer {

struct ObjectCopyRequest {
    client::CopySource source;
    QString bucket;
    QString key;
    bool deleteSource = false; // a move
    qint64 preferredPartSize = 16 * kMiB;
    int window = 4;            // UploadPartCopy requests in flight
    PartLimits limits{};       // tests lower maxSingleCopy to reach UploadPartCopy
};

// State, progress, cancel() and the error come from MultipartOperation.
class ObjectCopy : public MultipartOperation
{
    Q_OBJECT
public:
    // client is not owned and must outlive the copy.
    ObjectCopy(client::S3Client *client, ObjectCopyRequest request, QObject *parent = nullptr);

    void start();

    const ObjectCopyRequest &request() const { return m_request; }

private:
    void onSourceHead(const client::ObjectHead &head);
    void copyWhole();
    void sendWhole();
    void startMultipart();
    void pumpParts();
    void sendPart(int part);
    void complete();
    void verify();
    void deleteSource();

    client::S3Client *m_client;
    ObjectCopyRequest m_request;
};

} // namespace coffer::transfer
