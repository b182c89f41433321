#include "s3/error/s3error.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

bool isNotImplementedCode(const QString &code)
{
    return code == "NotImplemented"_L1 || code == "UnsupportedOperation"_L1;
}

// 400s that mean "your configuration is wrong", not "this provider has no such call".
bool isInputProblem(const QString &code)
{
    static const QLatin1StringView codes[] = {
        "MalformedXML"_L1, "InvalidArgument"_L1, "InvalidDigest"_L1, "BadDigest"_L1,
        "MissingContentMD5"_L1, "MissingRequestBodyError"_L1, "InvalidRequest"_L1,
        "InvalidBucketName"_L1, "ExpiredToken"_L1, "InvalidToken"_L1,
        "AuthorizationHeaderMalformed"_L1, "RequestTimeout"_L1, "IncompleteBody"_L1,
        "XAmzContentSHA256Mismatch"_L1, "IllegalVersioningConfigurationException"_L1,
    };
    for (QLatin1StringView c : codes) {
        if (code == c)
            return true;
    }
    return false;
}

S3Error ofKind(S3Error::Kind kind, const QString &detail)
{
    S3Error e;
    e.kind = kind;
    e.detail = detail;
    return e;
}

} // namespace

S3Error S3Error::fromResponse(int httpStatus, QByteArrayView body, bool isConfigurationCall)
{
    S3Error e;
    e.httpStatus = httpStatus;
    if (!body.trimmed().isEmpty()) {
        const auto doc = xml::parseError(body);
        if (doc) {
            e.code = doc->code;
            e.serverMessage = doc->message;
            e.resource = doc->resource;
            e.requestId = doc->requestId;
            e.hostId = doc->hostId;
            e.bucket = doc->detail(u"BucketName"_s);
            e.key = doc->detail(u"Key"_s);
        }
    }

    if (httpStatus >= 200 && httpStatus < 300 && e.code.isEmpty()) {
        e.kind = Kind::None;
        return e;
    }

    bool notSupported = httpStatus == 501 || isNotImplementedCode(e.code);
    if (isConfigurationCall && !notSupported) {
        // Providers without a configuration call answer it in many ways (R2: 501;
        // others 405, 400, or a bare 404); "no configuration set yet" and a missing
        // bucket have their own codes and stay real answers.
        if (httpStatus == 405)
            notSupported = true;
        else if (httpStatus == 400)
            notSupported = !isInputProblem(e.code);
        else if (httpStatus == 404)
            notSupported = e.code.isEmpty() || e.code == "NoSuchResource"_L1;
    }
    e.kind = notSupported ? Kind::NotSupported : Kind::Http;
    return e;
}

bool S3Error::isRetryable() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        break;
    default:
        return false;
    }
    if (code == "SlowDown"_L1 || code == "RequestTimeout"_L1 || code == "InternalError"_L1
        || code == "ServiceUnavailable"_L1 || code == "OperationAborted"_L1)
        return true;
    return httpStatus == 429 || (httpStatus >= 500 && httpStatus != 501);
}

S3Error S3Error::network(const QString &detail)
{
    return ofKind(Kind::Network, detail);
}

S3Error S3Error::timeout(const QString &detail)
{
    return ofKind(Kind::Timeout, detail);
}

S3Error S3Error::canceled()
{
    return ofKind(Kind::Canceled, {});
}

S3Error S3Error::invalidInput(const QString &detail)
{
    return ofKind(Kind::InvalidInput, detail);
}

S3Error S3Error::xml(const xml::XmlError &error)
{
    return ofKind(Kind::Xml, error.message);
}

S3Error S3Error::integrity(const QString &detail)
{
    return ofKind(Kind::Integrity, detail);
}

S3Error S3Error::auth(const QString &detail)
{
    return ofKind(Kind::Auth, detail);
}

S3Error S3Error::local(const QString &detail)
{
    return ofKind(Kind::Local, detail);
}

} // namespace coffer::s3
