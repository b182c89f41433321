#pragma once
// One object (or, for the folder kinds, one folder or prefix) to move: where from, where
// to, and what was known about the source when the transfer was planned (size and time,
// for progress and for keeping mtimes).

#include "location.h"

#include <QDateTime>
#include <QString>

namespace coffer::cli {

struct TransferItem {
    enum class Kind {
        Upload, // local file -> object
        Download, // object -> local file
        ServerCopy, // object -> object on the same connection (CopyObject)
        CrossCopy, // object -> object on another connection (streamed, no temporary file)
        UploadFolder, // local folder -> prefix, as one engine job (cp --recursive, sync)
        DownloadPrefix, // prefix -> local folder, as one engine job
        StdinUpload, // standard input -> object (streamed, multipart when it is large)
        StdoutDownload, // object -> standard output
        Delete, // sync --delete: remove the destination-only object or file
    };
    Kind kind = Kind::Upload;
    Location from;
    Location to;
    qint64 size = -1; // -1: not known yet
    QDateTime sourceTime; // file mtime or object Last-Modified (UTC)
    QString etag; // of a source object, when listed
    int count = 1; // files or objects the item stands for (a folder item: how many)

    bool operator==(const TransferItem &) const = default;
};

// aws-cli's words for what happened: "upload", "download", "copy", "delete".
QString transferVerb(TransferItem::Kind kind);

} // namespace coffer::cli
