#include "body_reader.h"

#include "object_headers.h"
#include "s3_call.h"

#include "server/store/object_store.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace sigv4 = coffer::s3::sigv4;

namespace {

constexpr qint64 kReadSlice = 256 * 1024;

} // namespace

BodyReader::BodyReader(http::Exchange *exchange, PayloadCheck payload, QObject *parent)
    : QObject(parent)
    , m_exchange(exchange)
    , m_payload(std::move(payload))
{
}

BodyReader::~BodyReader() = default;

std::optional<ApiError> BodyReader::validateHeaders()
{
    const http::RequestHead &head = m_exchange->request();
    m_decodedLength = head.contentLength.value_or(-1);
    const QByteArray trailer = head.header("x-amz-trailer").trimmed().toLower();
    if (!trailer.isEmpty()) {
        if (m_payload.kind != PayloadKind::StreamingSignedTrailer
            && m_payload.kind != PayloadKind::StreamingUnsignedTrailer)
            return apiError("InvalidRequest", u"x-amz-trailer needs an aws-chunked body: send "
                                              "x-amz-content-sha256 STREAMING-*-TRAILER."_s);
        m_trailerAlgorithm = coffer::s3::checksumAlgorithmFromHeader(trailer);
        if (!m_trailerAlgorithm || *m_trailerAlgorithm == coffer::s3::ChecksumAlgorithm::Md5)
            return apiError("InvalidRequest", u"x-amz-trailer must name one x-amz-checksum-* header, "
                                              "not \"%1\"."_s.arg(QString::fromLatin1(trailer.left(64))));
        m_trailerHash.emplace(*m_trailerAlgorithm);
    }
    if (!m_payload.isAwsChunked())
        return std::nullopt;
    const QByteArray decoded = head.header("x-amz-decoded-content-length");
    if (!decoded.isNull()) {
        bool ok = false;
        m_decodedLength = decoded.trimmed().toLongLong(&ok);
        if (!ok || m_decodedLength < 0)
            return apiError("InvalidArgument", u"x-amz-decoded-content-length must be a byte count."_s);
    } else if (m_payload.kind == PayloadKind::StreamingSigned) {
        return apiError("MissingContentLength", u"An aws-chunked upload needs x-amz-decoded-content-length."_s);
    } else {
        m_decodedLength = -1;
    }
    sigv4::ChunkedDecoderOptions options;
    options.verification = m_payload.chunkSigning;
    options.expectedDecodedLength = m_decodedLength;
    m_decoder = std::make_unique<sigv4::AwsChunkedDecoder>(options);
    return std::nullopt;
}

void BodyReader::start(Sink sink, Done done)
{
    m_sink = std::move(sink);
    m_done = std::move(done);
    if (m_payload.kind == PayloadKind::Sha256)
        m_sha = std::make_unique<sigv4::Sha256>();
    http::RequestBody *body = m_exchange->body();
    connect(body, &http::RequestBody::readyRead, this, &BodyReader::pump);
    connect(body, &http::RequestBody::finished, this, &BodyReader::pump);
    connect(body, &http::RequestBody::failed, this, [this](const QString &reason) {
        complete(apiError("IncompleteBody", u"The request body did not arrive whole (%1). Send it again."_s.arg(reason)));
    });
    if (m_exchange->expectsContinue())
        m_exchange->sendContinue();
    pump();
}

std::optional<ApiError> BodyReader::deliver(QByteArrayView data)
{
    if (m_trailerHash)
        m_trailerHash->update(data);
    return m_sink(data);
}

void BodyReader::pump()
{
    if (m_finished || m_exchange.isNull())
        return;
    http::RequestBody *body = m_exchange->body();
    if (body->hasFailed())
        return; // failed() delivers the error
    while (body->bytesAvailable() > 0) {
        const QByteArray slice = body->read(kReadSlice);
        if (m_decoder) {
            const auto error = m_decoder->feed(slice, [this](QByteArrayView data) {
                if (!m_sinkError)
                    m_sinkError = deliver(data);
            });
            if (error != sigv4::ChunkedError::None)
                return complete(apiError(sigv4::s3ErrorCode(error), QString::fromLatin1(sigv4::errorMessage(error))));
        } else {
            if (m_sha)
                m_sha->add(slice);
            if (!m_sinkError)
                m_sinkError = deliver(slice);
        }
        if (m_sinkError)
            return complete(m_sinkError);
    }
    if (body->atEnd())
        finishBody();
}

void BodyReader::finishBody()
{
    if (m_decoder) {
        const auto error = m_decoder->finish();
        if (error != sigv4::ChunkedError::None)
            return complete(apiError(sigv4::s3ErrorCode(error), QString::fromLatin1(sigv4::errorMessage(error))));
    }
    if (m_sha) {
        const QByteArray actual = m_sha->finishHex();
        if (actual != m_payload.sha256Hex)
            return complete(apiError("XAmzContentSHA256Mismatch",
                                     u"The body's SHA-256 is %1, not the x-amz-content-sha256 that was "
                                     "signed (%2). Send the body that was signed."_s
                                         .arg(QString::fromLatin1(actual), QString::fromLatin1(m_payload.sha256Hex))));
    }
    if (m_trailerAlgorithm) {
        const QByteArray name = coffer::s3::checksumHeaderName(*m_trailerAlgorithm);
        for (const auto &[trailerName, value] : m_decoder->trailers()) {
            if (trailerName == name)
                m_trailerValue = value.trimmed();
        }
        if (m_trailerValue.isEmpty())
            return complete(apiError("InvalidRequest", u"The trailer announced in x-amz-trailer (%1) did not "
                                                       "arrive."_s.arg(QString::fromLatin1(name))));
        if (m_trailerValue != m_trailerHash->base64())
            return complete(apiError("BadDigest", u"The %1 trailer does not match the body that arrived. "
                                                  "Send the object again."_s.arg(QString::fromLatin1(name))));
    }
    complete(std::nullopt);
}

void BodyReader::complete(const std::optional<ApiError> &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_exchange)
        disconnect(m_exchange->body(), nullptr, this, nullptr);
    if (m_done)
        m_done(error);
}

BodyReader *openObjectBody(Call &call, qint64 maxSize, const QString &tooLarge, const QString &noun,
                           ChecksumRequest &checksums)
{
    if (const auto error = readChecksums(call.head(), checksums)) {
        call.fail(*error);
        return nullptr;
    }
    auto *reader = new BodyReader(call.exchange(), call.auth().payload, &call);
    std::optional<ApiError> refusal = reader->validateHeaders();
    if (!refusal && reader->decodedLength() > maxSize)
        refusal = apiError("EntityTooLarge", tooLarge);
    if (!refusal && !call.head().contentLength && !call.head().chunked)
        refusal = apiError("MissingContentLength", u"Send a Content-Length with the %1."_s.arg(noun), 411);
    if (refusal) {
        call.fail(*refusal);
        return nullptr;
    }
    return reader;
}

namespace {

template <typename Upload>
BodyReader::Sink stagingSink(std::shared_ptr<Upload> upload)
{
    return [upload = std::move(upload)](QByteArrayView data) -> std::optional<ApiError> {
        const StoreError error = upload->write(data);
        return error.isError() ? std::optional(fromStore(error)) : std::nullopt;
    };
}

} // namespace

BodyReader::Sink uploadSink(std::shared_ptr<ObjectUpload> upload)
{
    return stagingSink(std::move(upload));
}

BodyReader::Sink uploadSink(std::shared_ptr<PartUpload> upload)
{
    return stagingSink(std::move(upload));
}

} // namespace coffer::server::api
