#pragma once
// One object to move: where from, where to, and what was known about the source when
// the transfer was planned (size and time, for progress and for keeping mtimes).

#include "location.h"

#include <QDateTime>
#include <QString>

namespace coffer::cli {

struct TransferItem {
    enum class Kind {
        Upload, // local file -> object
        Download, // object -> local file
        ServerCopy, // object -> object on the same connection (CopyObject)
        CrossCopy, // object -> object on another connection (GET, then PUT)
        StdinUpload, // standard input -> object
        StdoutDownload, // object -> standard output
        Delete, // sync --delete: remove the destination-only object or file
    };
    Kind kind = Kind::Upload;
    Location from;
    Location to;
    qint64 size = -1; // -1: not known yet
    QDateTime sourceTime; // file mtime or object Last-Modified (UTC)
    QString etag; // of a source object, when listed

    bool operator==(const TransferItem &) const = default;
};

// aws-cli's words for what happened: "upload", "download", "copy", "delete".
QString transferVerb(TransferItem::Kind kind);

} // namespace coffer::cli
