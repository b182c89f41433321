#include "s3_request_handler.h"

#include "bucket_policy.h"
#include "cors_policy.h"
#include "handlers.h"
#include "object_headers.h"
#include "router.h"
#include "s3_call.h"

#include "server/store/object_store.h"

#include "s3/xml/documents.h"

using namespace Qt::StringLiterals;

namespace coffer::server::api {

namespace {

AuthRequest authRequest(const http::RequestHead &head)
{
    return AuthRequest{head.method, head.target, head.headers};
}

std::optional<coffer::s3::CorsConfiguration> bucketCors(const Service &service, const QString &bucket)
{
    if (bucket.isEmpty())
        return std::nullopt;
    const auto document = service.store().bucketDocument(bucket, BucketDocument::Cors);
    if (!document.ok() || document.value().isEmpty())
        return std::nullopt;
    auto parsed = coffer::s3::xml::parseCorsConfiguration(document.value());
    if (!parsed.ok())
        return std::nullopt;
    return std::move(parsed).value();
}

bool isAnonymousReadEndpoint(const Endpoint &endpoint)
{
    return std::holds_alternative<GetObject>(endpoint) || std::holds_alternative<HeadObject>(endpoint);
}

// R2 answers 501 for what it does not have; S3 mode implements policy and PAB.
std::optional<ApiError> refuseForMode(const Service &service, const Endpoint &endpoint, const http::RequestHead &head)
{
    if (!service.isR2())
        return std::nullopt;
    const bool policyOrVersioning = std::visit([](const auto &e) {
        using T = std::decay_t<decltype(e)>;
        return std::is_same_v<T, GetBucketPolicy> || std::is_same_v<T, PutBucketPolicy>
            || std::is_same_v<T, DeleteBucketPolicy> || std::is_same_v<T, GetBucketPolicyStatus>
            || std::is_same_v<T, GetPublicAccessBlock> || std::is_same_v<T, PutPublicAccessBlock>
            || std::is_same_v<T, DeletePublicAccessBlock> || std::is_same_v<T, GetBucketVersioning>
            || std::is_same_v<T, PutBucketVersioning>;
    }, endpoint);
    if (policyOrVersioning)
        return apiError("NotImplemented", u"%1 is not implemented in R2 mode, as on Cloudflare R2. "
                                          "Start the server with --mode s3 to use it."_s
                                              .arg(QString::fromLatin1(endpointName(endpoint))));
    const bool writes = std::holds_alternative<PutObject>(endpoint) || std::holds_alternative<CopyObject>(endpoint)
        || std::holds_alternative<CreateMultipartUpload>(endpoint) || std::holds_alternative<CreateBucket>(endpoint);
    if (writes)
        return refuseR2OnlyHeaders(head);
    return std::nullopt;
}

} // namespace

bool allowsAnonymousRead(const Service &service, const QString &bucket)
{
    if (service.isR2()) {
        const auto isPublic = service.store().isBucketPublic(bucket);
        return isPublic.ok() && isPublic.value();
    }
    const auto blockDoc = service.store().bucketDocument(bucket, BucketDocument::PublicAccessBlock);
    if (blockDoc.ok() && !blockDoc.value().isEmpty()) {
        const auto block = coffer::s3::xml::parsePublicAccessBlockConfiguration(blockDoc.value());
        if (block.ok() && block->restrictPublicBuckets)
            return false;
    }
    const auto policy = service.store().bucketDocument(bucket, BucketDocument::Policy);
    return policy.ok() && !policy.value().isEmpty() && policyGrantsPublicRead(policy.value());
}

S3RequestHandler::S3RequestHandler(const Service &service)
    : m_service(service)
{
}

void S3RequestHandler::handle(http::Exchange *exchange)
{
    const http::RequestHead &head = exchange->request();
    const RouteResult routed = route({head.method, head.target, head.header("host"), head.header("x-amz-copy-source")},
                                     m_service.config().router);
    if (!routed.ok())
        return sendError(exchange, routed.error);
    const Endpoint &endpoint = *routed.endpoint;
    const QString bucket = endpointBucket(endpoint);

    // A preflight carries no credentials: the bucket's CORS rules alone decide it.
    if (std::holds_alternative<Options>(endpoint)) {
        auto *call = new Call(m_service, exchange, endpoint, AuthOutcome{});
        run(*call, std::get<Options>(call->endpoint()));
        return;
    }

    AuthOutcome auth = authenticate(authRequest(head), m_service.auth(), m_service.now());
    const QByteArray origin = head.header("origin");
    ResponseHeaders cors;
    if (!origin.isEmpty()) {
        if (const auto rules = bucketCors(m_service, bucket))
            cors = actualRequestHeaders(*rules, origin, head.method);
    }
    if (!auth.ok())
        return sendError(exchange, *auth.error, cors);
    if (auth.anonymous) {
        if (!isAnonymousReadEndpoint(endpoint) || !allowsAnonymousRead(m_service, bucket))
            return sendError(exchange, apiError("AccessDenied", u"Anonymous requests are allowed only to read "
                                                                "objects of a public bucket. Sign the request."_s), cors);
    }
    if (const auto refused = refuseForMode(m_service, endpoint, head))
        return sendError(exchange, *refused, cors);

    auto *call = new Call(m_service, exchange, endpoint, std::move(auth));
    call->addResponseHeaders(cors);
    std::visit([call](const auto &e) { run(*call, e); }, call->endpoint());
}

void run(Call &call, const Options &e)
{
    const http::RequestHead &head = call.head();
    const QByteArray origin = head.header("origin");
    const QByteArray method = head.header("access-control-request-method");
    if (origin.isEmpty() || method.isEmpty())
        return call.fail(apiError("BadRequest", u"A CORS preflight needs Origin and Access-Control-Request-Method "
                                                "headers."_s, 400));
    if (e.bucket.isEmpty())
        return call.fail(apiError("AccessForbidden", u"CORSResponse: name a bucket; CORS is configured per bucket."_s, 403));
    const auto rules = bucketCors(call.service(), e.bucket);
    if (!rules)
        return call.fail(apiError("AccessForbidden", u"CORSResponse: this bucket has no CORS configuration. "
                                                     "Add one with PutBucketCors."_s, 403));
    const auto answer = answerPreflight(*rules, {origin, method, head.header("access-control-request-headers")});
    if (!answer)
        return call.fail(apiError("AccessForbidden", u"CORSResponse: this CORS request is not allowed by the "
                                                     "bucket's rules (origin, method or headers)."_s, 403));
    call.sendStatus(200, *answer);
}

void run(Call &call, const Unsupported &e)
{
    call.fail(apiError("NotImplemented", u"\"%1\" is not implemented by this server (no ACLs, tagging, "
                                         "object lock, website or similar settings)."_s
                                             .arg(QString::fromLatin1(e.what))));
}

http::HandlerFactory s3HandlerFactory(const Service &service)
{
    return [&service] { return std::make_unique<S3RequestHandler>(service); };
}

} // namespace coffer::server::api
