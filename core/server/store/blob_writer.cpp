#include "server/store/blob_writer.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::server {

namespace {

std::atomic<qint64> g_spaceLimit{-1};

// Takes bytes from the injected space budget; false when it is exhausted.
bool takeInjectedSpace(qint64 bytes)
{
    qint64 left = g_spaceLimit.load();
    while (left >= 0) {
        if (left < bytes)
            return false;
        if (g_spaceLimit.compare_exchange_weak(left, left - bytes))
            return true;
    }
    return true;
}

// A discarded file gives its space back, as on a real filesystem.
void returnInjectedSpace(qint64 bytes)
{
    if (bytes > 0 && g_spaceLimit.load() >= 0)
        g_spaceLimit.fetch_add(bytes);
}

} // namespace

void BlobWriter::setSpaceLimitForTesting(qint64 bytes)
{
    g_spaceLimit.store(bytes);
}

BlobWriter::BlobWriter(const BlobDirectory &directory) : m_directory(directory) {}

BlobWriter::~BlobWriter()
{
    discard();
}

StoreError BlobWriter::open()
{
    const QByteArray id = BlobDirectory::newId().toHex();
    m_tmpPath = (m_directory.tmpDir() + u'/').toLocal8Bit() + id + ".part";
    m_fd = ::open(m_tmpPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        const int err = errno;
        m_tmpPath.clear();
        return StoreError::fromErrno(u"Creating a temporary file for the object"_s, err);
    }
    return {};
}

StoreError BlobWriter::write(QByteArrayView data)
{
    if (m_fd < 0)
        return StoreError::io(u"Writing an object body after it was closed"_s);
    if (!takeInjectedSpace(data.size()))
        return fail(u"Writing the object body"_s, ENOSPC);
    m_injected += data.size();
    const char *p = data.data();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, size_t(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(u"Writing the object body"_s, errno);
        }
        p += n;
        left -= n;
        m_size += n;
    }
    return {};
}

StoreResult<QByteArray> BlobWriter::commit()
{
    if (m_fd < 0)
        return StoreError::io(u"Committing an object body that was not written"_s);
    if (::fsync(m_fd) != 0)
        return fail(u"Syncing the object body to disk"_s, errno);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        return fail(u"Closing the object body"_s, errno);
    }
    m_fd = -1;
    const QByteArray id = BlobDirectory::newId();
    const QByteArray target = m_directory.blobPath(id).toLocal8Bit();
    if (::rename(m_tmpPath.constData(), target.constData()) != 0)
        return fail(u"Moving the object body into place"_s, errno);
    m_tmpPath.clear();
    m_injected = 0; // kept: the blob now exists
    if (StoreError error = BlobDirectory::syncDirectory(m_directory.fanoutDir(id));
        error.isError()) {
        ::unlink(target.constData());
        return error;
    }
    return id;
}

void BlobWriter::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_tmpPath.isEmpty()) {
        ::unlink(m_tmpPath.constData());
        m_tmpPath.clear();
        returnInjectedSpace(m_injected);
        m_injected = 0;
    }
}

StoreError BlobWriter::fail(const QString &what, int sysErrno)
{
    discard();
    return StoreError::fromErrno(what, sysErrno);
}

} // namespace coffer::server
