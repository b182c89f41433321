#pragma once
// Object listings: ListObjects (v1), ListObjectsV2 and ListObjectVersions pages.
// Keys are always the decoded keys; the XML layer undoes encoding-type=url.

#include "s3/model/common.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::s3 {

struct ObjectEntry {
    QString key;
    QDateTime lastModified; // UTC
    QString etag;           // with the double quotes, as S3 sends it
    qint64 size = 0;
    QString storageClass;   // e.g. STANDARD, STANDARD_IA; empty when not sent
    std::optional<Owner> owner;
    QStringList checksumAlgorithms; // e.g. CRC32, CRC64NVME
    QString checksumType;           // COMPOSITE or FULL_OBJECT, empty when not sent
    bool operator==(const ObjectEntry &) const = default;
};

// Which listing call a page answers; both use the ListBucketResult element.
enum class ListObjectsApi { V1, V2 };

struct ListObjectsPage {
    ListObjectsApi api = ListObjectsApi::V2;
    QString name; // the bucket
    QString prefix;
    QString delimiter;
    std::optional<int> maxKeys;
    bool isTruncated = false;
    // v2
    QString continuationToken;
    QString nextContinuationToken;
    QString startAfter;
    std::optional<int> keyCount;
    // v1
    QString marker;
    QString nextMarker;

    QStringList commonPrefixes;
    QList<ObjectEntry> objects;
    KeyEncoding encodingType = KeyEncoding::None;
    bool operator==(const ListObjectsPage &) const = default;
};

// A <Version> or a <DeleteMarker> of ListVersionsResult, in document order.
struct ObjectVersionEntry {
    bool isDeleteMarker = false;
    QString key;
    QString versionId; // "null" for objects written while versioning was off
    bool isLatest = false;
    QDateTime lastModified;
    QString etag; // versions only
    qint64 size = 0;
    QString storageClass;
    std::optional<Owner> owner;
    QStringList checksumAlgorithms;
    QString checksumType;
    bool operator==(const ObjectVersionEntry &) const = default;
};

struct ListVersionsPage {
    QString name;
    QString prefix;
    QString delimiter;
    QString keyMarker;
    QString versionIdMarker;
    QString nextKeyMarker;
    QString nextVersionIdMarker;
    std::optional<int> maxKeys;
    bool isTruncated = false;
    QList<ObjectVersionEntry> entries; // versions and delete markers interleaved, key order
    QStringList commonPrefixes;
    KeyEncoding encodingType = KeyEncoding::None;
    bool operator==(const ListVersionsPage &) const = default;
};

} // namespace coffer::s3
