#include "s3/error/errorcodes.h"

#include <QString>

using namespace Qt::StringLiterals;

namespace coffer::s3 {

namespace {

// Status and message as Amazon's S3 API reference lists them ("Error responses").
constexpr S3ErrorCodeInfo kCodes[] = {
    {"AccessDenied"_L1, 403, "Access Denied"_L1},
    {"AccessForbidden"_L1, 403, "CORSResponse: This CORS request is not allowed."_L1},
    {"AccountProblem"_L1, 403, "There is a problem with your account that prevents the operation from completing successfully."_L1},
    {"AuthorizationHeaderMalformed"_L1, 400, "The authorization header you provided is invalid."_L1},
    {"AuthorizationQueryParametersError"_L1, 400, "The authorization query parameters are invalid."_L1},
    {"BadDigest"_L1, 400, "The Content-MD5 or checksum value that you specified did not match what the server received."_L1},
    {"BadRequest"_L1, 400, "Bad Request"_L1},
    {"BucketAlreadyExists"_L1, 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."_L1},
    {"BucketAlreadyOwnedByYou"_L1, 409, "The bucket that you tried to create already exists, and you own it."_L1},
    {"BucketNotEmpty"_L1, 409, "The bucket that you tried to delete is not empty."_L1},
    {"ConditionalRequestConflict"_L1, 409, "A conflicting operation occurred. Retry the request."_L1},
    {"EntityTooLarge"_L1, 400, "Your proposed upload exceeds the maximum allowed object size."_L1},
    {"EntityTooSmall"_L1, 400, "Your proposed upload is smaller than the minimum allowed object size."_L1},
    {"ExpiredToken"_L1, 400, "The provided token has expired."_L1},
    {"IllegalLocationConstraintException"_L1, 400, "The unspecified location constraint is incompatible for the Region-specific endpoint this request was sent to."_L1},
    {"IllegalVersioningConfigurationException"_L1, 400, "The versioning configuration specified in the request is invalid."_L1},
    {"IncompleteBody"_L1, 400, "You did not provide the number of bytes specified by the Content-Length HTTP header."_L1},
    {"InternalError"_L1, 500, "We encountered an internal error. Please try again."_L1},
    {"InvalidAccessKeyId"_L1, 403, "The AWS access key ID that you provided does not exist in our records."_L1},
    {"InvalidArgument"_L1, 400, "Invalid Argument"_L1},
    {"InvalidBucketName"_L1, 400, "The specified bucket is not valid."_L1},
    {"InvalidBucketState"_L1, 409, "The request is not valid for the current state of the bucket."_L1},
    {"InvalidDigest"_L1, 400, "The Content-MD5 or checksum value that you specified is not valid."_L1},
    {"InvalidEncryptionAlgorithmError"_L1, 400, "The encryption request that you specified is not valid."_L1},
    {"InvalidLocationConstraint"_L1, 400, "The specified location (Region) constraint is not valid."_L1},
    {"InvalidObjectState"_L1, 403, "The operation is not valid for the current state of the object."_L1},
    {"InvalidPart"_L1, 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified ETag might not have matched the uploaded part's ETag."_L1},
    {"InvalidPartNumber"_L1, 416, "The requested part number is not satisfiable."_L1},
    {"InvalidPartOrder"_L1, 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number."_L1},
    {"InvalidPolicyDocument"_L1, 400, "The content of the policy document is not valid."_L1},
    {"InvalidRange"_L1, 416, "The requested range cannot be satisfied."_L1},
    {"InvalidRequest"_L1, 400, "Invalid Request"_L1},
    {"InvalidSecurity"_L1, 403, "The provided security credentials are not valid."_L1},
    {"InvalidStorageClass"_L1, 400, "The storage class that you specified is not valid."_L1},
    {"InvalidTag"_L1, 400, "The tag provided was not a valid tag."_L1},
    {"InvalidToken"_L1, 400, "The provided token is malformed or otherwise not valid."_L1},
    {"InvalidURI"_L1, 400, "The specified URI couldn't be parsed."_L1},
    {"KeyTooLongError"_L1, 400, "Your key is too long."_L1},
    {"MalformedACLError"_L1, 400, "The ACL that you provided was not well formed or did not validate against our published schema."_L1},
    {"MalformedPolicy"_L1, 400, "Policies must be valid JSON and the first byte must be '{'."_L1},
    {"MalformedXML"_L1, 400, "The XML that you provided was not well formed or did not validate against our published schema."_L1},
    {"MaxMessageLengthExceeded"_L1, 400, "Your request was too large."_L1},
    {"MetadataTooLarge"_L1, 400, "Your metadata headers exceed the maximum allowed metadata size."_L1},
    {"MethodNotAllowed"_L1, 405, "The specified method is not allowed against this resource."_L1},
    {"MissingContentLength"_L1, 411, "You must provide the Content-Length HTTP header."_L1},
    {"MissingContentMD5"_L1, 400, "Missing required header for this request: Content-MD5."_L1},
    {"MissingRequestBodyError"_L1, 400, "Request Body is empty."_L1},
    {"MissingSecurityHeader"_L1, 400, "Your request is missing a required header."_L1},
    {"NoSuchBucket"_L1, 404, "The specified bucket does not exist."_L1},
    {"NoSuchBucketPolicy"_L1, 404, "The specified bucket does not have a bucket policy."_L1},
    {"NoSuchCORSConfiguration"_L1, 404, "The CORS configuration does not exist."_L1},
    {"NoSuchKey"_L1, 404, "The specified key does not exist."_L1},
    {"NoSuchLifecycleConfiguration"_L1, 404, "The lifecycle configuration does not exist."_L1},
    {"NoSuchPublicAccessBlockConfiguration"_L1, 404, "The public access block configuration was not found."_L1},
    {"NoSuchTagSet"_L1, 404, "The specified tag set does not exist."_L1},
    {"NoSuchUpload"_L1, 404, "The specified multipart upload does not exist. The upload ID might not be valid, or the multipart upload might have been aborted or completed."_L1},
    {"NoSuchVersion"_L1, 404, "The version ID specified in the request does not match an existing version."_L1},
    {"NoSuchWebsiteConfiguration"_L1, 404, "The specified bucket does not have a website configuration."_L1},
    {"NotImplemented"_L1, 501, "A header or query you provided implies functionality that is not implemented."_L1},
    {"NotModified"_L1, 304, "Not Modified"_L1},
    {"ObjectLockConfigurationNotFoundError"_L1, 404, "Object Lock configuration does not exist for this bucket."_L1},
    {"OperationAborted"_L1, 409, "A conflicting conditional operation is currently in progress against this resource. Try again."_L1},
    {"OwnershipControlsNotFoundError"_L1, 404, "The bucket ownership controls were not found."_L1},
    {"PermanentRedirect"_L1, 301, "The bucket that you are attempting to access must be addressed using the specified endpoint."_L1},
    {"PreconditionFailed"_L1, 412, "At least one of the preconditions that you specified did not hold."_L1},
    {"RequestTimeout"_L1, 400, "Your socket connection to the server was not read from or written to within the timeout period."_L1},
    {"RequestTimeTooSkewed"_L1, 403, "The difference between the request time and the server's time is too large."_L1},
    {"ServerSideEncryptionConfigurationNotFoundError"_L1, 404, "The server side encryption configuration was not found."_L1},
    {"ServiceUnavailable"_L1, 503, "Service is unable to handle request."_L1},
    {"SignatureDoesNotMatch"_L1, 403, "The request signature that the server calculated does not match the signature that you provided. Check your secret access key and signing method."_L1},
    {"SlowDown"_L1, 503, "Please reduce your request rate."_L1},
    {"TemporaryRedirect"_L1, 307, "You are being redirected to the bucket while DNS updates."_L1},
    {"TooManyBuckets"_L1, 400, "You have attempted to create more buckets than are allowed."_L1},
    {"UnexpectedContent"_L1, 400, "This request does not support content."_L1},
    {"XAmzContentSHA256Mismatch"_L1, 400, "The provided 'x-amz-content-sha256' header does not match what was computed."_L1},
};

const S3ErrorCodeInfo *find(QAnyStringView code)
{
    for (const S3ErrorCodeInfo &info : kCodes) {
        if (QAnyStringView::compare(info.code, code) == 0)
            return &info;
    }
    return nullptr;
}

} // namespace

QList<S3ErrorCodeInfo> s3ErrorCodes()
{
    return QList<S3ErrorCodeInfo>(std::begin(kCodes), std::end(kCodes));
}

int s3ErrorStatus(QAnyStringView code)
{
    const S3ErrorCodeInfo *info = find(code);
    return info ? info->httpStatus : 500;
}

QLatin1StringView s3ErrorDefaultMessage(QAnyStringView code)
{
    const S3ErrorCodeInfo *info = find(code);
    return info ? info->defaultMessage : "We encountered an internal error. Please try again."_L1;
}

bool isKnownS3ErrorCode(QAnyStringView code)
{
    return find(code) != nullptr;
}

} // namespace coffer::s3
