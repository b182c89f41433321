// domains/managed (the r2.dev switch: the store's public flag) and domains/custom (the
// bucket's CustomDomains document).

#include "api_handler.h"
#include "bucket_domains.h"
#include "cloudflare_site.h"
#include "endpoints.h"

#include "server/store/object_store.h"

#include <QJsonArray>
#include <QMutex>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

// Changes to custom domains read, modify and write a document and must see every other
// bucket's domains (a domain serves one bucket): one change at a time, across workers.
QMutex &domainChanges()
{
    static QMutex mutex;
    return mutex;
}

QJsonObject managedResult(const ApiCall &call, bool enabled)
{
    const QString &bucket = call.route().bucket;
    const QString &account = call.site().options().accountId;
    return { { u"bucketId"_s, bucketIdFor(account, bucket) },
        { u"domain"_s, managedDomainFor(account, bucket) }, { u"enabled"_s, enabled } };
}

void getManaged(ApiCall &call)
{
    const auto isPublic = call.store().isBucketPublic(call.route().bucket);
    if (!isPublic.ok())
        return call.fail(isPublic.error());
    call.succeed(managedResult(call, isPublic.value()));
}

void putManaged(ApiCall &call)
{
    const QJsonValue enabled = call.body().value(u"enabled"_s);
    if (!enabled.isBool())
        return call.fail({ 400, errc::kInvalidRequest,
            u"\"enabled\" is required and must be true or false. Nothing was changed."_s });
    const StoreError error = call.store().setBucketPublic(call.route().bucket, enabled.toBool());
    if (error.isError())
        return call.fail(error);
    call.succeed(managedResult(call, enabled.toBool()));
}

std::optional<QList<CustomDomain>> readDomains(ApiCall &call)
{
    const auto document = call.store().bucketDocument(call.route().bucket, BucketDocument::CustomDomains);
    if (!document.ok()) {
        call.fail(document.error());
        return std::nullopt;
    }
    return readCustomDomains(document.value());
}

qsizetype indexOf(const QList<CustomDomain> &domains, const QString &name)
{
    for (qsizetype i = 0; i < domains.size(); ++i) {
        if (domains.at(i).domain == name)
            return i;
    }
    return -1;
}

CloudflareError noSuchDomain(const ApiCall &call)
{
    return { 404, errc::kNoSuchDomain,
        u"The custom domain \"%1\" is not attached to bucket \"%2\". List the bucket's domains with "
        "GET .../domains/custom."_s.arg(call.route().domain, call.route().bucket) };
}

bool writeDomains(ApiCall &call, const QList<CustomDomain> &domains)
{
    const StoreError error = call.store().setBucketDocument(
        call.route().bucket, BucketDocument::CustomDomains, writeCustomDomains(domains));
    if (error.isError())
        call.fail(error);
    return !error.isError();
}

void listCustom(ApiCall &call)
{
    const auto domains = readDomains(call);
    if (!domains)
        return;
    QJsonArray array;
    for (const CustomDomain &domain : *domains)
        array.append(customDomainJson(domain, true));
    call.succeed(QJsonObject { { u"domains"_s, array } });
}

void addCustom(ApiCall &call)
{
    const CustomDomainInput input = customDomainFromJson(call.body());
    if (!input.domain)
        return call.fail({ 400, errc::kInvalidRequest, input.error + u" Nothing was changed."_s });
    QMutexLocker lock(&domainChanges());
    auto domains = readDomains(call);
    if (!domains)
        return;
    const auto owner = domainTarget(call.store(), call.site().options().accountId, input.domain->domain);
    if (!owner.ok())
        return call.fail(owner.error());
    if (owner.value())
        return call.fail({ 409, errc::kDomainInUse,
            u"The domain \"%1\" already serves bucket \"%2\". Remove it there first."_s.arg(
                input.domain->domain, owner.value()->bucket) });
    domains->append(*input.domain);
    if (writeDomains(call, *domains))
        call.succeed(customDomainJson(*input.domain, false));
}

void getCustom(ApiCall &call)
{
    const auto domains = readDomains(call);
    if (!domains)
        return;
    const qsizetype at = indexOf(*domains, call.route().domain.toLower());
    if (at < 0)
        return call.fail(noSuchDomain(call));
    call.succeed(customDomainJson(domains->at(at), true));
}

void updateCustom(ApiCall &call)
{
    QMutexLocker lock(&domainChanges());
    auto domains = readDomains(call);
    if (!domains)
        return;
    const qsizetype at = indexOf(*domains, call.route().domain.toLower());
    if (at < 0)
        return call.fail(noSuchDomain(call));
    if (const QString error = updateCustomDomain((*domains)[at], call.body()); !error.isEmpty())
        return call.fail({ 400, errc::kInvalidRequest, error + u" Nothing was changed."_s });
    if (!writeDomains(call, *domains))
        return;
    QJsonObject result = customDomainJson(domains->at(at), false);
    result.remove(u"zoneId"_s); // the update answer is {domain, enabled, minTLS?, ciphers?}
    call.succeed(result);
}

void removeCustom(ApiCall &call)
{
    QMutexLocker lock(&domainChanges());
    auto domains = readDomains(call);
    if (!domains)
        return;
    const qsizetype at = indexOf(*domains, call.route().domain.toLower());
    if (at < 0)
        return call.fail(noSuchDomain(call));
    const QString removed = domains->takeAt(at).domain;
    if (writeDomains(call, *domains))
        call.succeed(QJsonObject { { u"domain"_s, removed } });
}

} // namespace

void runDomainAction(ApiCall &call)
{
    switch (call.route().action) {
    case ApiAction::GetManagedDomain:
        return getManaged(call);
    case ApiAction::PutManagedDomain:
        return putManaged(call);
    case ApiAction::ListCustomDomains:
        return listCustom(call);
    case ApiAction::AddCustomDomain:
        return addCustom(call);
    case ApiAction::GetCustomDomain:
        return getCustom(call);
    case ApiAction::UpdateCustomDomain:
        return updateCustom(call);
    case ApiAction::RemoveCustomDomain:
        return removeCustom(call);
    default:
        break;
    }
    call.fail({ 500, errc::kInternal, u"%1 is not a domain action."_s.arg(actionName(call.route().action)) });
}

} // namespace coffer::server::cloudflare
