#include "part_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace coffer::transfer {

namespace {

bool syncHandle(int handle)
{
#ifdef Q_OS_UNIX
    return ::fsync(handle) == 0;
#else
    Q_UNUSED(handle);
    return true;
#endif
}

void syncDirectory(const QString &directory)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(directory);
#endif
}

} // namespace

QString partPathFor(const QString &destination)
{
    return destination + u".part"_s;
}

QString preparePartFile(const QString &partPath, qint64 size)
{
    const QString folder = QFileInfo(partPath).absolutePath();
    if (!QDir().mkpath(folder))
        return u"The folder %1 could not be created; check that you may write there."_s.arg(folder);
    QFile file(partPath);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Truncate))
        return u"%1 could not be created (%2)."_s.arg(partPath, file.errorString());
    if (!file.resize(size))
        return u"%1 could not be sized to %2 bytes (%3); is the disk full?"_s.arg(partPath).arg(size).arg(file.errorString());
    return {};
}

QString finalizePartFile(const QString &partPath, const QString &destination, const QDateTime &lastModified)
{
    QFile file(partPath);
    if (!file.open(QIODevice::ReadWrite | QIODevice::ExistingOnly))
        return u"%1 could not be opened to finish the download (%2)."_s.arg(partPath, file.errorString());
    if (lastModified.isValid())
        file.setFileTime(lastModified, QFileDevice::FileModificationTime);
    if (!file.flush() || !syncHandle(file.handle()))
        return u"%1 could not be flushed to disk; is the disk full or removed?"_s.arg(partPath);
    file.close();
    std::error_code error;
    // std::filesystem::rename replaces an existing destination atomically (QFile::rename
    // refuses to).
    std::filesystem::rename(std::filesystem::path(QFile::encodeName(partPath).toStdString()),
                            std::filesystem::path(QFile::encodeName(destination).toStdString()), error);
    if (error) {
        return u"%1 could not be renamed to %2 (%3)."_s.arg(partPath, destination,
                                                          QString::fromLocal8Bit(error.message()));
    }
    syncDirectory(QFileInfo(destination).absolutePath());
    return {};
}

} // namespace coffer::transfer
