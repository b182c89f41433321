#include "bucket_domains.h"

#include "server/store/object_store.h"

#include "s3/sigv4/digest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

QString digestHex(const QString &accountId, const QString &bucket, QByteArrayView purpose)
{
    const QByteArray input = accountId.toUtf8() + '\n' + bucket.toUtf8() + '\n' + purpose.toByteArray();
    return QString::fromLatin1(coffer::s3::sigv4::sha256Hex(input).left(32));
}

bool isHostname(const QString &name)
{
    // Letters, digits and hyphens in dot-separated labels of 1..63, at least two labels.
    static const QRegularExpression pattern(
        u"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"_s);
    return pattern.match(name).hasMatch();
}

bool isMinTls(const QString &value)
{
    return value == u"1.0"_s || value == u"1.1"_s || value == u"1.2"_s || value == u"1.3"_s;
}

// Reads the optional minTLS and ciphers fields shared by POST and PUT.
QString readTlsFields(CustomDomain &domain, const QJsonObject &body)
{
    if (body.contains(u"minTLS"_s)) {
        const QJsonValue value = body.value(u"minTLS"_s);
        if (!value.isString() || !isMinTls(value.toString()))
            return u"\"minTLS\" must be one of \"1.0\", \"1.1\", \"1.2\" or \"1.3\"."_s;
        domain.minTls = value.toString();
    }
    if (body.contains(u"ciphers"_s)) {
        const QJsonValue value = body.value(u"ciphers"_s);
        if (!value.isArray())
            return u"\"ciphers\" must be an array of cipher names."_s;
        QStringList ciphers;
        for (const QJsonValue &cipher : value.toArray()) {
            if (!cipher.isString() || cipher.toString().isEmpty())
                return u"\"ciphers\" must hold only non-empty strings."_s;
            ciphers.append(cipher.toString());
        }
        domain.ciphers = ciphers;
    }
    return {};
}

QJsonArray stringArray(const QStringList &values)
{
    QJsonArray array;
    for (const QString &value : values)
        array.append(value);
    return array;
}

} // namespace

QString managedDomainFor(const QString &accountId, const QString &bucket)
{
    return u"pub-"_s + digestHex(accountId, bucket, "r2.dev") + u".r2.dev"_s;
}

QString bucketIdFor(const QString &accountId, const QString &bucket)
{
    return digestHex(accountId, bucket, "bucket-id");
}

