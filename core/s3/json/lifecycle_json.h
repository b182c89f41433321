#pragma once
// Lifecycle rules in the AWS JSON shape aws-cli reads and writes ({"Rules": […]}),
// with the same member names as the XML (Filter, And, Tags, Transitions, …).

#include "s3/json/json_result.h"
#include "s3/model/lifecycle.h"

#include <QByteArray>
#include <QJsonObject>

namespace coffer::s3::json {

QJsonObject lifecycleToAws(const LifecycleConfiguration &configuration);
// Also accepts aws-cli's "TransitionDefaultMinimumObjectSize" member beside "Rules": it is
// a request header of the PUT, not part of the rules, so it is read past, not kept.
JsonResult<LifecycleConfiguration> lifecycleFromAws(const QJsonObject &document);

// The same as text; errors carry the line and column (malformed JSON) or the rule
// index and the line it starts on.
JsonResult<LifecycleConfiguration> parseLifecycleJson(const QByteArray &text);

} // namespace coffer::s3::json
