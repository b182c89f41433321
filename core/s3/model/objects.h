#pragma once
// DeleteObjects request/result and the CopyObject / UploadPartCopy results.

#include "s3/model/common.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace coffer::s3 {

struct ObjectIdentifier {
    QString key;
    QString versionId; // empty: the current version
    bool operator==(const ObjectIdentifier &) const = default;
};

// The DeleteObjects request body (<Delete>), at most 1,000 objects per request.
struct DeleteObjectsRequest {
    QList<ObjectIdentifier> objects;
    bool quiet = false; // quiet: the result lists only the failures
    bool operator==(const DeleteObjectsRequest &) const = default;
};

struct DeletedObject {
    QString key;
    QString versionId;
    std::optional<bool> deleteMarker;
    QString deleteMarkerVersionId;
    bool operator==(const DeletedObject &) const = default;
};

struct DeleteObjectError {
    QString key;
    QString versionId;
    QString code; // an S3 error code such as AccessDenied
    QString message;
    bool operator==(const DeleteObjectError &) const = default;
};

struct DeleteObjectsResult {
    QList<DeletedObject> deleted;
    QList<DeleteObjectError> errors;
    bool operator==(const DeleteObjectsResult &) const = default;
};

struct CopyObjectResult {
    QString etag; // quoted
    QDateTime lastModified;
    Checksums checksums;
    QString checksumType;
    bool operator==(const CopyObjectResult &) const = default;
};

struct CopyPartResult {
    QString etag; // quoted
    QDateTime lastModified;
    Checksums checksums;
    bool operator==(const CopyPartResult &) const = default;
};

} // namespace coffer::s3