QByteArray writeCustomDomains(const QList<CustomDomain> &domains)
{
    if (domains.isEmpty())
        return {};
    QJsonArray array;
    for (const CustomDomain &domain : domains)
        array.append(customDomainJson(domain, false));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<CustomDomain> readCustomDomains(const QByteArray &document)
{
    QList<CustomDomain> domains;
    for (const QJsonValue &value : QJsonDocument::fromJson(document).array()) {
        const QJsonObject object = value.toObject();
        CustomDomain domain;
        domain.domain = object.value(u"domain"_s).toString();
        domain.zoneId = object.value(u"zoneId"_s).toString();
        domain.enabled = object.value(u"enabled"_s).toBool();
        domain.minTls = object.value(u"minTLS"_s).toString();
        for (const QJsonValue &cipher : object.value(u"ciphers"_s).toArray())
            domain.ciphers.append(cipher.toString());
        if (!domain.domain.isEmpty())
            domains.append(domain);
    }
    return domains;
}

QJsonObject customDomainJson(const CustomDomain &domain, bool withStatus)
{
    QJsonObject object { { u"domain"_s, domain.domain }, { u"enabled"_s, domain.enabled },
        { u"zoneId"_s, domain.zoneId } };
    if (!domain.minTls.isEmpty())
        object.insert(u"minTLS"_s, domain.minTls);
    if (!domain.ciphers.isEmpty())
        object.insert(u"ciphers"_s, stringArray(domain.ciphers));
    if (withStatus) {
        // The zone is the registrable part of the name as far as this server can tell
        // (the last two labels); offline, ownership and certificate are always in order.
        const QStringList labels = domain.domain.split(u'.');
        object.insert(u"zoneName"_s, labels.mid(qMax(0, int(labels.size()) - 2)).join(u'.'));
        object.insert(
            u"status"_s, QJsonObject { { u"ownership"_s, u"active"_s }, { u"ssl"_s, u"active"_s } });
    }
    return object;
}

CustomDomainInput customDomainFromJson(const QJsonObject &body)
{
    const QJsonValue name = body.value(u"domain"_s);
    if (!name.isString() || name.toString().isEmpty())
        return { std::nullopt,
            u"\"domain\" is required: the hostname to serve the bucket on, e.g. "
            "\"files.example.com\"."_s };
    CustomDomain domain;
    domain.domain = hostName(name.toString().toUtf8());
    if (!isHostname(domain.domain) || domain.domain != name.toString().toLower())
        return { std::nullopt,
            u"\"%1\" is not a hostname. Give a name such as \"files.example.com\", "
            "without scheme, port or path."_s.arg(name.toString()) };
    const QJsonValue zone = body.value(u"zoneId"_s);
    if (!zone.isString() || zone.toString().isEmpty())
        return { std::nullopt, u"\"zoneId\" is required: the id of the zone the domain belongs to."_s };
    domain.zoneId = zone.toString();
    const QJsonValue enabled = body.value(u"enabled"_s);
    if (!enabled.isBool())
        return { std::nullopt, u"\"enabled\" is required and must be true or false."_s };
    domain.enabled = enabled.toBool();
    if (QString error = readTlsFields(domain, body); !error.isEmpty())
        return { std::nullopt, error };
    return { domain, {} };
}

QString updateCustomDomain(CustomDomain &domain, const QJsonObject &body)
{
    CustomDomain updated = domain;
    if (body.contains(u"enabled"_s)) {
        if (!body.value(u"enabled"_s).isBool())
            return u"\"enabled\" must be true or false."_s;
        updated.enabled = body.value(u"enabled"_s).toBool();
    }
    if (QString error = readTlsFields(updated, body); !error.isEmpty())
        return error;
    domain = updated;
    return {};
}

QString hostName(QByteArrayView host)
{
    QString name = QString::fromUtf8(host).trimmed().toLower();
    if (name.startsWith(u'[')) // an IPv6 literal keeps its colons
        return name.left(name.indexOf(u']') + 1);
    const qsizetype colon = name.indexOf(u':');
    if (colon >= 0)
        name.truncate(colon);
    while (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

StoreResult<std::optional<DomainTarget>> domainTarget(
    ObjectStore &store, const QString &accountId, const QString &domain)
{
    const auto buckets = store.listBuckets();
    if (!buckets.ok())
        return buckets.error();
    for (const BucketRecord &bucket : buckets.value()) {
        if (managedDomainFor(accountId, bucket.name) == domain) {
            const auto isPublic = store.isBucketPublic(bucket.name);
            if (!isPublic.ok() && isPublic.error().code() == StoreError::Code::NoSuchBucket)
                continue; // deleted since the listing
            if (!isPublic.ok())
                return isPublic.error();
            return std::optional<DomainTarget>(DomainTarget { bucket.name, isPublic.value() });
        }
        const auto document = store.bucketDocument(bucket.name, BucketDocument::CustomDomains);
        if (!document.ok() && document.error().code() == StoreError::Code::NoSuchBucket)
            continue;
        if (!document.ok())
            return document.error();
        for (const CustomDomain &custom : readCustomDomains(document.value())) {
            if (custom.domain == domain)
                return std::optional<DomainTarget>(DomainTarget { bucket.name, custom.enabled });
        }
    }
    return std::optional<DomainTarget>();
}

} // namespace coffer::server::cloudflare
