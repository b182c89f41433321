#pragma once
// The values and errors of the Cloudflare R2 REST API calls Coffer makes.

#include "s3/endpoint/provider.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace coffer::bucket_config {

// A bucket as the REST API addresses it: calls on a jurisdictional bucket carry the
// cf-r2-jurisdiction header, or Cloudflare answers that the bucket does not exist.
struct R2Bucket {
    QString name;
    s3::R2Jurisdiction jurisdiction = s3::R2Jurisdiction::Default;
};

struct R2ApiConfig {
    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.cloudflare.com/client/v4")); }

    QUrl baseUrl = defaultBaseUrl();
    QString accountId;
    QString apiToken; // sent as "Authorization: Bearer"; never logged or shown
    int timeoutMs = 30000;
};

// The r2.dev public URL of a bucket.
struct ManagedDomain {
    bool enabled = false;
    QString domain; // e.g. pub-<hash>.r2.dev
    QString bucketId;
    bool operator==(const ManagedDomain &) const = default;
};

struct CustomDomain {
    QString domain;
    bool enabled = false;
    QString zoneId;
    QString zoneName;
    QString minTls;          // "1.0" … "1.3"; empty when not sent
    QString ownershipStatus; // e.g. "pending", "active"
    QString sslStatus;       // e.g. "initializing", "active"
    bool operator==(const CustomDomain &) const = default;
};

struct CloudflareMessage {
    int code = 0;
    QString message;
    bool operator==(const CloudflareMessage &) const = default;
};

struct R2ApiError {
    enum class Kind {
        None,
        Api,          // Cloudflare answered with success=false or an error status
        Http,         // an error status without Cloudflare's envelope
        Network,      // no answer: connection refused, DNS, TLS, timeout
        Response,     // an answer that is not the envelope or not the expected result
        InvalidInput, // refused before sending (e.g. a lifecycle the form cannot hold)
        Canceled,
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QList<CloudflareMessage> errors; // as Cloudflare sent them
    QString detail;                  // for Network/Response/InvalidInput: what went wrong

    bool isError() const { return kind != Kind::None; }
    // A sentence for a person: Cloudflare's own message(s), and what to do.
    QString userMessage() const;
    bool operator==(const R2ApiError &) const = default;
};

} // namespace coffer::bucket_config
