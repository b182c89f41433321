#include "server/store/blob_directory.h"

#include <QDir>
#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::server {

BlobDirectory::BlobDirectory(QString root) : m_root(std::move(root)) {}

StoreError BlobDirectory::prepare() const
{
    bool created = false;
    for (const QString &dir : {m_root, dataDir(), tmpDir()}) {
        if (!QDir(dir).exists()) {
            if (!QDir().mkpath(dir))
                return StoreError::fromErrno(u"Creating the store directory "_s + dir, errno);
            created = true;
        }
    }
    for (int i = 0; i < 256; ++i) {
        const QString dir = dataDir() + u'/' + QString::number(i, 16).rightJustified(2, u'0');
        if (!QDir(dir).exists()) {
            if (!QDir().mkdir(dir))
                return StoreError::fromErrno(u"Creating the blob directory "_s + dir, errno);
            created = true;
        }
    }
    if (created) {
        for (const QString &dir : {dataDir(), tmpDir(), m_root}) {
            if (StoreError error = syncDirectory(dir); error.isError())
                return error;
        }
    }
    return {};
}

QString BlobDirectory::fanoutDir(QByteArrayView id) const
{
    return dataDir() + u'/' + QString::fromLatin1(id.first(1).toByteArray().toHex());
}

QString BlobDirectory::blobPath(QByteArrayView id) const
{
    return fanoutDir(id) + u'/' + QString::fromLatin1(id.toByteArray().toHex());
}

QByteArray BlobDirectory::newId()
{
    QByteArray id(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(id.data()), 4);
    return id;
}

void BlobDirectory::removeBlob(QByteArrayView id) const
{
    // Not fsynced: if a crash undoes the unlink, the startup sweep removes the orphan.
    const QByteArray path = blobPath(id).toLocal8Bit();
    ::unlink(path.constData());
}

StoreError BlobDirectory::syncDirectory(const QString &path)
{
    const QByteArray native = path.toLocal8Bit();
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return StoreError::fromErrno(u"Opening the directory "_s + path, errno);
    StoreError error;
    if (::fsync(fd) != 0)
        error = StoreError::fromErrno(u"Syncing the directory "_s + path, errno);
    ::close(fd);
    return error;
}

} // namespace coffer::server
