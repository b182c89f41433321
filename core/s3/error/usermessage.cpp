// S3Error::userMessage(): the sentence a person reads, with what to do next.

#include "s3/error/s3error.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

// Every text passed here is marked with QT_TRANSLATE_NOOP under this context, which
// is how lupdate finds the strings of a library without QObject classes.
QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::s3::S3Error", text);
}

QString quoted(const QString &name, const QString &fallback)
{
    return name.isEmpty() ? fallback : u"“"_s + name + u"”"_s;
}

// What a message takes as its %1.
enum class Fill { Nothing, Bucket, Key, ServerText };

struct CodeMessage {
    QLatin1StringView code;
    const char *text; // marked for lupdate; translated when shown
    Fill fill = Fill::Nothing;
};

// One sentence per S3 error code: what happened and what to do. The texts are marked
// with QT_TRANSLATE_NOOP so lupdate extracts them under the S3Error context.
constexpr CodeMessage kMessages[] = {
    {"NoSuchBucket"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 does not exist on this endpoint. Check the bucket name or the connection’s endpoint."), Fill::Bucket},
    {"NoSuchKey"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The object %1 does not exist (any more). Refresh the listing; someone may have deleted or renamed it."), Fill::Key},
    {"NoSuchUpload"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The multipart upload no longer exists; it was completed, aborted or expired. Start the upload again.")},
    {"NoSuchVersion"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "That version of the object does not exist. Refresh the version list.")},
    {"NoSuchCORSConfiguration"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no CORS rules yet. Add a rule to create them."), Fill::Bucket},
    {"NoSuchLifecycleConfiguration"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no lifecycle rules yet. Add a rule to create them."), Fill::Bucket},
    {"NoSuchBucketPolicy"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no bucket policy. Write one to grant access."), Fill::Bucket},
    {"NoSuchPublicAccessBlockConfiguration"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no public access block; nothing blocks public access beyond the account’s settings."), Fill::Bucket},
    {"ServerSideEncryptionConfigurationNotFoundError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no default encryption configured."), Fill::Bucket},
    {"NoSuchTagSet"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "There are no tags set here yet. Add a tag to create the tag set.")},
    {"NoSuchWebsiteConfiguration"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 is not configured as a website."), Fill::Bucket},
    {"OwnershipControlsNotFoundError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no object ownership setting."), Fill::Bucket},
    {"ObjectLockConfigurationNotFoundError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 has no object lock configuration."), Fill::Bucket},
    {"InvalidAccessKeyId"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The access key ID is not known to this endpoint. Check the access key ID in the connection settings, and that the key was not deleted.")},
    {"SignatureDoesNotMatch"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server rejected the request signature. Check the secret access key in the connection settings (for R2 it is the SHA-256 of the token value).")},
    {"RequestTimeTooSkewed"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "This computer’s clock differs too much from the server’s. Set the clock right (turn on automatic time) and try again.")},
    {"PermanentRedirect"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 lives in another region or on another endpoint. Check the region and endpoint in the connection settings."), Fill::Bucket},
    {"TemporaryRedirect"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 lives in another region or on another endpoint. Check the region and endpoint in the connection settings."), Fill::Bucket},
    {"IllegalLocationConstraintException"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 lives in another region or on another endpoint. Check the region and endpoint in the connection settings."), Fill::Bucket},
    {"ExpiredToken"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The session token has expired or is not valid. Renew the credentials in the connection settings.")},
    {"InvalidToken"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The session token has expired or is not valid. Renew the credentials in the connection settings.")},
    {"AuthorizationHeaderMalformed"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server expects another region. Check the region in the connection settings (R2 uses “auto”).")},
    {"AuthorizationQueryParametersError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The link’s signature parameters are not valid for this server (wrong region or a damaged link). Create the link again with the connection’s region.")},
    {"BucketAlreadyExists"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket name %1 is taken by someone else. Choose another name."), Fill::Bucket},
    {"BucketAlreadyOwnedByYou"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "You already own a bucket named %1."), Fill::Bucket},
    {"BucketNotEmpty"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket %1 is not empty. Delete its objects (and unfinished uploads) first."), Fill::Bucket},
    {"InvalidBucketName"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket name %1 is not valid. Use 3 to 63 lowercase letters, digits and hyphens."), Fill::Bucket},
    {"EntityTooLarge"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The object is larger than this provider accepts in one request. Upload it in parts.")},
    {"EntityTooSmall"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "A part of the multipart upload is smaller than the 5 MiB minimum. Upload it again with a larger part size.")},
    {"InvalidPart"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server rejected the list of parts (%1). Start the upload again."), Fill::ServerText},
    {"InvalidPartOrder"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server rejected the list of parts (%1). Start the upload again."), Fill::ServerText},
    {"PreconditionFailed"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The object changed since it was read (a precondition failed). Refresh and try again.")},
    {"ConditionalRequestConflict"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Another change to the same object was in progress. Try again.")},
    {"OperationAborted"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Another change to the same object was in progress. Try again.")},
    {"InvalidRange"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The requested byte range lies outside the object. Refresh the object’s details and try again.")},
    {"BadDigest"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The data arrived damaged (its checksum did not match). Try again.")},
    {"XAmzContentSHA256Mismatch"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The data arrived damaged (its checksum did not match). Try again.")},
    {"InvalidDigest"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The checksum sent with the data is not a valid value (%1). Try again; if it keeps failing, report it."), Fill::ServerText},
    {"IncompleteBody"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server received less data than announced; the connection may have dropped. Try again.")},
    {"MalformedXML"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server refused the request: %1"), Fill::ServerText},
    {"InvalidArgument"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server refused the request: %1"), Fill::ServerText},
    {"InvalidRequest"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server refused the request: %1"), Fill::ServerText},
    {"MalformedPolicy"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket policy is not valid: %1 Correct the policy document and save it again."), Fill::ServerText},
    {"InvalidPolicyDocument"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The bucket policy is not valid: %1 Correct the policy document and save it again."), Fill::ServerText},
    {"InvalidURI"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server could not read the request’s address (%1). The object key may contain characters this server cannot take; try another name."), Fill::ServerText},
    {"InvalidStorageClass"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "This provider does not offer the chosen storage class. Choose another storage class.")},
    {"InvalidEncryptionAlgorithmError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The encryption settings are not accepted by this provider. Check the encryption options.")},
    {"KeyTooLongError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The object key is too long; keys can be at most 1,024 bytes. Use a shorter name.")},
    {"MetadataTooLarge"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The object’s metadata is too large. Remove some metadata entries.")},
    {"MissingContentLength"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server needs the size of the data before it arrives. Try again; if it keeps failing, report it.")},
    {"InternalError"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server had an internal problem. Coffer will try again; if it keeps failing, check the provider’s status page.")},
    {"ServiceUnavailable"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server cannot take this request now (%1). Try again later."), Fill::ServerText},
    {"RequestTimeout"_L1, QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server gave up waiting for the request’s data. Check the network connection; Coffer will try again.")},
};

QString httpCodeMessage(const S3Error &e)
{
    const QString &c = e.code;
    if (c == "AccessDenied"_L1)
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Access denied. The connection’s keys do not allow this action on %1; check the token’s permissions (an object-scoped token cannot list or create buckets)."))
            .arg(e.bucket.isEmpty() ? tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "this resource")) : quoted(e.bucket, {}));
    if (c == "SlowDown"_L1 || e.httpStatus == 429)
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server asks to slow down. Coffer will retry with fewer requests at a time."));
    for (const CodeMessage &entry : kMessages) {
        if (c != entry.code)
            continue;
        const QString text = tr(entry.text);
        switch (entry.fill) {
        case Fill::Nothing: return text;
        case Fill::Bucket: return text.arg(quoted(e.bucket, tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "you asked for"))));
        case Fill::Key: return text.arg(quoted(e.key, tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "you asked for"))));
        case Fill::ServerText: return text.arg(e.serverMessage.isEmpty() ? c : e.serverMessage);
        }
    }
    return {};
}

} // namespace

QString S3Error::userMessage() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::NotSupported:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "This feature is not supported by this provider."));
    case Kind::Network:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Could not reach the server (%1). Check the network connection and the connection’s endpoint.")).arg(detail);
    case Kind::Timeout:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server did not answer in time. Check the network connection and try again."));
    case Kind::Canceled:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The operation was canceled."));
    case Kind::InvalidInput:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The request was not sent: %1")).arg(detail);
    case Kind::Xml:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server’s answer could not be understood: %1 The endpoint may not be an S3-compatible service.")).arg(detail);
    case Kind::Integrity:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The data failed its integrity check: %1 Try again.")).arg(detail);
    case Kind::Auth:
        return tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "No usable credentials: %1 Check the connection’s keys.")).arg(detail);
    case Kind::Local:
        return detail;
    case Kind::Http:
        break;
    }

    QString message = httpCodeMessage(*this);
    if (message.isEmpty()) {
        if (httpStatus == 403)
            message = tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Access denied (HTTP 403). Check the connection’s keys and their permissions."));
        else if (httpStatus == 404)
            message = tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "Not found (HTTP 404). The bucket or object may not exist; check the name and the endpoint."));
        else if (httpStatus >= 500)
            message = tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server had a problem (HTTP %1). Try again later.")).arg(httpStatus);
        else
            message = tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "The server refused the request (HTTP %1%2)."))
                          .arg(httpStatus)
                          .arg(code.isEmpty() ? QString() : u", "_s + code);
        if (!serverMessage.isEmpty())
            message += u" "_s + tr(QT_TRANSLATE_NOOP("coffer::s3::S3Error", "It said: “%1”")).arg(serverMessage);
    }
    return message;
}

} // namespace coffer::s3
