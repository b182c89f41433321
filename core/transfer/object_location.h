#pragma once
// Where an object (or a prefix) lives: a connection, a bucket and a key.

#include "job_environment.h"

#include "client/operation_params.h"

#include <QJsonObject>
#include <QString>

namespace coffer::transfer {

struct ObjectLocation {
    ConnectionRef connection;
    QString bucket;
    QString key; // for prefix jobs: the prefix ("" or ending in '/')

    QString display() const { return bucket + u'/' + key; } // "bucket/key"
    QJsonObject toJson() const;
    static ObjectLocation fromJson(const QJsonObject &json);
    bool operator==(const ObjectLocation &) const = default;
};

// What an upload stores with each object, and the store's limits.
struct UploadOptions {
    client::ObjectAttributes attributes;
    // R2 refuses unequal parts and single PUTs over 5 GiB - 5 MiB; the defaults of
    // PartLimits satisfy both R2 and S3, so they rarely need changing.
    qint64 maxSinglePut = 5LL * 1024 * 1024 * 1024 - 5LL * 1024 * 1024;

    QJsonObject toJson() const;
    static UploadOptions fromJson(const QJsonObject &json);
};

} // namespace coffer::transfer
