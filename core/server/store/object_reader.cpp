#include "server/store/object_reader.h"

#include <cerrno>

using namespace Qt::StringLiterals;

namespace coffer::server {

ObjectReader::ObjectReader(QByteArray inlineData, QList<File> files, qint64 offset,
                           qint64 length, std::shared_ptr<void> pin)
    : m_inline(std::move(inlineData)),
      m_files(std::move(files)),
      m_offset(offset),
      m_length(length),
      m_pin(std::move(pin))
{
}

void ObjectReader::narrow(qint64 first, qint64 length)
{
    Q_ASSERT(m_done == 0 && first >= 0 && length >= 0 && first + length <= m_length);
    m_offset += first;
    m_length = length;
}

StoreResult<QByteArray> ObjectReader::read(qint64 maxBytes)
{
    const qint64 want = qMin(maxBytes, remaining());
    if (want <= 0)
        return QByteArray();
    const qint64 position = m_offset + m_done;
    if (m_files.isEmpty()) {
        m_done += want;
        return m_inline.mid(position, want);
    }
    // Find the segment holding `position`.
    qint64 start = 0;
    int index = 0;
    while (index < m_files.size() && start + m_files[index].size <= position) {
        start += m_files[index].size;
        ++index;
    }
    if (index >= m_files.size())
        return StoreError::io(u"The object is shorter than its index says"_s);
    const File &file = m_files[index];
    if (m_fileIndex != index) {
        m_file.close();
        m_file.setFileName(file.path);
        if (!m_file.open(QIODevice::ReadOnly)) {
            return StoreError::fromErrno(u"Opening the object's data file "_s + file.path,
                                         errno ? errno : EIO);
        }
        m_fileIndex = index;
    }
    const qint64 within = position - start;
    const qint64 chunk = qMin(want, file.size - within);
    if (m_file.pos() != within && !m_file.seek(within))
        return StoreError::io(u"Seeking in the object's data file failed: "_s + m_file.errorString());
    QByteArray data = m_file.read(chunk);
    if (data.size() != chunk) {
        return StoreError::io(u"Reading the object's data file "_s + file.path + u" failed: "_s
                              + (data.isEmpty() && m_file.error() == QFileDevice::NoError
                                     ? u"it is shorter than its index says"_s
                                     : m_file.errorString()));
    }
    m_done += chunk;
    return data;
}

StoreResult<QByteArray> ObjectReader::readAll()
{
    QByteArray all;
    while (!atEnd()) {
        StoreResult<QByteArray> chunk = read();
        if (!chunk.ok())
            return chunk.error();
        all += chunk.value();
    }
    return all;
}

} // namespace coffer::server
