#pragma once
// Where blob files live: DIR/data/<2 hex>/<32 hex> named by a random 128-bit id (never by
// key), and DIR/tmp/ for bodies still being written. The 256 fan-out directories are made
// (and made durable) once at open, so committing a blob only fsyncs its own directory.

#include "server/store/store_error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace coffer::server {

class BlobDirectory
{
public:
    explicit BlobDirectory(QString root);

    // Creates data/00..ff and tmp/ and fsyncs what it created.
    StoreError prepare() const;

    const QString &root() const { return m_root; }
    QString dataDir() const { return m_root + QLatin1StringView("/data"); }
    QString tmpDir() const { return m_root + QLatin1StringView("/tmp"); }
    QString blobPath(QByteArrayView id) const;    // id: 16 raw bytes
    QString fanoutDir(QByteArrayView id) const;

    // 16 random bytes from the system CSPRNG.
    static QByteArray newId();

    // Removes a committed blob file; a missing file is not an error (the sweep or an
    // earlier attempt may have removed it).
    void removeBlob(QByteArrayView id) const;

    // fsync of a directory, so a rename or unlink in it is durable.
    static StoreError syncDirectory(const QString &path);

private:
    QString m_root;
};

} // namespace coffer::server
