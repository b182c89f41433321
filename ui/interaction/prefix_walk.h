#pragma once
// Lists every object under a prefix (no delimiter), page after page, handing each page
// to a callback: how the delete confirmation counts what a folder holds and how a folder
// dragged to another connection becomes one streamed copy per object. Bound to a context
// object, so nothing is called once the context is gone.

#include "client/s3_client.h"

#include <QObject>
#include <QString>

#include <functional>

namespace coffer::ui {

struct PrefixWalkCallbacks {
    // One page of objects; return false to stop walking (done is then not called).
    std::function<bool(const QList<s3::ObjectEntry> &objects)> page;
    // The walk ended: error kind None when every page was read.
    std::function<void(const s3::S3Error &error)> done;
};

void walkPrefix(client::S3Client *client, const QString &bucket, const QString &prefix,
    const QObject *context, PrefixWalkCallbacks callbacks);

} // namespace coffer::ui
