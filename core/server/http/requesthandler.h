#pragma once
// What the server calls for each request. Each worker thread gets its own handler from the
// factory (so a handler may keep per-thread state such as a database connection) and calls
// it in that thread, one exchange at a time per connection.

#include "server/http/exchange.h"

#include <functional>
#include <memory>

namespace coffer::server::http {

class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    // Called once the request head has arrived. The handler answers through
    // exchange->response(), now or later (from the same thread's event loop).
    virtual void handle(Exchange *exchange) = 0;
};

// Called once in each worker thread, in that thread.
using HandlerFactory = std::function<std::unique_ptr<RequestHandler>()>;

} // namespace coffer::server::http
