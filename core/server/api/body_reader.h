#pragma once
// Reads one request body as it streams in and proves it: through the aws-chunked decoder
// (verifying chunk and trailer signatures) when the payload is STREAMING-*, against the
// signed SHA-256 when x-amz-content-sha256 is a hash, and against a checksum trailer
// (x-amz-trailer) when one is announced. The sink sees data before it is proven, so it
// must only stage it; done() says whether to commit.

#include "api_error.h"
#include "authenticator.h"

#include "s3/checksum/checksum.h"
#include "s3/sigv4/aws_chunked_decoder.h"
#include "s3/sigv4/digest.h"

#include "server/http/exchange.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace coffer::server {
class ObjectUpload;
class PartUpload;
} // namespace coffer::server

namespace coffer::server::api {

class BodyReader : public QObject
{
    Q_OBJECT
public:
    // Returns an error to stop reading (e.g. the store could not write).
    using Sink = std::function<std::optional<ApiError>(QByteArrayView)>;
    using Done = std::function<void(const std::optional<ApiError> &error)>;

    BodyReader(http::Exchange *exchange, PayloadCheck payload, QObject *parent);
    ~BodyReader() override;

    // Checks the framing headers (Content-Encoding, x-amz-decoded-content-length,
    // x-amz-trailer) before anything is read.
    std::optional<ApiError> validateHeaders();
    // The decoded body length when known up front (-1 otherwise).
    qint64 decodedLength() const { return m_decodedLength; }
    // The checksum algorithm a trailer will carry, if x-amz-trailer names one.
    std::optional<coffer::s3::ChecksumAlgorithm> trailerAlgorithm() const { return m_trailerAlgorithm; }
    // The trailer checksum value (base64) once done() reported success.
    QByteArray trailerChecksum() const { return m_trailerValue; }

    // Sends 100 Continue when the client waits for it, then reads to the end.
    void start(Sink sink, Done done);

private:
    void pump();
    void finishBody();
    void complete(const std::optional<ApiError> &error);
    std::optional<ApiError> deliver(QByteArrayView data);

    QPointer<http::Exchange> m_exchange;
    PayloadCheck m_payload;
    qint64 m_decodedLength = -1;
    std::optional<coffer::s3::ChecksumAlgorithm> m_trailerAlgorithm;
    std::optional<coffer::s3::Checksum> m_trailerHash;
    QByteArray m_trailerValue;
    std::unique_ptr<coffer::s3::sigv4::AwsChunkedDecoder> m_decoder;
    std::unique_ptr<coffer::s3::sigv4::Sha256> m_sha;
    Sink m_sink;
    Done m_done;
    std::optional<ApiError> m_sinkError;
    bool m_finished = false;
};

class Call;
struct ChecksumRequest;

// The start every streamed object body shares (PutObject, UploadPart): the checksum
// headers, the framing headers, the size limit and a Content-Length (or chunked framing).
// On a refusal it answers the call and returns nullptr; otherwise a reader, not started,
// owned by the call. noun names the body in the messages ("body", "part").
BodyReader *openObjectBody(Call &call, qint64 maxSize, const QString &tooLarge, const QString &noun,
                           ChecksumRequest &checksums);

// A reader sink that stages the bytes in a store upload.
BodyReader::Sink uploadSink(std::shared_ptr<ObjectUpload> upload);
BodyReader::Sink uploadSink(std::shared_ptr<PartUpload> upload);

} // namespace coffer::server::api
