#include "authenticator.h"

#include "router.h"

#include "s3/sigv4/authorization.h"
#include "s3/sigv4/digest.h"
#include "s3/sigv4/presigned.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace sigv4 = coffer::s3::sigv4;

namespace {

QByteArray header(const sigv4::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[n, v] : headers) {
        if (n == name)
            return v;
    }
    return {};
}

bool hasHeader(const sigv4::HeaderList &headers, QByteArrayView name)
{
    for (const auto &pair : headers) {
        if (pair.first == name)
            return true;
    }
    return false;
}

AuthOutcome refuse(QByteArrayView code, const QString &message)
{
    AuthOutcome outcome;
    outcome.error = apiError(code, message);
    return outcome;
}

AuthOutcome refuse(sigv4::AuthError error, sigv4::AuthLocation where)
{
    return refuse(sigv4::s3ErrorCode(error, where),
                  QString::fromLatin1(sigv4::errorMessage(error)));
}

bool isLowerHex64(QByteArrayView text)
{
    if (text.size() != 64)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

// x-amz-content-sha256 → what the body must prove; std::nullopt for a value S3 does not know.
std::optional<PayloadCheck> payloadFrom(const QByteArray &value)
{
    PayloadCheck check;
    if (isLowerHex64(value)) {
        check.kind = PayloadKind::Sha256;
        check.sha256Hex = value.toLower();
    } else if (value == sigv4::kUnsignedPayload) {
        check.kind = PayloadKind::Unsigned;
    } else if (value == sigv4::kStreamingSignedPayload) {
        check.kind = PayloadKind::StreamingSigned;
    } else if (value == sigv4::kStreamingSignedPayloadTrailer) {
        check.kind = PayloadKind::StreamingSignedTrailer;
    } else if (value == sigv4::kStreamingUnsignedPayloadTrailer) {
        check.kind = PayloadKind::StreamingUnsignedTrailer;
    } else {
        return std::nullopt;
    }
    return check;
}

std::optional<ApiError> checkIdentity(const sigv4::Credential &credential, const AuthConfig &config,
                                      sigv4::AuthLocation where)
{
    // S3 names a bad scope after where the credential travelled.
    const QByteArray scopeError = where == sigv4::AuthLocation::Query ? QByteArray("AuthorizationQueryParametersError")
                                                                      : QByteArray("AuthorizationHeaderMalformed");
    if (!sigv4::constantTimeEquals(credential.accessKeyId, config.credentials.accessKeyId))
        return apiError("InvalidAccessKeyId",
                        u"The access key id \"%1\" is not known to this server. Use the key pair "
                        "coffer-server printed (or was started with)."_s
                            .arg(QString::fromUtf8(credential.accessKeyId.left(128))));
    if (credential.scope.service != "s3")
        return apiError(scopeError,
                        u"The credential scope names the service \"%1\"; sign for \"s3\"."_s
                            .arg(QString::fromUtf8(credential.scope.service.left(64))));
    if (!config.regions.isEmpty() && !config.regions.contains(credential.scope.region))
        return apiError(scopeError,
                        u"The region \"%1\" is wrong; this server expects \"%2\". Configure the "
                        "client with that region."_s
                            .arg(QString::fromUtf8(credential.scope.region.left(64)),
                                 QString::fromUtf8(config.regions.first())));
    return std::nullopt;
}

std::optional<QDateTime> requestDate(const sigv4::HeaderList &headers)
{
    const QByteArray amz = header(headers, "x-amz-date");
    if (!amz.isEmpty())
        return sigv4::amzDateTime(amz.trimmed());
    const QByteArray date = header(headers, "date");
    if (date.isEmpty())
        return std::nullopt;
    QDateTime parsed = QDateTime::fromString(QString::fromLatin1(date.trimmed()), Qt::RFC2822Date);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

QByteArray computeSignature(const sigv4::CanonicalInput &input, const QByteArray &signedHeaders,
                            const QDateTime &signedAt, const sigv4::Scope &scope,
                            const QByteArray &signingKey)
{
    const QByteArray canonical = sigv4::canonicalRequest(input, signedHeaders);
    return sigv4::signature(signingKey, sigv4::stringToSign(signedAt, scope, canonical));
}

AuthOutcome fromHeader(const AuthRequest &request, const TargetParts &parts, const AuthConfig &config,
                       const QDateTime &now)
{
    const auto parsed = sigv4::parseAuthorization(header(request.headers, "authorization"));
    if (!parsed.ok())
        return refuse(parsed.error, sigv4::AuthLocation::Header);
    const sigv4::Authorization &auth = parsed.authorization;
    if (const auto error = checkIdentity(auth.credential, config, sigv4::AuthLocation::Header)) {
        AuthOutcome outcome;
        outcome.error = error;
        return outcome;
    }
    const auto signedAt = requestDate(request.headers);
    if (!signedAt)
        return refuse("AccessDenied", u"AWS authentication requires a valid x-amz-date (yyyyMMddTHHmmssZ) "
                                      "or Date header."_s);
    if (qAbs(signedAt->secsTo(now)) > kMaxClockSkewSeconds)
        return refuse("RequestTimeTooSkewed",
                      u"The request was signed at %1 but the server's time is %2: the difference is "
                      "over 15 minutes. Correct the client's clock."_s
                          .arg(signedAt->toString(Qt::ISODate), now.toString(Qt::ISODate)));
    if (auth.credential.scope.date != signedAt->date())
        return refuse(sigv4::AuthError::BadScope, sigv4::AuthLocation::Header);

    const QByteArray contentSha = header(request.headers, "x-amz-content-sha256");
    if (!hasHeader(request.headers, "x-amz-content-sha256"))
        return refuse("InvalidRequest", u"Missing required header for this request: x-amz-content-sha256. "
                                        "Send the payload's SHA-256 or UNSIGNED-PAYLOAD."_s);
    auto payload = payloadFrom(contentSha);
    if (!payload)
        return refuse("InvalidArgument",
                      u"x-amz-content-sha256 must be a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* "
                      "value, not \"%1\"."_s.arg(QString::fromUtf8(contentSha.left(80))));

    const sigv4::CanonicalInput input{request.method, parts.path, sigv4::parseQuery(parts.query),
                                      request.headers, contentSha};
    const QByteArray key = sigv4::signingKey(config.credentials.secretAccessKey, auth.credential.scope);
    const QByteArray expected = computeSignature(input, auth.signedHeaders, *signedAt,
                                                 auth.credential.scope, key);
    if (!sigv4::signaturesMatch(expected, auth.signature))
        return refuse("SignatureDoesNotMatch",
                      u"The request signature we calculated does not match the signature you provided. "
                      "Check your key and signing method."_s);

    AuthOutcome outcome;
    outcome.payload = *payload;
    if (payload->kind == PayloadKind::StreamingSigned || payload->kind == PayloadKind::StreamingSignedTrailer)
        outcome.payload.chunkSigning = sigv4::ChunkSigningContext{key, *signedAt, auth.credential.scope,
                                                                  auth.signature.toLower()};
    return outcome;
}

AuthOutcome fromQuery(const AuthRequest &request, const TargetParts &parts, const sigv4::QueryList &query,
                      const AuthConfig &config, const QDateTime &now)
{
    const auto parsed = sigv4::parsePresignedQuery(query, now);
    if (!parsed.ok()) {
        if (parsed.error == sigv4::AuthError::Expired)
            return refuse("AccessDenied", u"Request has expired: the presigned URL is past its "
                                          "X-Amz-Expires. Create a new one."_s);
        return refuse(parsed.error, sigv4::AuthLocation::Query);
    }
    const sigv4::PresignedAuthorization &auth = parsed.authorization;
    if (const auto error = checkIdentity(auth.credential, config, sigv4::AuthLocation::Query)) {
        AuthOutcome outcome;
        outcome.error = error;
        return outcome;
    }
    // A presigned URL signs UNSIGNED-PAYLOAD unless the client also sent (and signed) a hash.
    QByteArray payloadHash = sigv4::kUnsignedPayload.toByteArray();
    if (hasHeader(request.headers, "x-amz-content-sha256"))
        payloadHash = header(request.headers, "x-amz-content-sha256");
    auto payload = payloadFrom(payloadHash);
    if (!payload || payload->isAwsChunked())
        return refuse("InvalidArgument", u"A presigned request's x-amz-content-sha256 must be a hex "
                                         "SHA-256 or UNSIGNED-PAYLOAD."_s);
    const sigv4::CanonicalInput input{request.method, parts.path, auth.signedQuery, request.headers,
                                      payloadHash};
    const QByteArray key = sigv4::signingKey(config.credentials.secretAccessKey, auth.credential.scope);
    const QByteArray expected = computeSignature(input, auth.signedHeaders, auth.signedAt,
                                                 auth.credential.scope, key);
    if (!sigv4::signaturesMatch(expected, auth.signature))
        return refuse("SignatureDoesNotMatch",
                      u"The request signature we calculated does not match the signature in the "
                      "presigned URL. Check your key and signing method."_s);
    AuthOutcome outcome;
    outcome.presigned = true;
    outcome.payload = *payload;
    return outcome;
}

} // namespace

AuthOutcome authenticate(const AuthRequest &request, const AuthConfig &config, const QDateTime &now)
{
    const auto parts = splitTarget(request.target);
    if (!parts) {
        AuthOutcome outcome;
        outcome.error = apiError("InvalidURI", u"The request target must be a path starting with \"/\"."_s, 400);
        return outcome;
    }
    const sigv4::QueryList query = sigv4::parseQuery(parts->query);
    const bool inHeader = hasHeader(request.headers, "authorization");
    const bool inQuery = sigv4::isPresigned(query);
    if (inHeader && inQuery)
        return refuse("InvalidArgument", u"Only one auth mechanism allowed: send either an Authorization "
                                         "header or X-Amz-* query parameters, not both."_s);
    if (inHeader)
        return fromHeader(request, *parts, config, now);
    if (inQuery)
        return fromQuery(request, *parts, query, config, now);

    AuthOutcome outcome;
    outcome.anonymous = true;
    // An anonymous body can still carry a hash the server must verify.
    const QByteArray contentSha = header(request.headers, "x-amz-content-sha256");
    if (!contentSha.isEmpty()) {
        auto payload = payloadFrom(contentSha);
        if (!payload || payload->kind == PayloadKind::StreamingSigned
            || payload->kind == PayloadKind::StreamingSignedTrailer)
            return refuse("InvalidArgument", u"x-amz-content-sha256 \"%1\" cannot be used without a "
                                             "signature."_s.arg(QString::fromUtf8(contentSha.left(80))));
        outcome.payload = *payload;
    }
    return outcome;
}

} // namespace coffer::server::api
