// mb and rb. rb --force empties the bucket first: objects, then unfinished uploads
// (their parts would otherwise keep the bucket from being deleted, and cost money).

#include "commands.h"
#include "object_listing.h"
#include "prefix_deletion.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

class MbCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        const Location target = invocation().paths.first();
        client(target)
            ->createBucket(target.bucket)
            ->onFinished(this, [this, target](const client::Result<client::Done> &r) {
                if (!r)
                    return fail(s3::S3Error(r.error()).withBucket(target.bucket));
                console().line(u"make_bucket: "_s + target.bucket);
                console().event(
                    QJsonObject { { u"event"_s, u"bucketCreated"_s }, { u"bucket"_s, target.bucket } });
                finish();
            });
    }
};

class RbCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        m_target = invocation().paths.first();
        if (!invocation().force)
            return removeBucket();
        deleteUnderPrefix(
            client(m_target), m_target.bucket, {}, false, this,
            [this](const QString &key) { console().line(u"delete: "_s + m_target.withKey(key).display()); },
            [this](const PrefixDeletion &result) {
                if (result.error.isError())
                    return fail(s3::S3Error(result.error).withBucket(m_target.bucket));
                if (!result.failures.isEmpty())
                    return fail(ExitCode::Failure,
                        u"%1 objects in %2 could not be deleted (first: %3, %4), so the "
                        "bucket stays."_s.arg(result.failures.size())
                            .arg(m_target.display(), result.failures.first().key,
                                result.failures.first().code));
                abortUploads();
            });
    }

private:
    void abortUploads()
    {
        auto uploads = std::make_shared<QList<s3::MultipartUploadEntry>>();
        listAllUploads(
            client(m_target), { .bucket = m_target.bucket }, this,
            [uploads](const s3::ListMultipartUploadsPage &page) { uploads->append(page.uploads); },
            [this, uploads](const s3::S3Error &error) {
                // A store without multipart listing has nothing to abort that we could see.
                if (error.isError() && !error.isNotSupported())
                    return fail(s3::S3Error(error).withBucket(m_target.bucket));
                abortNext(uploads);
            });
    }

    void abortNext(const std::shared_ptr<QList<s3::MultipartUploadEntry>> &uploads)
    {
        if (uploads->isEmpty())
            return removeBucket();
        const s3::MultipartUploadEntry upload = uploads->takeFirst();
        client(m_target)
            ->abortMultipartUpload({ m_target.bucket, upload.key, upload.uploadId })
            ->onFinished(this, [this, uploads, upload](const client::Result<client::Done> &r) {
                if (!r && exitCodeFor(r.error()) != ExitCode::NotFound)
                    return fail(r.error());
                console().line(
                    u"abort_upload: %1 %2"_s.arg(m_target.withKey(upload.key).display(), upload.uploadId));
                abortNext(uploads);
            });
    }

    void removeBucket()
    {
        client(m_target)
            ->deleteBucket(m_target.bucket)
            ->onFinished(this, [this](const client::Result<client::Done> &r) {
                if (!r)
                    return fail(s3::S3Error(r.error()).withBucket(m_target.bucket));
                console().line(u"remove_bucket: "_s + m_target.bucket);
                console().event(
                    QJsonObject { { u"event"_s, u"bucketRemoved"_s }, { u"bucket"_s, m_target.bucket } });
                finish();
            });
    }

    Location m_target;
};

class PresignCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        const Location target = invocation().paths.first();
        const client::Result<QUrl> url = client(target)->presign({ .method = "GET",
            .bucket = target.bucket,
            .key = target.key,
            .expiresSeconds = invocation().expiresIn });
        if (!url)
            return fail(url.error());
        const QString text = QString::fromUtf8(url->toEncoded());
        if (console().json())
            console().event(QJsonObject { { u"event"_s, u"presigned"_s }, { u"url"_s, text },
                { u"expiresIn"_s, invocation().expiresIn } });
        else
            console().product(text);
        finish();
    }
};

} // namespace

Command *makeMbCommand(const Session &session, QObject *parent)
{
    return new MbCommand(session, parent);
}

Command *makeRbCommand(const Session &session, QObject *parent)
{
    return new RbCommand(session, parent);
}

Command *makePresignCommand(const Session &session, QObject *parent)
{
    return new PresignCommand(session, parent);
}

} // namespace coffer::cli
