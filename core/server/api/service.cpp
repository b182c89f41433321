#include "service.h"

namespace coffer::server::api {

namespace {

QList<QByteArray> acceptedRegions(const ServiceConfig &config)
{
    // R2 signs with "auto" but accepts what SDKs default to (us-east-1, or nothing).
    if (config.mode == ServerMode::R2 || config.region == "auto")
        return {config.region, "auto", "us-east-1", ""};
    return {config.region};
}

} // namespace

Service::Service(ServiceConfig config, ObjectStore &store)
    : m_config(std::move(config))
    , m_store(store)
    , m_auth{m_config.credentials, acceptedRegions(m_config)}
{
}

QDateTime Service::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentDateTimeUtc();
}

} // namespace coffer::server::api
