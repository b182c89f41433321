#include "public_handler.h"

#include "bucket_domains.h"
#include "cloudflare_site.h"

#include "server/api/cors_policy.h"
#include "server/api/handlers.h"
#include "server/api/router.h"
#include "server/api/s3_call.h"
#include "server/api/service.h"
#include "server/store/object_store.h"

#include "s3/sigv4/signer.h"
#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::cloudflare {

namespace {

using api::apiError;

struct PublicTarget {
    QString domain;
    QByteArray key; // decoded
};

// The domain and key a request names: by Host, else by the first path segment.
std::optional<PublicTarget> targetByPath(const QByteArray &rawPath)
{
    const QByteArray rest = rawPath.mid(1);
    const qsizetype slash = rest.indexOf('/');
    const QByteArray domain = slash < 0 ? rest : rest.left(slash);
    if (domain.isEmpty())
        return std::nullopt;
    const QByteArray key = slash < 0 ? QByteArray() : rest.mid(slash + 1);
    return PublicTarget { hostName(coffer::s3::sigv4::percentDecode(domain)),
        coffer::s3::sigv4::percentDecode(key) };
}

std::optional<coffer::s3::CorsConfiguration> bucketCors(ObjectStore &store, const QString &bucket)
{
    const auto document = store.bucketDocument(bucket, BucketDocument::Cors);
    if (!document.ok() || document.value().isEmpty())
        return std::nullopt;
    auto parsed = coffer::s3::xml::parseCorsConfiguration(document.value());
    if (!parsed.ok())
        return std::nullopt;
    return std::move(parsed).value();
}

class PublicHandler : public http::RequestHandler
{
public:
    explicit PublicHandler(const CloudflareSite &site)
        : m_site(site)
    { }

    void handle(http::Exchange *exchange) override
    {
        const http::RequestHead &head = exchange->request();
        const auto parts = api::splitTarget(head.target);
        if (!parts)
            return api::sendError(exchange, apiError("InvalidURI", u"The request target is not a path."_s));
        ObjectStore &store = m_site.service().store();
        const QString account = m_site.options().accountId;

        PublicTarget target { hostName(head.header("host")),
            coffer::s3::sigv4::percentDecode(parts->path.mid(1)) };
        auto found = domainTarget(store, account, target.domain);
        if (found.ok() && !found.value()) {
            if (const auto byPath = targetByPath(parts->path)) {
                target = *byPath;
                found = domainTarget(store, account, target.domain);
            }
        }
        if (!found.ok())
            return api::sendError(exchange, api::fromStore(found.error()));
        if (!found.value())
            return api::sendError(exchange,
                apiError("NoSuchBucket",
                    u"No bucket is public on \"%1\". Enable the bucket's r2.dev "
                    "domain or attach this custom domain first."_s.arg(target.domain),
                    404));
        const DomainTarget &domain = *found.value();
        if (!domain.enabled)
            return api::sendError(exchange,
                apiError("AccessDenied",
                    u"Public access through \"%1\" is disabled for this bucket. "
                    "Enable the domain to serve its objects."_s.arg(target.domain)));
        serve(exchange, domain.bucket, target.key);
    }

private:
    void serve(http::Exchange *exchange, const QString &bucket, const QByteArray &key)
    {
        const http::RequestHead &head = exchange->request();
        ObjectStore &store = m_site.service().store();
        const api::Service &service = m_site.service();
        if (head.method == "OPTIONS") {
            auto *call = new api::Call(service, exchange, api::Options { bucket, key }, api::AuthOutcome {});
            return api::run(*call, std::get<api::Options>(call->endpoint()));
        }
        api::ResponseHeaders cors;
        const QByteArray origin = head.header("origin");
        if (!origin.isEmpty()) {
            if (const auto rules = bucketCors(store, bucket))
                cors = api::actualRequestHeaders(*rules, origin, head.method);
        }
        if (head.method != "GET" && head.method != "HEAD")
            return api::sendError(exchange,
                apiError("MethodNotAllowed",
                    u"A public domain serves only GET and HEAD of objects; write "
                    "through the S3 endpoint with credentials."_s,
                    405),
                cors);
        if (key.isEmpty())
            return api::sendError(exchange,
                apiError("NoSuchKey",
                    u"Name an object: a public domain does not "
                    "list the bucket."_s),
                cors);
        api::AuthOutcome anonymous;
        anonymous.anonymous = true;
        api::Endpoint endpoint;
        if (head.method == "GET")
            endpoint = api::GetObject { { bucket, key }, 0 };
        else
            endpoint = api::HeadObject { { bucket, key }, 0 };
        auto *call = new api::Call(service, exchange, std::move(endpoint), std::move(anonymous));
        call->addResponseHeaders(cors);
        std::visit(
            [call](const auto &e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, api::GetObject> || std::is_same_v<T, api::HeadObject>)
                    api::run(*call, e);
            },
            call->endpoint());
    }

    const CloudflareSite &m_site;
};

} // namespace

http::HandlerFactory publicHandlerFactory(const CloudflareSite &site)
{
    return [&site] { return std::make_unique<PublicHandler>(site); };
}

} // namespace coffer::server::cloudflare
