#include "front_door.h"

#include "api_handler.h"
#include "api_route.h"
#include "cloudflare_site.h"

#include "server/api/router.h"

namespace coffer::server::cloudflare {

namespace {

class FrontDoor : public http::RequestHandler
{
public:
    FrontDoor(const CloudflareSite &site, std::unique_ptr<http::RequestHandler> s3)
        : m_basePath(site.options().apiBasePath)
        , m_api(site)
        , m_s3(std::move(s3))
    { }

    void handle(http::Exchange *exchange) override
    {
        if (isApiRequest(exchange->request(), m_basePath))
            m_api.handle(exchange);
        else
            m_s3->handle(exchange);
    }

private:
    QByteArray m_basePath;
    ApiHandler m_api;
    std::unique_ptr<http::RequestHandler> m_s3;
};

} // namespace

bool isApiRequest(const http::RequestHead &head, QByteArrayView basePath)
{
    const auto parts = api::splitTarget(head.target);
    if (!parts || !pathBelow(parts->path, basePath))
        return false;
    // A signed S3 request (header or presigned) is S3's even under the base path.
    const bool signedS3 = head.header("authorization").startsWith("AWS4-")
        || parts->query.contains("X-Amz-Signature=") || parts->query.contains("x-amz-signature=");
    return !signedS3;
}

http::HandlerFactory frontDoorFactory(const CloudflareSite &site, http::HandlerFactory s3)
{
    return [&site, s3 = std::move(s3)] { return std::make_unique<FrontDoor>(site, s3()); };
}

} // namespace coffer::server::cloudflare
