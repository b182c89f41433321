// PutObject, GetObject, HeadObject, DeleteObject.

#include "body_reader.h"
#include "conditions.h"
#include "handlers.h"
#include "object_headers.h"
#include "object_streamer.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/sigv4/signer.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

constexpr qint64 kMaxSinglePut = 5LL * 1024 * 1024 * 1024;

Preconditions readPreconditions(const Call &call)
{
    return Preconditions{call.header("if-match"), call.header("if-none-match"),
                         call.header("if-modified-since"), call.header("if-unmodified-since")};
}

// response-content-type and friends: a signed request may override the stored headers.
void applyResponseOverrides(const Call &call, ResponseHeaders &headers)
{
    static constexpr std::pair<const char *, const char *> kOverrides[] = {
        {"response-content-type", "Content-Type"},
        {"response-content-language", "Content-Language"},
        {"response-expires", "Expires"},
        {"response-cache-control", "Cache-Control"},
        {"response-content-disposition", "Content-Disposition"},
        {"response-content-encoding", "Content-Encoding"},
    };
    const auto rawQuery = call.head().query();
    if (!rawQuery.contains("response"))
        return; // the common case, without parsing a presigned URL's long query
    const auto query = coffer::s3::sigv4::parseQuery(rawQuery.toByteArray());
    for (const auto &[param, header] : kOverrides) {
        for (const auto &[name, value] : query) {
            if (name != param)
                continue;
            headers.removeIf([h = QByteArrayView(header)](const auto &pair) {
                return QByteArrayView(pair.first).compare(h, Qt::CaseInsensitive) == 0;
            });
            headers.emplaceBack(header, value);
        }
    }
}

bool checksumModeEnabled(const Call &call)
{
    return call.header("x-amz-checksum-mode").trimmed().compare("ENABLED", Qt::CaseInsensitive) == 0;
}

// The byte range of part `partNumber` of a multipart object (or the whole of a simple one).
std::optional<ResolvedRange> partRange(const ObjectRecord &record, int partNumber)
{
    if (record.partCount() == 0)
        return partNumber == 1 ? std::optional(ResolvedRange{0, record.size}) : std::nullopt;
    if (partNumber > record.partCount())
        return std::nullopt;
    qint64 first = 0;
    for (int i = 0; i < partNumber - 1; ++i)
        first += record.partSizes.at(i);
    return ResolvedRange{first, record.partSizes.at(partNumber - 1)};
}

// Evaluates conditions and the range for GET and HEAD; answers the call itself (304, 412,
// 416) and returns std::nullopt when it did.
struct ReadPlan {
    ObjectRecord record;
    std::optional<ResolvedRange> range; // 206 when set
};

std::optional<ReadPlan> planRead(Call &call, const ObjectRecord &record, int partNumber)
{
    switch (evaluateRead(readPreconditions(call), record.etag, record.lastModified())) {
    case PreconditionResult::Failed:
        call.fail(apiError("PreconditionFailed", u"At least one of the preconditions (If-Match, "
                                                 "If-Unmodified-Since) did not hold."_s));
        return std::nullopt;
    case PreconditionResult::NotModified:
        call.sendStatus(304, {{"ETag", record.etag.toLatin1()}, {"Last-Modified", formatHttpDate(record.lastModified())}});
        return std::nullopt;
    case PreconditionResult::Proceed:
        break;
    }
    ReadPlan plan{record, std::nullopt};
    if (partNumber > 0) {
        plan.range = partRange(record, partNumber);
        if (!plan.range) {
            call.fail(apiError("InvalidPartNumber", u"The object has %1 part(s); part %2 does not exist."_s
                                                        .arg(qMax(1, record.partCount())).arg(partNumber), 416));
            return std::nullopt;
        }
        return plan;
    }
    const QByteArray rangeHeader = call.header("range");
    if (!rangeHeader.isNull()) {
        const RangeRequest range = resolveRange(rangeHeader, record.size);
        if (range.present && !range.satisfiable) {
            call.fail(apiError("InvalidRange", u"The requested range is not satisfiable: the object is %1 bytes."_s
                                                   .arg(record.size)));
            return std::nullopt;
        }
        if (range.present)
            plan.range = range.range;
    }
    return plan;
}

