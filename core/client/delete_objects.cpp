// S3Client::deleteObjects: any number of keys, sent 1,000 per request (S3's limit), one
// request after the other, with the results merged into one.
#include "call_runner.h"

#include "s3/checksum/checksum.h"

#include <memory>

namespace coffer::client {

namespace xml = s3::xml;

namespace {

constexpr qsizetype kBatchSize = 1000;

struct DeleteBatches {
    CallRunner runner;
    DeleteObjectsParams params;
    s3::DeleteObjectsResult merged;
    qsizetype next = 0; // index of the first key of the next batch
};

void sendNextBatch(S3Reply<s3::DeleteObjectsResult> *reply, std::shared_ptr<DeleteBatches> state)
{
    if (reply->isFinished())
        return;
    const qsizetype total = state->params.objects.size();
    if (state->next >= total) {
        reply->succeed(state->merged);
        return;
    }
    s3::DeleteObjectsRequest batch;
    batch.quiet = state->params.quiet;
    batch.objects = state->params.objects.mid(state->next, kBatchSize);
    state->next += batch.objects.size();

    WireRequest wire = state->runner.request("POST", state->params.bucket);
    wire.addQuery("delete");
    wire.body.kind = RequestBody::Kind::Bytes;
    wire.body.bytes = xml::writeDelete(batch);
    wire.addHeader("content-type", "application/xml");
    // S3 requires an integrity header on DeleteObjects; Content-MD5 is the one every
    // provider accepts.
    wire.addHeader("content-md5", s3::Checksum::hash(s3::ChecksumAlgorithm::Md5, wire.body.bytes).toBase64());

    Exchange *ex = state->runner.exchange(std::move(wire));
    if (!reply->attach(ex, false))
        return;
    QObject::connect(ex, &Exchange::finished, reply, [reply, ex, state] {
        if (ex->error().isError()) {
            reply->fail(ex->error());
            return;
        }
        const Result<s3::DeleteObjectsResult> parsed = fromXml(xml::parseDeleteResult(ex->response().body), ex->response());
        if (!parsed.ok()) {
            reply->fail(parsed.error());
            return;
        }
        state->merged.deleted += parsed.value().deleted;
        state->merged.errors += parsed.value().errors;
        Q_EMIT reply->progress(state->next, state->params.objects.size());
        sendNextBatch(reply, state);
    });
    QMetaObject::invokeMethod(ex, &Exchange::start, Qt::QueuedConnection);
}

} // namespace

S3Reply<s3::DeleteObjectsResult> *S3Client::deleteObjects(const DeleteObjectsParams &params)
{
    CallRunner runner(this);
    if (auto e = runner.checkBucket(params.bucket))
        return runner.rejected<s3::DeleteObjectsResult>(*e);
    for (const s3::ObjectIdentifier &object : params.objects) {
        if (auto e = runner.checkKeyName(params.bucket, object.key))
            return runner.rejected<s3::DeleteObjectsResult>(*e);
    }
    auto *reply = runner.reply<s3::DeleteObjectsResult>();
    auto state = std::make_shared<DeleteBatches>(DeleteBatches{runner, params, {}, 0});
    if (params.objects.isEmpty()) {
        QTimer::singleShot(0, reply, [reply] { reply->succeed({}); });
        return reply;
    }
    sendNextBatch(reply, state);
    return reply;
}

} // namespace coffer::client
