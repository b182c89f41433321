#pragma once
// The request router: a pure function from what arrived (method, raw target, Host, the
// x-amz-copy-source header) to one typed Endpoint, or the S3 error that refuses it.
// No I/O and no state, so it is table-tested and fuzzed directly.

#include "api_error.h"
#include "endpoint.h"

#include "s3/sigv4/signer.h"

#include <QByteArray>

#include <optional>

namespace coffer::server::api {

struct RouteRequest {
    QByteArray method;     // "GET", "PUT", ... as sent
    QByteArray target;     // the raw request target, "/bucket/key?query" (absolute-form accepted)
    QByteArray host;       // the Host header, may carry a port
    QByteArray copySource; // x-amz-copy-source, empty when absent
};

struct RouterConfig {
    // Virtual-hosted addressing answers for "<bucket>.<virtualHostBase>"; empty: off,
    // every request is path-style.
    QByteArray virtualHostBase;
};

// The raw target split at the first '?': both parts exactly as they travelled.
struct TargetParts {
    QByteArray path;  // percent-encoded, never normalized
    QByteArray query; // without '?'
};
// std::nullopt when the target is neither origin-form ("/...") nor absolute-form.
std::optional<TargetParts> splitTarget(const QByteArray &target);

struct RouteResult {
    std::optional<Endpoint> endpoint;
    ApiError error; // meaningful when !endpoint
    bool ok() const { return endpoint.has_value(); }
};

RouteResult route(const RouteRequest &request, const RouterConfig &config = {});

// Decodes "bucket/key", "/bucket/key" or "bucket/key?versionId=null" (percent-encoded).
std::optional<CopySource> parseCopySource(const QByteArray &header);

} // namespace coffer::server::api
