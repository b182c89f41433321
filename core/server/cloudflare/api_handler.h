#pragma once
// The emulated Cloudflare API on the HTTP layer, one instance per worker thread: check
// the bearer token (in constant time; it never reaches a log), route, check the account
// and the cf-r2-jurisdiction header, read and parse a JSON body, then run the action.

#include "api_route.h"

#include "server/http/requesthandler.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace coffer::server {
class ObjectStore;
}

namespace coffer::server::cloudflare {

class CloudflareSite;

// One API call in flight, a child of its exchange.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    ApiCall(const CloudflareSite &site, http::Exchange *exchange, ApiRoute route, QByteArray rawBody = {},
        QJsonObject body = {});

    const CloudflareSite &site() const { return m_site; }
    ObjectStore &store() const;
    const ApiRoute &route() const { return m_route; }
    const QJsonObject &body() const { return m_body; }
    // The body as it arrived, for readers that point at a line of it.
    const QByteArray &rawBody() const { return m_rawBody; }

    // Each is the last thing an action does with the call.
    void succeed(const QJsonValue &result);
    void fail(const CloudflareError &error);
    void fail(const StoreError &error);

private:
    const CloudflareSite &m_site;
    QPointer<http::Exchange> m_exchange;
    ApiRoute m_route;
    QByteArray m_rawBody;
    QJsonObject m_body;
};

class ApiHandler : public http::RequestHandler
{
public:
    explicit ApiHandler(const CloudflareSite &site)
        : m_site(site)
    { }
    void handle(http::Exchange *exchange) override;

private:
    void start(http::Exchange *exchange, const ApiRoute &route);
    const CloudflareSite &m_site;
};

} // namespace coffer::server::cloudflare
