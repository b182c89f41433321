#pragma once
// Internal to coffer_client: object attributes <-> HTTP headers.

#include "http_response.h"
#include "operation_params.h"
#include "wire_request.h"

#include "s3/error/s3error.h"

#include <optional>

namespace coffer::client {

// Adds Content-Type, Cache-Control, ..., x-amz-meta-*, x-amz-storage-class. Returns an
// InvalidInput error for metadata that cannot travel in a header (non-ASCII or control
// characters, a name that is not a token).
std::optional<s3::S3Error> addAttributeHeaders(WireRequest &wire, const ObjectAttributes &attributes);
void addConditionHeaders(WireRequest &wire, const Conditions &conditions, const QByteArray &prefix = {});
QByteArray httpDate(const QDateTime &utc); // RFC 1123, for If-Modified-Since & co.

ObjectHead objectHeadFrom(const HttpResponse &response);
s3::Checksums checksumsFrom(const HttpResponse &response);

} // namespace coffer::client
