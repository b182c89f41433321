// S3Error::userMessage(): the sentence a person reads, with what to do next.

#include "s3/error/s3error.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::S3Error", text);
}

QString quoted(const QString &name, const QString &fallback)
{
    return name.isEmpty() ? fallback : u"“"_s + name + u"”"_s;
}

QString httpCodeMessage(const S3Error &e)
{
    const QString bucket = quoted(e.bucket, tr("you asked for"));
    const QString key = quoted(e.key, tr("you asked for"));
    const QString &c = e.code;
    if (c == "NoSuchBucket"_L1)
        return tr("The bucket %1 does not exist on this endpoint. Check the bucket name or the connection’s endpoint.").arg(bucket);
    if (c == "NoSuchKey"_L1)
        return tr("The object %1 does not exist (any more). Refresh the listing; someone may have deleted or renamed it.").arg(key);
    if (c == "NoSuchUpload"_L1)
        return tr("The multipart upload no longer exists; it was completed, aborted or expired. Start the upload again.");
    if (c == "NoSuchVersion"_L1)
        return tr("That version of the object does not exist. Refresh the version list.");
    if (c == "AccessDenied"_L1)
        return tr("Access denied. The connection’s keys do not allow this action on %1; check the token’s permissions (an object-scoped token cannot list or create buckets).").arg(e.bucket.isEmpty() ? tr("this resource") : quoted(e.bucket, {}));
    if (c == "InvalidAccessKeyId"_L1)
        return tr("The access key ID is not known to this endpoint. Check the access key ID in the connection settings, and that the key was not deleted.");
    if (c == "SignatureDoesNotMatch"_L1)
        return tr("The server rejected the request signature. Check the secret access key in the connection settings (for R2 it is the SHA-256 of the token value).");
    if (c == "RequestTimeTooSkewed"_L1)
        return tr("This computer’s clock differs too much from the server’s. Set the clock right (turn on automatic time) and try again.");
    if (c == "PermanentRedirect"_L1 || c == "TemporaryRedirect"_L1 || c == "IllegalLocationConstraintException"_L1)
        return tr("The bucket %1 lives in another region or on another endpoint. Check the region and endpoint in the connection settings.").arg(bucket);
    if (c == "ExpiredToken"_L1 || c == "InvalidToken"_L1)
        return tr("The session token has expired or is not valid. Renew the credentials in the connection settings.");
    if (c == "AuthorizationHeaderMalformed"_L1)
        return tr("The server expects another region. Check the region in the connection settings (R2 uses “auto”).");
    if (c == "SlowDown"_L1 || e.httpStatus == 429)
        return tr("The server asks to slow down. Coffer will retry with fewer requests at a time.");
    if (c == "BucketAlreadyExists"_L1)
        return tr("The bucket name %1 is taken by someone else. Choose another name.").arg(bucket);
    if (c == "BucketAlreadyOwnedByYou"_L1)
        return tr("You already own a bucket named %1.").arg(bucket);
    if (c == "BucketNotEmpty"_L1)
        return tr("The bucket %1 is not empty. Delete its objects (and unfinished uploads) first.").arg(bucket);
    if (c == "InvalidBucketName"_L1)
        return tr("The bucket name %1 is not valid. Use 3 to 63 lowercase letters, digits and hyphens.").arg(bucket);
    if (c == "EntityTooLarge"_L1)
        return tr("The object is larger than this provider accepts in one request. Upload it in parts.");
    if (c == "EntityTooSmall"_L1)
        return tr("A part of the multipart upload is smaller than the 5 MiB minimum. Upload it again with a larger part size.");
    if (c == "InvalidPart"_L1 || c == "InvalidPartOrder"_L1)
        return tr("The server rejected the list of parts (%1). Start the upload again.").arg(e.serverMessage.isEmpty() ? c : e.serverMessage);
    if (c == "PreconditionFailed"_L1)
        return tr("The object changed since it was read (a precondition failed). Refresh and try again.");
    if (c == "ConditionalRequestConflict"_L1 || c == "OperationAborted"_L1)
        return tr("Another change to the same object was in progress. Try again.");
    if (c == "InvalidRange"_L1)
        return tr("The requested byte range lies outside the object. Refresh the object’s details and try again.");
    if (c == "BadDigest"_L1 || c == "XAmzContentSHA256Mismatch"_L1)
        return tr("The data arrived damaged (its checksum did not match). Try again.");
    if (c == "MalformedXML"_L1 || c == "InvalidArgument"_L1 || c == "InvalidRequest"_L1)
        return tr("The server refused the request: %1").arg(e.serverMessage.isEmpty() ? c : e.serverMessage);
    if (c == "KeyTooLongError"_L1)
        return tr("The object key is too long; keys can be at most 1,024 bytes. Use a shorter name.");
    if (c == "MetadataTooLarge"_L1)
        return tr("The object’s metadata is too large. Remove some metadata entries.");
    if (c == "InternalError"_L1 || c == "ServiceUnavailable"_L1)
        return tr("The server had an internal problem. Coffer will try again; if it keeps failing, check the provider’s status page.");
    if (c == "RequestTimeout"_L1)
        return tr("The server gave up waiting for the request’s data. Check the network connection; Coffer will try again.");
    return {};
}

} // namespace

QString S3Error::userMessage() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::NotSupported:
        return tr("This feature is not supported by this provider.");
    case Kind::Network:
        return tr("Could not reach the server (%1). Check the network connection and the connection’s endpoint.").arg(detail);
    case Kind::Timeout:
        return tr("The server did not answer in time. Check the network connection and try again.");
    case Kind::Canceled:
        return tr("The operation was canceled.");
    case Kind::InvalidInput:
        return tr("The request was not sent: %1").arg(detail);
    case Kind::Xml:
        return tr("The server’s answer could not be understood: %1 The endpoint may not be an S3-compatible service.").arg(detail);
    case Kind::Integrity:
        return tr("The data failed its integrity check: %1 Try again.").arg(detail);
    case Kind::Auth:
        return tr("No usable credentials: %1 Check the connection’s keys.").arg(detail);
    case Kind::Http:
        break;
    }

    QString message = httpCodeMessage(*this);
    if (message.isEmpty()) {
        if (httpStatus == 403)
            message = tr("Access denied (HTTP 403). Check the connection’s keys and their permissions.");
        else if (httpStatus == 404)
            message = tr("Not found (HTTP 404). The bucket or object may not exist; check the name and the endpoint.");
        else if (httpStatus >= 500)
            message = tr("The server had a problem (HTTP %1). Try again later.").arg(httpStatus);
        else
            message = tr("The server refused the request (HTTP %1%2).")
                          .arg(httpStatus)
                          .arg(code.isEmpty() ? QString() : u", "_s + code);
        if (!serverMessage.isEmpty())
            message += u" "_s + tr("It said: “%1”").arg(serverMessage);
    }
    return message;
}

} // namespace coffer::s3
