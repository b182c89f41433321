#pragma once
// How an object's bytes are laid out: inline in its index row, or one blob file per
// segment (a plain PUT has one segment, a multipart object one per part, in order).
// Segments are stored in the row as a compact binary list; metadata as a QDataStream.

#include "server/store/store_types.h"

#include <QByteArray>
#include <QList>

namespace coffer::server {

struct Segment {
    QByteArray blobId; // 16 raw bytes
    qint64 size = 0;
};

QByteArray encodeSegments(const QList<Segment> &segments);
QList<Segment> decodeSegments(const QByteArray &encoded);

QByteArray encodeMetadata(const ObjectMetadata &metadata);
ObjectMetadata decodeMetadata(const QByteArray &encoded);

} // namespace coffer::server
