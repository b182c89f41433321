#pragma once
// Deletes every object under a prefix: list a page, delete it with one DeleteObjects
// request (up to 1,000 keys), list the next. Used by rm --recursive and rb --force.

#include "client/s3_client.h"

#include <QNetworkAccessManager> // s3_client.h needs the complete type

#include <functional>

namespace coffer::cli {

struct PrefixDeletion {
    qint64 deleted = 0;
    QList<s3::DeleteObjectError> failures; // keys the store refused to delete
    s3::S3Error error; // a call that failed as a whole
};

// onKey runs for each key as it is deleted (or would be, with dryRun).
void deleteUnderPrefix(client::S3Client *client, const QString &bucket, const QString &prefix, bool dryRun,
    const QObject *context, std::function<void(const QString &key)> onKey,
    std::function<void(const PrefixDeletion &result)> onDone);

} // namespace coffer::cli
