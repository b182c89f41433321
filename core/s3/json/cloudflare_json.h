#pragma once
// CORS and lifecycle rules in the shapes of the Cloudflare REST API
// (/accounts/{id}/r2/buckets/{bucket}/cors and /lifecycle): the request body of a
// PUT and the "result" of a GET. Shared by the R2 REST client and the server's
// emulation of that API.

#include "s3/json/json_result.h"
#include "s3/model/cors.h"
#include "s3/model/lifecycle.h"

#include <QByteArray>
#include <QJsonObject>

namespace coffer::s3::json {

// {"rules":[{"allowed":{"origins":[…],"methods":[…],"headers":[…]},"exposeHeaders":[…],
//            "maxAgeSeconds":n,"id":"…"}]}. Carries every field of the domain type.
QJsonObject corsToCloudflare(const CorsConfiguration &configuration);
JsonResult<CorsConfiguration> corsFromCloudflare(const QJsonObject &document);

// {"rules":[{"id","enabled","conditions":{"prefix"},"deleteObjectsTransition",
//            "abortMultipartUploadsTransition","storageClassTransitions"}]}, each
// transition with {"condition":{"type":"Age","maxAge":seconds}} or
// {"condition":{"type":"Date","date":"…"}}. STANDARD_IA is "InfrequentAccess".
// The form has no tags, size filters, noncurrent-version actions or other storage
// classes: check cloudflareCannotCarry() first (or use lifecycleToCloudflareChecked),
// since this writes only what the form can hold.
QJsonObject lifecycleToCloudflare(const LifecycleConfiguration &configuration);
JsonResult<LifecycleConfiguration> lifecycleFromCloudflare(const QJsonObject &document);

// The first rule the Cloudflare form cannot hold without losing a field, as a sentence
// naming the rule and the field; an empty message when every rule fits.
JsonError cloudflareCannotCarry(const LifecycleConfiguration &configuration);
// lifecycleToCloudflare, refusing instead of dropping what the form cannot hold.
JsonResult<QJsonObject> lifecycleToCloudflareChecked(const LifecycleConfiguration &configuration);

// Text forms of the above, with errors at a line and column or at a rule's line.
JsonResult<CorsConfiguration> parseCloudflareCorsJson(const QByteArray &text);
JsonResult<LifecycleConfiguration> parseCloudflareLifecycleJson(const QByteArray &text);

} // namespace coffer::s3::json
