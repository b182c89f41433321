#include "server/store/object_layout.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

namespace coffer::server {

QString *checksumSlot(s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm)
{
    using A = s3::ChecksumAlgorithm;
    switch (algorithm) {
    case A::Crc32: return &checksums.crc32;
    case A::Crc32c: return &checksums.crc32c;
    case A::Crc64Nvme: return &checksums.crc64nvme;
    case A::Sha1: return &checksums.sha1;
    case A::Sha256: return &checksums.sha256;
    case A::Md5: return nullptr;
    }
    return nullptr;
}

const QString *checksumSlot(const s3::Checksums &checksums, s3::ChecksumAlgorithm algorithm)
{
    return checksumSlot(const_cast<s3::Checksums &>(checksums), algorithm);
}

namespace {
constexpr qsizetype kSegmentBytes = 16 + 8;
}

QByteArray encodeSegments(const QList<Segment> &segments)
{
    QByteArray out;
    out.reserve(segments.size() * kSegmentBytes);
    for (const Segment &s : segments) {
        out += s.blobId;
        char size[8];
        qToBigEndian(quint64(s.size), size);
        out.append(size, 8);
    }
    return out;
}

QList<Segment> decodeSegments(const QByteArray &encoded)
{
    QList<Segment> segments;
    for (qsizetype at = 0; at + kSegmentBytes <= encoded.size(); at += kSegmentBytes) {
        segments.append({encoded.mid(at, 16),
                         qint64(qFromBigEndian<quint64>(encoded.constData() + at + 16))});
    }
    return segments;
}

QByteArray encodeMetadata(const ObjectMetadata &m)
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_5);
    stream << quint8(1) << m.contentType << m.contentEncoding << m.contentDisposition
           << m.contentLanguage << m.cacheControl << m.expires << m.websiteRedirectLocation
           << m.storageClass << m.userMetadata;
    return out;
}

ObjectMetadata decodeMetadata(const QByteArray &encoded)
{
    ObjectMetadata m;
    if (encoded.isEmpty())
        return m;
    QDataStream stream(encoded);
    stream.setVersion(QDataStream::Qt_6_5);
    quint8 version = 0;
    stream >> version;
    stream >> m.contentType >> m.contentEncoding >> m.contentDisposition >> m.contentLanguage
        >> m.cacheControl >> m.expires >> m.websiteRedirectLocation >> m.storageClass
        >> m.userMetadata;
    return m;
}

} // namespace coffer::server
