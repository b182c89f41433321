#pragma once
// One error type for everything an S3 call can end with: the server's <Error> document,
// a provider that does not implement a call, the network, a timeout, bad input, ...
// userMessage() is the sentence a person reads: what happened and what to do.

#include <QByteArrayView>
#include <QString>

namespace coffer::s3 {

namespace xml {
struct XmlError;
}

struct S3Error {
    enum class Kind {
        None,         // no error
        Http,         // the server answered with an error status (and usually <Error>)
        NotSupported, // the provider does not implement this call (501, or 405/400/404 on
                      // a configuration subresource): hide the feature, not fatal
        Network,      // connection refused, DNS, TLS, reset
        Timeout,
        Canceled,
        InvalidInput, // the request was refused before it was sent
        Xml,          // the response body could not be understood
        Integrity,    // a checksum or size did not match what was sent/expected
        Auth,         // no usable credentials (missing, locked keychain, ...)
        Local,        // this side failed (disk full, file unreadable) or a job sums up what it
                      // could not do; detail is the whole sentence to show
    };

    Kind kind = Kind::None;
    QString code;       // the S3 error code, e.g. NoSuchKey
    int httpStatus = 0; // 0 when no response arrived
    QString requestId;
    QString hostId;
    QString resource;
    QString serverMessage; // <Message> as the server wrote it
    QString detail;        // for non-Http kinds: what the lower layer said

    // Context for userMessage(); the client fills in what the call was about.
    QString bucket;
    QString key;

    bool isError() const { return kind != Kind::None; }
    bool isNotSupported() const { return kind == Kind::NotSupported; }
    // Worth trying again after a pause: 5xx (not 501), 429, SlowDown, RequestTimeout,
    // InternalError, network failures and timeouts.
    bool isRetryable() const;
    // A sentence for a person: what happened and what to do about it.
    QString userMessage() const;

    // Classifies a response. body may be empty (HEAD) or not XML (a proxy's HTML page).
    // isConfigurationCall: the request targeted a bucket configuration subresource
    // (?cors ?lifecycle ?policy ?publicAccessBlock ?versioning ?tagging ...), where
    // providers answer 405/400/404 instead of 501 for "not implemented here".
    static S3Error fromResponse(int httpStatus, QByteArrayView body, bool isConfigurationCall);

    static S3Error network(const QString &detail);
    static S3Error timeout(const QString &detail = {});
    static S3Error canceled();
    static S3Error invalidInput(const QString &detail);
    static S3Error xml(const xml::XmlError &error);
    static S3Error integrity(const QString &detail);
    static S3Error auth(const QString &detail);
    // detail: a whole sentence saying what failed here and what to do.
    static S3Error local(const QString &detail);

    S3Error &withBucket(const QString &bucketName) { bucket = bucketName; return *this; }
    S3Error &withKey(const QString &objectKey) { key = objectKey; return *this; }

    bool operator==(const S3Error &) const = default;
};

} // namespace coffer::s3
