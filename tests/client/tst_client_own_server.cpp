// S3Client against Coffer's own embedded server, in-process on a loopback port: every
// client call, once per server mode (R2 and S3) where the two behave differently. Real
// bytes go up and come back; ETags are compared with MD5s computed here, checksums with
// the checksums computed here, presigned URLs are fetched by a plain QNetworkAccessManager.
#include "own_server.h"

#include <QTest>

using namespace coffer::client;
using namespace coffer::client::testing;
namespace s3 = coffer::s3;
using s3::S3Error;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(coffer::s3::ChecksumAlgorithm)

class TestClientOwnServer : public OwnServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServers(); }
    void cleanupTestCase() { stopServers(); }

    void buckets_data() { modes(); }
    void buckets()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        QStringList names;
        for (int i = 1; i <= 5; ++i)
            names.append(u"pages-%1"_s.arg(i));
        for (const QString &name : names) {
            const auto created = finish(c.createBucket(name, r2 && name == names.first() ? u"weur"_s : QString()));
            QVERIFY2(created.ok(), qPrintable(created.error().userMessage()));
        }
        const auto again = finish(c.createBucket(names.first()));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().httpStatus, 409);
        QCOMPARE(again.error().code, u"BucketAlreadyOwnedByYou"_s);

        // Paged two at a time (R2: cf-* headers, S3: query parameters).
        QStringList listed;
        QString token;
        int pages = 0;
        do {
            const auto page = finish(c.listBuckets({.prefix = u"pages-"_s, .continuationToken = token, .maxKeys = 2}));
            QVERIFY2(page.ok(), qPrintable(page.error().userMessage()));
            QVERIFY(page->buckets.size() <= 2);
            for (const auto &bucket : page->buckets) {
                listed.append(bucket.name);
                QVERIFY(bucket.creationDate.isValid());
            }
            token = page->continuationToken;
            QVERIFY(++pages <= 5);
        } while (!token.isEmpty());
        QCOMPARE(listed, names);
        QCOMPARE(pages, 3);

        if (r2) {
            const auto after = finish(c.listBuckets({.prefix = u"pages-"_s, .startAfter = u"pages-3"_s}));
            QVERIFY2(after.ok(), qPrintable(after.error().userMessage()));
            QStringList rest;
            for (const auto &bucket : after->buckets)
                rest.append(bucket.name);
            QCOMPARE(rest, names.mid(3));
        }

        const auto head = finish(c.headBucket(names.first()));
        QVERIFY2(head.ok(), qPrintable(head.error().userMessage()));
        QCOMPARE(head->region, r2 ? u"auto"_s : u"us-east-1"_s);
        const auto location = finish(c.getBucketLocation(names.first()));
        QVERIFY2(location.ok(), qPrintable(location.error().userMessage()));
        // S3 reports us-east-1 as the empty constraint.
        QCOMPARE(location->locationConstraint, r2 ? u"auto"_s : QString());

        QVERIFY(upload(c, names.first(), u"keeps-it"_s, "x").ok());
        const auto notEmpty = finish(c.deleteBucket(names.first()));
        QCOMPARE(notEmpty.error().code, u"BucketNotEmpty"_s);
        QCOMPARE(notEmpty.error().httpStatus, 409);
        QVERIFY(finish(c.deleteObject({.bucket = names.first(), .key = u"keeps-it"_s})).ok());
        for (const QString &name : names) {
            const auto deleted = finish(c.deleteBucket(name));
            QVERIFY2(deleted.ok(), qPrintable(deleted.error().userMessage()));
        }
        const auto gone = finish(c.headBucket(names.first()));
        QCOMPARE(gone.error().httpStatus, 404);
        const auto missingLocation = finish(c.getBucketLocation(names.first()));
        QCOMPARE(missingLocation.error().code, u"NoSuchBucket"_s);
    }

    void listings_data() { modes(); }
    void listings()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"listing"_s;
        QVERIFY(makeBucket(c, bucket));
        const QStringList keys = {u"a"_s, u"a/b"_s, u"dir/one"_s, u"dir/two"_s, u"dir/sub/three"_s,
                                  u"dir/sub/four"_s, u"z"_s, u"sp ace+plus"_s, u"\u00e9t\u00e9/x"_s, u"a//b"_s};
        QHash<QString, QByteArray> contents;
        for (const QString &key : keys) {
            contents[key] = randomBytes(100 + key.size(), qHash(key));
            const auto put = upload(c, bucket, key, contents[key]);
            QVERIFY2(put.ok(), qPrintable(put.error().userMessage()));
        }
        QStringList sorted = keys;
        std::sort(sorted.begin(), sorted.end(), [](const QString &x, const QString &y) { return x.toUtf8() < y.toUtf8(); });

        const auto folder = finish(c.listObjectsV2({.bucket = bucket, .prefix = u"dir/"_s, .delimiter = u"/"_s}));
        QVERIFY2(folder.ok(), qPrintable(folder.error().userMessage()));
        QStringList folderKeys;
        for (const auto &object : folder->objects) {
            folderKeys.append(object.key);
            QCOMPARE(object.etag, md5Etag(contents[object.key]));
            QCOMPARE(object.size, contents[object.key].size());
            QVERIFY(object.lastModified.isValid());
        }
        QCOMPARE(folderKeys, (QStringList{u"dir/one"_s, u"dir/two"_s}));
        QCOMPARE(folder->commonPrefixes, QStringList{u"dir/sub/"_s});
        QVERIFY(!folder->isTruncated);

        const auto root = finish(c.listObjectsV2({.bucket = bucket, .delimiter = u"/"_s}));
        QVERIFY2(root.ok(), qPrintable(root.error().userMessage()));
        QStringList rootKeys;
        for (const auto &object : root->objects)
            rootKeys.append(object.key);
        QCOMPARE(rootKeys, (QStringList{u"a"_s, u"sp ace+plus"_s, u"z"_s}));
        QCOMPARE(root->commonPrefixes, (QStringList{u"a/"_s, u"dir/"_s, u"\u00e9t\u00e9/"_s}));

        // Two at a time through continuation tokens: every key once, in byte order.
        QStringList walked;
        QString token;
        int pages = 0;
        do {
            const auto page = finish(c.listObjectsV2({.bucket = bucket, .continuationToken = token, .maxKeys = 2}));
            QVERIFY2(page.ok(), qPrintable(page.error().userMessage()));
            QVERIFY(page->objects.size() <= 2);
            for (const auto &object : page->objects)
                walked.append(object.key);
            token = page->isTruncated ? page->nextContinuationToken : QString();
            QVERIFY(++pages <= keys.size());
        } while (!token.isEmpty());
        QCOMPARE(walked, sorted);
        QCOMPARE(pages, int((keys.size() + 1) / 2));

        const auto after = finish(c.listObjectsV2({.bucket = bucket, .startAfter = u"dir/sub/three"_s}));
        QVERIFY2(after.ok(), qPrintable(after.error().userMessage()));
        QStringList afterKeys;
        for (const auto &object : after->objects)
            afterKeys.append(object.key);
        QCOMPARE(afterKeys, sorted.mid(sorted.indexOf(u"dir/sub/three"_s) + 1));

        const auto owned = finish(c.listObjectsV2({.bucket = bucket, .prefix = u"z"_s, .fetchOwner = true}));
        QVERIFY2(owned.ok(), qPrintable(owned.error().userMessage()));
        QCOMPARE(owned->objects.size(), 1);
        QVERIFY(owned->objects.first().owner.has_value());
        QVERIFY(!owned->objects.first().owner->id.isEmpty());

        // Versions: an unversioned bucket lists each object once with VersionId "null".
        QStringList versioned;
        QString keyMarker;
        pages = 0;
        for (;;) {
            const auto page = finish(c.listObjectVersions({.bucket = bucket, .prefix = u"dir/"_s,
                                                           .keyMarker = keyMarker, .maxKeys = 3}));
            QVERIFY2(page.ok(), qPrintable(page.error().userMessage()));
            for (const auto &entry : page->entries) {
                QVERIFY(!entry.isDeleteMarker);
                QCOMPARE(entry.versionId, u"null"_s);
                QVERIFY(entry.isLatest);
                QCOMPARE(entry.etag, md5Etag(contents[entry.key]));
                QCOMPARE(entry.size, contents[entry.key].size());
                versioned.append(entry.key);
            }
            ++pages;
            if (!page->isTruncated)
                break;
            QVERIFY(!page->nextKeyMarker.isEmpty());
            keyMarker = page->nextKeyMarker;
            QVERIFY(pages < 10);
        }
        QCOMPARE(versioned, (QStringList{u"dir/one"_s, u"dir/sub/four"_s, u"dir/sub/three"_s, u"dir/two"_s}));
        QCOMPARE(pages, 2);
    }

    void objects_data() { modes(); }
    void objects()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"objects"_s;
        QVERIFY(makeBucket(c, bucket));
        const QString key = u"docs/r\u00e9sum\u00e9 & co+1.bin"_s;
        const QByteArray data = randomBytes(10000, 23);

        PutObjectParams params;
        params.attributes.contentType = u"application/x-coffer"_s;
        params.attributes.cacheControl = u"max-age=60"_s;
        params.attributes.contentDisposition = u"attachment; filename=\"cv.bin\""_s;
        params.attributes.contentEncoding = u"identity"_s;
        params.attributes.contentLanguage = u"fr"_s;
        params.attributes.metadata = {{u"origin"_s, u"coffer test"_s}, {u"colour"_s, u"blue"_s}};
        params.attributes.storageClass = u"STANDARD_IA"_s;
        const auto put = upload(c, bucket, key, data, params);
        QVERIFY2(put.ok(), qPrintable(put.error().userMessage()));
        QCOMPARE(put->etag, md5Etag(data));

        const auto head = finish(c.headObject({.bucket = bucket, .key = key}));
        QVERIFY2(head.ok(), qPrintable(head.error().userMessage()));
        QCOMPARE(head->contentLength, data.size());
        QCOMPARE(head->etag, put->etag);
        QCOMPARE(head->contentType, params.attributes.contentType);
        QCOMPARE(head->cacheControl, params.attributes.cacheControl);
        QCOMPARE(head->contentDisposition, params.attributes.contentDisposition);
        QCOMPARE(head->contentEncoding, params.attributes.contentEncoding);
        QCOMPARE(head->contentLanguage, params.attributes.contentLanguage);
        QCOMPARE(head->storageClass, u"STANDARD_IA"_s);
        QVERIFY(head->lastModified.isValid());
        MetadataList metadata = head->metadata;
        std::sort(metadata.begin(), metadata.end());
        QCOMPARE(metadata, (MetadataList{{u"colour"_s, u"blue"_s}, {u"origin"_s, u"coffer test"_s}}));

        ObjectHead got;
        QCOMPARE(download(c, {.bucket = bucket, .key = key}, nullptr, &got), std::optional<QByteArray>(data));
        QCOMPARE(got.etag, put->etag);
        QCOMPARE(got.contentLength, data.size());

        // Ranges: closed, open-ended, suffix; one past the end is 416.
        ObjectHead ranged;
        QCOMPARE(download(c, {.bucket = bucket, .key = key, .range = ByteRange{100, 1099, {}}}, nullptr, &ranged),
                 std::optional<QByteArray>(data.mid(100, 1000)));
        QCOMPARE(ranged.contentRange, u"bytes 100-1099/10000"_s);
        QCOMPARE(ranged.contentLength, 1000);
        QCOMPARE(ranged.objectSize(), data.size());
        QVERIFY(ranged.checksums.isEmpty());
        QCOMPARE(download(c, {.bucket = bucket, .key = key, .range = ByteRange{9990, {}, {}}}),
                 std::optional<QByteArray>(data.mid(9990)));
        QCOMPARE(download(c, {.bucket = bucket, .key = key, .range = ByteRange{0, {}, 500}}),
                 std::optional<QByteArray>(data.right(500)));
        S3Error error;
        QVERIFY(!download(c, {.bucket = bucket, .key = key, .range = ByteRange{20000, {}, {}}}, &error));
        QCOMPARE(error.httpStatus, 416);
        QCOMPARE(error.code, u"InvalidRange"_s);

        // Conditional GET and HEAD.
        const QDateTime past = QDateTime::currentDateTimeUtc().addDays(-1);
        const QDateTime future = QDateTime::currentDateTimeUtc().addDays(1);
        QCOMPARE(download(c, {.bucket = bucket, .key = key, .conditions = {.ifMatch = put->etag}}),
                 std::optional<QByteArray>(data));
        QVERIFY(!download(c, {.bucket = bucket, .key = key, .conditions = {.ifMatch = u"\"0000\""_s}}, &error));
        QCOMPARE(error.httpStatus, 412);
        QCOMPARE(error.code, u"PreconditionFailed"_s);
        QVERIFY(!download(c, {.bucket = bucket, .key = key, .conditions = {.ifNoneMatch = put->etag}}, &error));
        QCOMPARE(error.httpStatus, 304);
        QVERIFY(!download(c, {.bucket = bucket, .key = key, .conditions = {.ifModifiedSince = future}}, &error));
        QCOMPARE(error.httpStatus, 304);
        QVERIFY(!download(c, {.bucket = bucket, .key = key, .conditions = {.ifUnmodifiedSince = past}}, &error));
        QCOMPARE(error.httpStatus, 412);
        QVERIFY(finish(c.headObject({.bucket = bucket, .key = key, .conditions = {.ifModifiedSince = past}})).ok());
        const auto headMiss = finish(c.headObject({.bucket = bucket, .key = key, .conditions = {.ifMatch = u"\"00\""_s}}));
        QCOMPARE(headMiss.error().httpStatus, 412);

        // Conditional PUT: If-None-Match: * refuses an existing key, If-Match needs the ETag.
        PutObjectParams onlyNew;
        onlyNew.ifNoneMatchAny = true;
        const auto clash = upload(c, bucket, key, "other", onlyNew);
        QCOMPARE(clash.error().httpStatus, 412);
        QCOMPARE(clash.error().code, u"PreconditionFailed"_s);
        QVERIFY(upload(c, bucket, u"fresh"_s, "new", onlyNew).ok());
        PutObjectParams wrongMatch;
        wrongMatch.ifMatch = md5Etag("not this");
        QCOMPARE(upload(c, bucket, key, "other", wrongMatch).error().httpStatus, 412);
        PutObjectParams rightMatch;
        rightMatch.ifMatch = put->etag;
        const QByteArray replacement = randomBytes(777, 29);
        const auto replaced = upload(c, bucket, key, replacement, rightMatch);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error().userMessage()));
        QCOMPARE(replaced->etag, md5Etag(replacement));
        QCOMPARE(download(c, {.bucket = bucket, .key = key}), std::optional<QByteArray>(replacement));

        // Content-MD5 is verified when sent.
        PutObjectParams badMd5;
        badMd5.contentMd5Base64 = s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, "something else").toBase64();
        const auto refused = upload(c, bucket, u"bad-md5"_s, "payload", badMd5);
        QCOMPARE(refused.error().code, u"BadDigest"_s);
        PutObjectParams goodMd5;
        goodMd5.contentMd5Base64 = s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, "payload").toBase64();
        QVERIFY(upload(c, bucket, u"good-md5"_s, "payload", goodMd5).ok());

        QVERIFY(finish(c.deleteObject({.bucket = bucket, .key = key})).ok());
        const auto gone = finish(c.headObject({.bucket = bucket, .key = key}));
        QCOMPARE(gone.error().httpStatus, 404);
        QVERIFY(!download(c, {.bucket = bucket, .key = key}, &error));
        QCOMPARE(error.code, u"NoSuchKey"_s);
        // Deleting what is not there succeeds, as on S3.
        QVERIFY(finish(c.deleteObject({.bucket = bucket, .key = key})).ok());
    }

    void checksums_data()
    {
        QTest::addColumn<bool>("r2");
        QTest::addColumn<s3::ChecksumAlgorithm>("algorithm");
        for (const bool r2 : {true, false}) {
            for (const auto algorithm : {s3::ChecksumAlgorithm::Crc32, s3::ChecksumAlgorithm::Crc32c,
                                         s3::ChecksumAlgorithm::Crc64Nvme, s3::ChecksumAlgorithm::Sha1,
                                         s3::ChecksumAlgorithm::Sha256}) {
                QTest::addRow("%s %s", r2 ? "r2" : "s3", s3::checksumAlgorithmName(algorithm).constData())
                    << r2 << algorithm;
            }
        }
    }
    void checksums()
    {
        QFETCH(bool, r2);
        QFETCH(s3::ChecksumAlgorithm, algorithm);
        S3Client &c = client(r2);
        const QString bucket = u"checksums"_s;
        if (!finish(c.headBucket(bucket)).ok())
            QVERIFY(makeBucket(c, bucket));
        const QByteArray data = randomBytes(3000, quint32(algorithm) + 31);
        const QByteArray expected = s3::Checksum::hash(algorithm, data).toBase64();
        const QString key = QString::fromLatin1(s3::checksumAlgorithmName(algorithm));

        PutObjectParams params;
        params.checksumAlgorithm = algorithm;
        params.checksumBase64 = expected;
        const auto put = upload(c, bucket, key, data, params);
        QVERIFY2(put.ok(), qPrintable(put.error().userMessage()));
        const auto pick = [algorithm](const s3::Checksums &sums) -> QString {
            switch (algorithm) {
            case s3::ChecksumAlgorithm::Crc32: return sums.crc32;
            case s3::ChecksumAlgorithm::Crc32c: return sums.crc32c;
            case s3::ChecksumAlgorithm::Crc64Nvme: return sums.crc64nvme;
            case s3::ChecksumAlgorithm::Sha1: return sums.sha1;
            default: return sums.sha256;
            }
        };
        QCOMPARE(pick(put->checksums), QString::fromLatin1(expected));
        const auto head = finish(c.headObject({.bucket = bucket, .key = key}));
        QVERIFY2(head.ok(), qPrintable(head.error().userMessage()));
        QCOMPARE(pick(head->checksums), QString::fromLatin1(expected));
        ObjectHead got;
        QCOMPARE(download(c, {.bucket = bucket, .key = key}, nullptr, &got), std::optional<QByteArray>(data));
        QCOMPARE(pick(got.checksums), QString::fromLatin1(expected));

        // A checksum of other bytes is refused and nothing is stored.
        params.checksumBase64 = s3::Checksum::hash(algorithm, "other bytes").toBase64();
        const auto refused = upload(c, bucket, key + u"-bad"_s, data, params);
        QCOMPARE(refused.error().code, u"BadDigest"_s);
        QCOMPARE(finish(c.headObject({.bucket = bucket, .key = key + u"-bad"_s})).error().httpStatus, 404);
    }

    void copies_data() { modes(); }
    void copies()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"copies"_s;
        QVERIFY(makeBucket(c, bucket));
        const QString source = u"from/s\u00f6urce +1.bin"_s;
        const QByteArray data = randomBytes(6000, 37);
        PutObjectParams params;
        params.attributes.contentType = u"text/x-source"_s;
        params.attributes.metadata = {{u"kept"_s, u"yes"_s}};
        QVERIFY(upload(c, bucket, source, data, params).ok());

        const auto copied = finish(c.copyObject({.source = {bucket, source, {}}, .bucket = bucket, .key = u"to/copy"_s}));
        QVERIFY2(copied.ok(), qPrintable(copied.error().userMessage()));
        QCOMPARE(copied->etag, md5Etag(data));
        QVERIFY(copied->lastModified.isValid());
        QCOMPARE(download(c, {.bucket = bucket, .key = u"to/copy"_s}), std::optional<QByteArray>(data));
        const auto copyHead = finish(c.headObject({.bucket = bucket, .key = u"to/copy"_s}));
        QCOMPARE(copyHead->contentType, u"text/x-source"_s);
        QCOMPARE(copyHead->metadata, (MetadataList{{u"kept"_s, u"yes"_s}}));

        CopyObjectParams replace{.source = {bucket, source, {}}, .bucket = bucket, .key = u"to/replaced"_s,
                                 .directive = MetadataDirective::Replace};
        replace.attributes.contentType = u"text/x-replaced"_s;
        replace.attributes.metadata = {{u"fresh"_s, u"1"_s}};
        QVERIFY(finish(c.copyObject(replace)).ok());
        const auto replacedHead = finish(c.headObject({.bucket = bucket, .key = u"to/replaced"_s}));
        QCOMPARE(replacedHead->contentType, u"text/x-replaced"_s);
        QCOMPARE(replacedHead->metadata, (MetadataList{{u"fresh"_s, u"1"_s}}));
        QCOMPARE(replacedHead->etag, md5Etag(data));

        if (r2) {
            CopyObjectParams merge{.source = {bucket, source, {}}, .bucket = bucket, .key = u"to/merged"_s,
                                   .directive = MetadataDirective::Merge};
            merge.attributes.metadata = {{u"added"_s, u"2"_s}};
            const auto merged = finish(c.copyObject(merge));
            QVERIFY2(merged.ok(), qPrintable(merged.error().userMessage()));
            MetadataList mergedMetadata = finish(c.headObject({.bucket = bucket, .key = u"to/merged"_s}))->metadata;
            std::sort(mergedMetadata.begin(), mergedMetadata.end());
            QCOMPARE(mergedMetadata, (MetadataList{{u"added"_s, u"2"_s}, {u"kept"_s, u"yes"_s}}));
        }

        const auto stale = finish(c.copyObject({.source = {bucket, source, {}}, .bucket = bucket, .key = u"to/never"_s,
                                                .sourceConditions = {.ifMatch = md5Etag("old")}}));
        QCOMPARE(stale.error().httpStatus, 412);
        QCOMPARE(finish(c.headObject({.bucket = bucket, .key = u"to/never"_s})).error().httpStatus, 404);
        const auto missing = finish(c.copyObject({.source = {bucket, u"absent"_s, {}}, .bucket = bucket,
                                                  .key = u"to/never"_s}));
        QCOMPARE(missing.error().code, u"NoSuchKey"_s);
    }

    void deleteObjects_data()
    {
        QTest::addColumn<bool>("r2");
        QTest::addColumn<bool>("quiet");
        QTest::newRow("r2 verbose") << true << false;
        QTest::newRow("r2 quiet") << true << true;
        QTest::newRow("s3 verbose") << false << false;
        QTest::newRow("s3 quiet") << false << true;
    }
    void deleteObjects()
    {
        QFETCH(bool, r2);
        QFETCH(bool, quiet);
        S3Client &c = client(r2);
        const QString bucket = quiet ? u"bulk-quiet"_s : u"bulk-verbose"_s;
        QVERIFY(makeBucket(c, bucket));
        DeleteObjectsParams params{.bucket = bucket, .quiet = quiet};
        QStringList keys;
        for (int i = 0; i < 6; ++i) {
            const QString key = u"bulk/%1 a+b &\u00e9"_s.arg(i);
            QVERIFY(upload(c, bucket, key, QByteArray::number(i)).ok());
            params.objects.append({key, {}});
            keys.append(key);
        }
        QVERIFY(upload(c, bucket, u"bulk/stays"_s, "s").ok());
        params.objects.append({u"bulk/never-existed"_s, {}});
        keys.append(u"bulk/never-existed"_s);
        const auto result = finish(c.deleteObjects(params));
        QVERIFY2(result.ok(), qPrintable(result.error().userMessage()));
        QCOMPARE(result->errors.size(), 0);
        if (quiet) {
            QCOMPARE(result->deleted.size(), 0);
        } else {
            QStringList deleted;
            for (const auto &entry : result->deleted)
                deleted.append(entry.key);
            deleted.sort();
            keys.sort();
            QCOMPARE(deleted, keys);
        }
        const auto left = finish(c.listObjectsV2({.bucket = bucket, .prefix = u"bulk/"_s}));
        QVERIFY(left.ok());
        QCOMPARE(left->objects.size(), 1);
        QCOMPARE(left->objects.first().key, u"bulk/stays"_s);
    }

    void multipart_data() { modes(); }
    void multipart()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"multipart"_s;
        QVERIFY(makeBucket(c, bucket));
        const QString key = u"big/\u00e9 file+1.bin"_s;
        const QByteArray source = randomBytes(6 * kMiB, 41);
        QVERIFY(upload(c, bucket, u"copy-source"_s, source).ok());
        const QByteArray first = randomBytes(5 * kMiB, 43);
        const QByteArray tail = randomBytes(1234, 47);

        CreateMultipartUploadParams create{.bucket = bucket, .key = key};
        create.attributes.contentType = u"application/x-parts"_s;
        create.attributes.metadata = {{u"made-by"_s, u"parts"_s}};
        const auto created = finish(c.createMultipartUpload(create));
        QVERIFY2(created.ok(), qPrintable(created.error().userMessage()));
        QCOMPARE(created->key, key);
        QVERIFY(!created->uploadId.isEmpty());
        const QString uploadId = created->uploadId;

        const auto abandoned = finish(c.createMultipartUpload({.bucket = bucket, .key = u"big/abandoned"_s}));
        QVERIFY(abandoned.ok());

        QBuffer firstBody;
        firstBody.setData(first);
        firstBody.open(QIODevice::ReadOnly);
        const auto part1 = finish(c.uploadPart({.bucket = bucket, .key = key, .uploadId = uploadId, .partNumber = 1,
                                                .body = &firstBody, .size = first.size()}));
        QVERIFY2(part1.ok(), qPrintable(part1.error().userMessage()));
        QCOMPARE(part1->etag, md5Etag(first));
        // Part 2 copies 5 MiB out of another object, starting 1 MiB in.
        const auto part2 = finish(c.uploadPartCopy({.source = {bucket, u"copy-source"_s, {}}, .bucket = bucket,
                                                    .key = key, .uploadId = uploadId, .partNumber = 2,
                                                    .range = std::pair<qint64, qint64>(kMiB, 6 * kMiB - 1)}));
        QVERIFY2(part2.ok(), qPrintable(part2.error().userMessage()));
        const QByteArray second = source.mid(kMiB, 5 * kMiB);
        QCOMPARE(part2->etag, md5Etag(second));
        QBuffer tailBody;
        tailBody.setData(tail);
        tailBody.open(QIODevice::ReadOnly);
        const auto part3 = finish(c.uploadPart({.bucket = bucket, .key = key, .uploadId = uploadId, .partNumber = 3,
                                                .body = &tailBody, .size = tail.size()}));
        QVERIFY2(part3.ok(), qPrintable(part3.error().userMessage()));

        const auto parts = finish(c.listParts({.bucket = bucket, .key = key, .uploadId = uploadId}));
        QVERIFY2(parts.ok(), qPrintable(parts.error().userMessage()));
        QCOMPARE(parts->parts.size(), 3);
        QCOMPARE(parts->parts.at(0).size, first.size());
        QCOMPARE(parts->parts.at(1).size, second.size());
        QCOMPARE(parts->parts.at(2).size, tail.size());
        QCOMPARE(parts->parts.at(2).etag, md5Etag(tail));
        const auto firstTwo = finish(c.listParts({.bucket = bucket, .key = key, .uploadId = uploadId, .maxParts = 2}));
        QVERIFY(firstTwo.ok());
        QCOMPARE(firstTwo->parts.size(), 2);
        QVERIFY(firstTwo->isTruncated);
        QCOMPARE(firstTwo->nextPartNumberMarker, std::optional<int>(2));
        const auto rest = finish(c.listParts({.bucket = bucket, .key = key, .uploadId = uploadId, .partNumberMarker = 2}));
        QVERIFY(rest.ok());
        QCOMPARE(rest->parts.size(), 1);
        QCOMPARE(rest->parts.first().partNumber, 3);

        const auto uploads = finish(c.listMultipartUploads({.bucket = bucket, .prefix = u"big/"_s}));
        QVERIFY2(uploads.ok(), qPrintable(uploads.error().userMessage()));
        QStringList ids;
        for (const auto &entry : uploads->uploads)
            ids.append(entry.uploadId);
        ids.sort();
        QStringList expectedIds{uploadId, abandoned->uploadId};
        expectedIds.sort();
        QCOMPARE(ids, expectedIds);

        QVERIFY(finish(c.abortMultipartUpload({bucket, u"big/abandoned"_s, abandoned->uploadId})).ok());
        const auto afterAbort = finish(c.listParts({.bucket = bucket, .key = u"big/abandoned"_s,
                                                    .uploadId = abandoned->uploadId}));
        QCOMPARE(afterAbort.error().code, u"NoSuchUpload"_s);
        QCOMPARE(afterAbort.error().httpStatus, 404);

        const auto completed = finish(c.completeMultipartUpload(
            {.bucket = bucket, .key = key, .uploadId = uploadId,
             .parts = {{1, part1->etag, {}}, {2, part2->etag, {}}, {3, part3->etag, {}}}}));
        QVERIFY2(completed.ok(), qPrintable(completed.error().userMessage()));
        QByteArray partDigests;
        for (const QByteArray &part : {first, second, tail})
            partDigests += s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, part);
        const QString expectedEtag =
            u'"' + QString::fromLatin1(s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, partDigests).toHex()) + u"-3\""_s;
        QCOMPARE(completed->etag, expectedEtag);
        ObjectHead head;
        QCOMPARE(download(c, {.bucket = bucket, .key = key}, nullptr, &head), std::optional<QByteArray>(first + second + tail));
        QCOMPARE(head.etag, expectedEtag);
        QCOMPARE(head.contentType, u"application/x-parts"_s);
        QCOMPARE(head.metadata, (MetadataList{{u"made-by"_s, u"parts"_s}}));
        const auto none = finish(c.listMultipartUploads({.bucket = bucket}));
        QVERIFY(none.ok());
        QVERIFY(none->uploads.isEmpty());
    }

    void configuration_data() { modes(); }
    void configuration()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"configured"_s;
        QVERIFY(makeBucket(c, bucket));

        s3::CorsRule rule;
        rule.allowedOrigins = {u"https://app.example.com"_s};
        rule.allowedMethods = {u"GET"_s, u"PUT"_s};
        rule.allowedHeaders = {u"*"_s};
        rule.exposeHeaders = {u"ETag"_s};
        rule.maxAgeSeconds = 600;
        QCOMPARE(finish(c.getBucketCors(bucket)).error().code, u"NoSuchCORSConfiguration"_s);
        s3::CorsConfiguration configuration;
        configuration.rules = {rule};
        QVERIFY(finish(c.putBucketCors(bucket, configuration)).ok());
        const auto cors = finish(c.getBucketCors(bucket));
        QVERIFY2(cors.ok(), qPrintable(cors.error().userMessage()));
        QCOMPARE(cors->rules, QList<s3::CorsRule>{rule});
        QVERIFY(finish(c.deleteBucketCors(bucket)).ok());
        QCOMPARE(finish(c.getBucketCors(bucket)).error().httpStatus, 404);

        s3::LifecycleRule expire;
        expire.id = u"expire-logs"_s;
        expire.filter.prefix = u"logs/"_s;
        s3::LifecycleExpiration expiration;
        expiration.days = 30;
        expire.expiration = expiration;
        s3::LifecycleRule abort;
        abort.id = u"abort-uploads"_s;
        abort.abortIncompleteMultipartUploadDays = 3;
        const s3::LifecycleConfiguration lifecycle{{expire, abort}};
        QVERIFY(finish(c.putBucketLifecycleConfiguration(bucket, lifecycle)).ok());
        const auto gotLifecycle = finish(c.getBucketLifecycleConfiguration(bucket));
        QVERIFY2(gotLifecycle.ok(), qPrintable(gotLifecycle.error().userMessage()));
        QCOMPARE(gotLifecycle->rules.size(), 2);
        QCOMPARE(gotLifecycle->rules.at(0).id, expire.id);
        QCOMPARE(gotLifecycle->rules.at(0).filter.prefix, expire.filter.prefix);
        QCOMPARE(gotLifecycle->rules.at(0).expiration->days, std::optional<int>(30));
        QCOMPARE(gotLifecycle->rules.at(1).abortIncompleteMultipartUploadDays, std::optional<int>(3));
        QVERIFY(finish(c.deleteBucketLifecycleConfiguration(bucket)).ok());
        QCOMPARE(finish(c.getBucketLifecycleConfiguration(bucket)).error().code, u"NoSuchLifecycleConfiguration"_s);

        const QByteArray policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                                  "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::configured/*\"}]}";
        const s3::PublicAccessBlockConfiguration block{true, true, false, true};
        if (r2) {
            // R2 has none of these: the client reports them as not supported, not as failures.
            QVERIFY(finish(c.getBucketPolicy(bucket)).error().isNotSupported());
            QVERIFY(finish(c.putBucketPolicy(bucket, policy)).error().isNotSupported());
            QVERIFY(finish(c.deleteBucketPolicy(bucket)).error().isNotSupported());
            QVERIFY(finish(c.getBucketPolicyStatus(bucket)).error().isNotSupported());
            QVERIFY(finish(c.getPublicAccessBlock(bucket)).error().isNotSupported());
            QVERIFY(finish(c.putPublicAccessBlock(bucket, block)).error().isNotSupported());
            QVERIFY(finish(c.getBucketVersioning(bucket)).error().isNotSupported());
            return;
        }
        QCOMPARE(finish(c.getBucketPolicy(bucket)).error().code, u"NoSuchBucketPolicy"_s);
        QCOMPARE(finish(c.getBucketPolicyStatus(bucket))->isPublic, false);
        QVERIFY(finish(c.putBucketPolicy(bucket, policy)).ok());
        QCOMPARE(finish(c.getBucketPolicy(bucket)).value(), policy);
        QCOMPARE(finish(c.getBucketPolicyStatus(bucket))->isPublic, true);
        QVERIFY(finish(c.deleteBucketPolicy(bucket)).ok());
        QCOMPARE(finish(c.getBucketPolicyStatus(bucket))->isPublic, false);

        QVERIFY(finish(c.putPublicAccessBlock(bucket, block)).ok());
        const auto gotBlock = finish(c.getPublicAccessBlock(bucket));
        QVERIFY2(gotBlock.ok(), qPrintable(gotBlock.error().userMessage()));
        QCOMPARE(gotBlock.value(), block);

        const auto versioning = finish(c.getBucketVersioning(bucket));
        QVERIFY2(versioning.ok(), qPrintable(versioning.error().userMessage()));
        QCOMPARE(versioning->status, s3::VersioningStatus::Unset);
    }

    void presigned_data() { modes(); }
    void presigned()
    {
        QFETCH(bool, r2);
        S3Client &c = client(r2);
        const QString bucket = u"shared"_s;
        QVERIFY(makeBucket(c, bucket));
        const QString key = u"links/file one+\u00e9.bin"_s;
        const QByteArray data = randomBytes(4096, 53);
        QVERIFY(upload(c, bucket, key, data).ok());

        int status = 0;
        const auto get = c.presign({.method = "GET", .bucket = bucket, .key = key, .expiresSeconds = 300});
        QVERIFY(get.ok());
        QCOMPARE(fetch("GET", get.value(), &status), data);
        QCOMPARE(status, 200);
        const auto head = c.presign({.method = "HEAD", .bucket = bucket, .key = key, .expiresSeconds = 300});
        fetch("HEAD", head.value(), &status);
        QCOMPARE(status, 200);

        const QByteArray uploaded = randomBytes(2048, 59);
        const auto put = c.presign({.method = "PUT", .bucket = bucket, .key = u"links/put.bin"_s, .expiresSeconds = 300});
        fetch("PUT", put.value(), &status, uploaded);
        QCOMPARE(status, 200);
        QCOMPARE(download(c, {.bucket = bucket, .key = u"links/put.bin"_s}), std::optional<QByteArray>(uploaded));

        const auto del = c.presign({.method = "DELETE", .bucket = bucket, .key = u"links/put.bin"_s, .expiresSeconds = 300});
        fetch("DELETE", del.value(), &status);
        QCOMPARE(status, 204);
        QCOMPARE(finish(c.headObject({.bucket = bucket, .key = u"links/put.bin"_s})).error().httpStatus, 404);

        // Signed two hours ago for one minute: the server refuses it.
        ClientConfig earlier = c.config();
        earlier.clock = [] { return QDateTime::currentDateTimeUtc().addSecs(-7200); };
        S3Client past(earlier, &m_network);
        const auto expired = past.presign({.method = "GET", .bucket = bucket, .key = key, .expiresSeconds = 60});
        const QByteArray refusal = fetch("GET", expired.value(), &status);
        QCOMPARE(status, 403);
        QVERIFY2(refusal.contains("<Code>AccessDenied</Code>"), refusal.constData());
        QVERIFY(refusal.contains("expired"));
        QVERIFY(!refusal.contains(data.left(16)));

        // Signed with another secret.
        ClientConfig impostor = c.config();
        impostor.credentials.secretAccessKey = "not-the-secret";
        S3Client wrong(impostor, &m_network);
        const QByteArray denied = fetch("GET", wrong.presign({.method = "GET", .bucket = bucket, .key = key}).value(), &status);
        QCOMPARE(status, 403);
        QVERIFY(denied.contains("<Code>SignatureDoesNotMatch</Code>"));
    }

    void everyClientCallWasAccepted()
    {
        // Every 403 a client saw would have been a signature the server could not verify.
        QCOMPARE(m_refused, 0);
    }

};

QTEST_GUILESS_MAIN(TestClientOwnServer)
#include "tst_client_own_server.moc"
