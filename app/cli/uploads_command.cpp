// uploads list / abort: unfinished multipart uploads, whose stored parts are billed
// until someone aborts them. The listing shows what each one costs: its parts' size.

#include "byte_size.h"
#include "commands.h"
#include "object_listing.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {

struct UploadSize {
    qint64 bytes = 0;
    int parts = 0;
};

// Sums one upload's parts over every ListParts page.
void sumParts(client::S3Client *client, client::ListPartsParams params, UploadSize sum,
    const QObject *context, std::function<void(const client::Result<UploadSize> &)> done)
{
    client->listParts(params)->onFinished(context,
        [client, params, sum, context, done = std::move(done)](
            const client::Result<s3::ListPartsPage> &page) mutable {
            if (!page)
                return done(page.error());
            for (const s3::PartEntry &part : page->parts) {
                sum.bytes += part.size;
                ++sum.parts;
            }
            if (!page->isTruncated || !page->nextPartNumberMarker)
                return done(sum);
            params.partNumberMarker = page->nextPartNumberMarker;
            sumParts(client, params, sum, context, std::move(done));
        });
}

class UploadsCommand : public Command
{
public:
    using Command::Command;

    void start() override
    {
        m_target = invocation().paths.first();
        if (invocation().command == CommandKind::UploadsAbort && !invocation().all) {
            s3::MultipartUploadEntry one;
            one.key = invocation().uploadKey;
            one.uploadId = invocation().uploadId;
            m_pending.append(one);
            return next();
        }
        listAllUploads(
            client(m_target), { .bucket = m_target.bucket }, this,
            [this](const s3::ListMultipartUploadsPage &page) { m_pending.append(page.uploads); },
            [this](const s3::S3Error &error) {
                if (error.isError())
                    return fail(s3::S3Error(error).withBucket(m_target.bucket));
                next();
            });
    }

private:
    void next()
    {
        if (m_pending.isEmpty()) {
            console().event(QJsonObject { { u"event"_s, u"result"_s }, { u"uploads"_s, m_count } });
            return finish(m_worst);
        }
        const s3::MultipartUploadEntry upload = m_pending.takeFirst();
        if (invocation().command == CommandKind::UploadsList)
            show(upload);
        else
            abort(upload);
    }

    void show(const s3::MultipartUploadEntry &upload)
    {
        sumParts(client(m_target),
            { .bucket = m_target.bucket, .key = upload.key, .uploadId = upload.uploadId }, {}, this,
            [this, upload](const client::Result<UploadSize> &size) {
                // An upload completed or aborted meanwhile is simply gone.
                if (!size && exitCodeFor(size.error()) != ExitCode::NotFound)
                    return fail(size.error());
                const UploadSize s = size ? size.value() : UploadSize {};
                ++m_count;
                console().line(u"%1 %2 %3 %4 parts %5"_s.arg(
                    upload.initiated.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s),
                    humanSize(s.bytes).rightJustified(10), QString::number(s.parts).rightJustified(5),
                    m_target.withKey(upload.key).display(), upload.uploadId));
                console().event(QJsonObject { { u"event"_s, u"upload"_s }, { u"key"_s, upload.key },
                    { u"uploadId"_s, upload.uploadId },
                    { u"initiated"_s, upload.initiated.toString(Qt::ISODateWithMs) }, { u"parts"_s, s.parts },
                    { u"bytes"_s, s.bytes } });
                next();
            });
    }

    void abort(const s3::MultipartUploadEntry &upload)
    {
        client(m_target)
            ->abortMultipartUpload({ m_target.bucket, upload.key, upload.uploadId })
            ->onFinished(this, [this, upload](const client::Result<client::Done> &r) {
                if (!r) {
                    console().error(errorSentence(
                        s3::S3Error(r.error()).withBucket(m_target.bucket).withKey(upload.key)));
                    m_worst = worseOf(m_worst, exitCodeFor(r.error()));
                } else {
                    ++m_count;
                    console().line(u"abort_upload: %1 %2"_s.arg(
                        m_target.withKey(upload.key).display(), upload.uploadId));
                    console().event(QJsonObject { { u"event"_s, u"aborted"_s }, { u"key"_s, upload.key },
                        { u"uploadId"_s, upload.uploadId } });
                }
                next();
            });
    }

    Location m_target;
    QList<s3::MultipartUploadEntry> m_pending;
    qint64 m_count = 0;
    ExitCode m_worst = ExitCode::Ok;
};

} // namespace

Command *makeUploadsCommand(const Session &session, QObject *parent)
{
    return new UploadsCommand(session, parent);
}

} // namespace coffer::cli
