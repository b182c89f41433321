// S3Client::presign: a URL anyone can use until it expires. Computed locally.
#include "call_runner.h"
#include "client_clock.h"

namespace coffer::client {

Result<QUrl> S3Client::presign(const PresignParams &params) const
{
    CallRunner runner(const_cast<S3Client *>(this));
    static const QByteArray methods[] = {"GET", "HEAD", "PUT", "DELETE"};
    if (std::find(std::begin(methods), std::end(methods), params.method) == std::end(methods)) {
        return s3::S3Error::invalidInput(
            QStringLiteral("A presigned URL can be made for GET, HEAD, PUT or DELETE, not %1.")
                .arg(QString::fromLatin1(params.method)));
    }
    if (params.expiresSeconds < 1 || params.expiresSeconds > 7 * 24 * 3600) {
        return s3::S3Error::invalidInput(
            QStringLiteral("A presigned URL must expire between 1 second and 7 days from now."));
    }
    if (auto e = runner.checkObject(params.bucket, params.key))
        return *e;

    const WireRequest wire = runner.request(params.method, params.bucket, params.key);
    s3::sigv4::CanonicalInput input;
    input.method = params.method;
    input.encodedPath = wire.encodedPath;
    if (!params.versionId.isEmpty())
        input.query.append({"versionId", params.versionId.toUtf8()});
    input.headers = {{"host", wire.host}};
    input.payloadHash = s3::sigv4::kUnsignedPayload.toByteArray();
    const auto query = s3::sigv4::presignQuery(input, m_config.credentials, m_config.region, m_clock->now(),
                                               params.expiresSeconds);
    if (!query)
        return s3::S3Error::invalidInput(QStringLiteral("The URL could not be signed."));
    const QByteArray url = m_config.endpoint.scheme.toLatin1() + "://" + wire.host + wire.encodedPath + '?' + *query;
    return QUrl::fromEncoded(url, QUrl::StrictMode);
}

} // namespace coffer::client