ResponseHeaders readHeaders(const Call &call, const ReadPlan &plan, int partNumber)
{
    // Checksums describe the whole object: never on a ranged answer.
    const bool ranged = plan.range && partNumber == 0;
    ResponseHeaders headers = objectHeaders(plan.record, checksumModeEnabled(call) && !ranged);
    if (plan.range) {
        const qint64 last = plan.range->first + plan.range->length - 1;
        headers.emplaceBack("Content-Range", "bytes " + QByteArray::number(plan.range->first) + '-'
                                             + QByteArray::number(last) + '/' + QByteArray::number(plan.record.size));
    }
    applyResponseOverrides(call, headers);
    return headers;
}

} // namespace

void run(Call &call, const PutObject &e)
{
    PutRequest request;
    if (const auto error = readMetadata(call.head(), request.metadata))
        return call.fail(*error);
    ChecksumRequest checksums;
    BodyReader *reader = openObjectBody(call, kMaxSinglePut, u"A single PUT takes at most 5 GiB; use a multipart upload."_s,
                                        u"body"_s, checksums);
    if (!reader)
        return;
    request.checksumAlgorithm = reader->trailerAlgorithm() ? reader->trailerAlgorithm() : checksums.algorithm;
    request.expectedChecksums = checksums.expected;
    request.expectedMd5 = checksums.expectedMd5;
    request.conditions = writeConditions(call.head());

    auto begun = call.store().beginPut(e.bucket, e.key, request);
    if (!begun.ok())
        return call.fail(begun.error());
    std::shared_ptr<ObjectUpload> upload(std::move(begun.value()));
    Call *c = &call;
    reader->start(
        uploadSink(upload),
        [c, upload](const std::optional<ApiError> &error) mutable {
            if (error)
                return c->fail(*error);
            const auto record = upload->commit();
            if (!record.ok())
                return c->fail(record.error());
            ResponseHeaders headers{{"ETag", record->etag.toLatin1()}};
            for (const auto algorithm : coffer::s3::allChecksumAlgorithms()) {
                const QString *value = checksumSlot(record->checksums, algorithm);
                if (value && !value->isEmpty())
                    headers.emplaceBack(coffer::s3::checksumHeaderName(algorithm), value->toLatin1());
            }
            c->sendStatus(200, headers);
        });
}

void run(Call &call, const GetObject &e)
{
    // One read of the row, with the blobs pinned: the conditions and the range are decided
    // on the same version of the object that is then streamed.
    auto read = call.store().getObject(e.bucket, e.key);
    if (!read.ok())
        return call.fail(read.error());
    const auto plan = planRead(call, read->record, e.partNumber);
    if (!plan)
        return;
    if (plan->range)
        read->reader->narrow(plan->range->first, plan->range->length);
    http::Response *response = call.startResponse(plan->range ? 206 : 200);
    if (!response)
        return;
    for (const auto &[name, value] : readHeaders(call, *plan, e.partNumber))
        response->setHeader(name, value);
    if (plan->record.partCount() > 0 && e.partNumber > 0)
        response->setHeader("x-amz-mp-parts-count", QByteArray::number(plan->record.partCount()));
    response->setContentLength(plan->range ? plan->range->length : plan->record.size);
    auto *streamer = new ObjectStreamer(response, std::move(read->reader), &call);
    streamer->start();
}

void run(Call &call, const HeadObject &e)
{
    const auto head = call.store().headObject(e.bucket, e.key);
    if (!head.ok())
        return call.fail(head.error());
    const auto plan = planRead(call, head.value(), e.partNumber);
    if (!plan)
        return;
    http::Response *response = call.startResponse(plan->range ? 206 : 200);
    if (!response)
        return;
    for (const auto &[name, value] : readHeaders(call, *plan, e.partNumber))
        response->setHeader(name, value);
    response->setContentLength(plan->range ? plan->range->length : plan->record.size);
    response->finish();
}

void run(Call &call, const DeleteObject &e)
{
    const StoreError error = call.store().deleteObject(e.bucket, e.key);
    if (error.isError())
        return call.fail(error);
    call.sendStatus(204);
}

} // namespace coffer::server::api
