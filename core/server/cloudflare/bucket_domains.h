#pragma once
// The domains a bucket is public on: its r2.dev managed domain (named from the account
// and the bucket, switched by the store's public flag) and its custom domains (a JSON
// list in the store's CustomDomains document). The public listener resolves a Host (or
// a first path segment) to a bucket through domainTarget().

#include "server/store/store_error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::server {
class ObjectStore;
}

namespace coffer::server::cloudflare {

// "pub-<32 hex>.r2.dev", stable for an account and bucket, as Cloudflare's looks.
QString managedDomainFor(const QString &accountId, const QString &bucket);
// The 32-hex bucket id the managed-domain answers carry.
QString bucketIdFor(const QString &accountId, const QString &bucket);

struct CustomDomain {
    QString domain; // lowercase hostname
    QString zoneId;
    bool enabled = false;
    QString minTls; // "1.0" .. "1.3"; empty: not set (Cloudflare's default, 1.0)
    QStringList ciphers;
    bool operator==(const CustomDomain &) const = default;
};

// The stored document, and back. A damaged document reads as no domains.
QByteArray writeCustomDomains(const QList<CustomDomain> &domains);
QList<CustomDomain> readCustomDomains(const QByteArray &document);

// As the API answers: with the zone name and, offline, an "active" status.
QJsonObject customDomainJson(const CustomDomain &domain, bool withStatus);

// A POST body ({"domain","zoneId","enabled","minTLS"?,"ciphers"?}) checked field by
// field; error is a sentence naming the field when the body is refused.
struct CustomDomainInput {
    std::optional<CustomDomain> domain;
    QString error;
};
CustomDomainInput customDomainFromJson(const QJsonObject &body);
// A PUT body ({"enabled"?,"minTLS"?,"ciphers"?}) applied to domain; an error sentence or empty.
QString updateCustomDomain(CustomDomain &domain, const QJsonObject &body);

// A Host header or a path segment as a domain: port and trailing dot gone, lowercase.
QString hostName(QByteArrayView host);

// Which bucket a domain serves, and whether it serves it now.
struct DomainTarget {
    QString bucket;
    bool enabled = false;
};
StoreResult<std::optional<DomainTarget>> domainTarget(
    ObjectStore &store, const QString &accountId, const QString &domain);

} // namespace coffer::server::cloudflare
