#pragma once
// Streams a byte range of one object: from the inline bytes of its row, or from its blob
// files in segment order (a multipart object reads through its parts). Holds at most one
// file open and one chunk in memory. While it lives, the object's blobs are pinned: a
// concurrent replace or delete removes their files only after the reader is gone.

#include "server/store/store_error.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <memory>

namespace coffer::server {

class ObjectReader
{
public:
    struct File {
        QString path;
        qint64 size = 0;
    };

    // Bytes [offset, offset + length) of the object made of inlineData or files.
    ObjectReader(QByteArray inlineData, QList<File> files, qint64 offset, qint64 length,
                 std::shared_ptr<void> pin);
    ObjectReader(const ObjectReader &) = delete;
    ObjectReader &operator=(const ObjectReader &) = delete;

    qint64 length() const { return m_length; }
    qint64 remaining() const { return m_length - m_done; }
    bool atEnd() const { return m_done >= m_length; }

    // Before the first read: serve only bytes [first, first + length) of the range, so a
    // caller can read the row once and decide the range from it (conditions, Range header).
    void narrow(qint64 first, qint64 length);

    // Up to maxBytes of the range; an empty array at the end.
    StoreResult<QByteArray> read(qint64 maxBytes = 256 * 1024);
    // The whole remaining range (for tests and small objects).
    StoreResult<QByteArray> readAll();

private:
    QByteArray m_inline;
    QList<File> m_files;
    qint64 m_offset;
    qint64 m_length;
    qint64 m_done = 0;
    int m_fileIndex = -1; // which of m_files is open in m_file
    QFile m_file;
    std::shared_ptr<void> m_pin;
};

} // namespace coffer::server
