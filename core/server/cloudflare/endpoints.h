#pragma once
// The actions of the emulated API, each answering through its ApiCall.

namespace coffer::server::cloudflare {

class ApiCall;

// config_endpoints.cpp: cors and lifecycle, stored as the same documents the S3 API uses.
void runConfigAction(ApiCall &call);
// domain_endpoints.cpp: domains/managed and domains/custom.
void runDomainAction(ApiCall &call);

} // namespace coffer::server::cloudflare
