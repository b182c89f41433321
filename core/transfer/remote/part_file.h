#pragma once
// The `name.part` file a download writes into, and the steps that turn it into the
// final file: mtime from the server, fsync, atomic rename, fsync of the directory.
// A reader never sees a half-written file under the final name.

#include <QDateTime>
#include <QString>

namespace coffer::transfer {

QString partPathFor(const QString &destination);

// Creates the parent folders and a .part of exactly `size` bytes (sparse where the file
// system allows). Empty on success, otherwise a sentence.
QString preparePartFile(const QString &partPath, qint64 size);

// Blocking (fsync): run off the GUI thread. Sets the modification time, flushes the data
// to disk, renames over the destination and flushes the directory entry.
QString finalizePartFile(const QString &partPath, const QString &destination, const QDateTime &lastModified);

} // namespace coffer::transfer
